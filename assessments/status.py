"""Where each statutory point stands: its record, if any, and a status in words for the
tutor's and the ECT's pages. Drafts show as drafts to assessors only; the ECT sees a record
once it is theirs to read."""

from datetime import date

from django.urls import reverse

from assessments.calendar import FORMAL_ASSESSMENT, PROGRESS_REVIEW, InductionCalendar
from assessments.models import FormalAssessment, ProgressReview
from people.models import Induction

WAITING_FOR = {"tutor": "the induction tutor", "head": "the headteacher", "ect": "the ECT"}


def record_status(inductions: list[Induction]) -> dict[tuple[int, str, int], object]:
    """Every review and assessment of these inductions, keyed by (induction, kind, number):
    two queries."""
    records: dict[tuple[int, str, int], object] = {}
    for review in ProgressReview.objects.filter(induction__in=inductions):
        records[(review.induction_id, PROGRESS_REVIEW, review.number)] = review
    for assessment in FormalAssessment.objects.filter(induction__in=inductions):
        records[(assessment.induction_id, FORMAL_ASSESSMENT, assessment.point)] = assessment
    return records


def _status(point, record, today: date, *, assessor: bool) -> tuple[str, str]:
    """(words, GOV.UK tag colour)."""
    if record is not None and record.is_complete:
        if record.sent_on:
            return f"Complete, sent {record.sent_on:%-d %b %Y}", "green"
        late = point is not None and point.report_by and point.report_by < today
        if assessor:
            return ("Complete, not yet sent", "red" if late else "turquoise")
        return "Complete", "green"
    if isinstance(record, FormalAssessment) and record.tutor_confirmed_at:
        step = record.next_to_confirm
        if step == "ect" and not assessor:
            return "Waiting for you to confirm", "yellow"
        if assessor:
            return f"Waiting for {WAITING_FOR[step]} to confirm", "yellow"
    if point is None:
        return ("Draft", "blue") if assessor else ("In progress", "grey")
    if point.due_on < today:
        return ("Overdue", "red") if assessor else ("In progress", "grey")
    if point.term.starts_on <= today:
        if record is not None and assessor:
            return "Draft", "blue"
        return f"Due by {point.due_on:%-d %b %Y}", "blue"
    return "Not yet due", "grey"


def point_rows(
    induction: Induction,
    calendar: InductionCalendar,
    today: date,
    *,
    assessor: bool,
    records: dict | None = None,
) -> list[dict]:
    """One row per statutory point, with its status and the page to open."""
    if records is None:
        records = record_status([induction])
    rows = []
    for point in calendar.points:
        record = records.get((induction.pk, point.kind, point.number))
        words, colour = _status(point, record, today, assessor=assessor)
        if point.kind == PROGRESS_REVIEW:
            title = f"Progress review {point.number}"
            url = reverse("progress_review", args=[induction.pk, point.number])
        else:
            title = FormalAssessment.Point(point.number).label
            url = reverse("formal_assessment", args=[induction.pk, point.number])
        rows.append(
            {
                "point": point,
                "title": title,
                "record": record,
                "status": words,
                "colour": colour,
                "complete": record is not None and record.is_complete,
                "url": url,
            }
        )
    return rows

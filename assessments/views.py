"""The statutory induction record: the calendar of reviews and assessments, absences,
progress reviews, formal assessments with their confirmations, and exports for the
appropriate body. Who may see what is decided in tandem.permissions."""

import csv
from copy import copy
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from assessments.calendar import FORMAL_ASSESSMENT, PROGRESS_REVIEW, InductionCalendar, Point
from assessments.forms import (
    AbsenceForm,
    EctConfirmForm,
    FormalAssessmentForm,
    ProgressReviewForm,
    SentForm,
)
from assessments.models import FormalAssessment, ProgressReview
from assessments.schedule import calendar_for, calendars_for
from assessments.services import confirm_assessment, save_record
from assessments.status import point_rows, record_status
from audit.log import audited
from audit.models import AuditEvent
from people.models import Induction, Role
from tandem import permissions
from tandem.exports import safe_cell
from tandem.pdf import pdf_response


def _wearing(user, induction: Induction, roles: frozenset[str]) -> str | None:
    """Say which hat someone wears when they are also the ECT's mentor."""
    if roles & set(permissions.ASSESSORS) and (
        permissions.coaching_role(user, induction) == Role.MENTOR
    ):
        return (
            "You are this ECT's mentor too. Here you are writing as the induction tutor: this "
            "is an assessment record, kept apart from your coaching notes."
        )
    return None


def _find_point(calendar: InductionCalendar, kind: str, number: int) -> Point | None:
    return next((p for p in calendar.points if p.kind == kind and p.number == number), None)


def _record_page(request, induction, roles, *, absence_form=None, status=200) -> HttpResponse:
    calendar = calendar_for(induction)
    today = timezone.localdate()
    assessor = bool(roles & set(permissions.ASSESSORS))
    can_write = Role.INDUCTION_TUTOR in roles
    if can_write and absence_form is None:
        absence_form = AbsenceForm(induction=induction)
    return render(
        request,
        "assessments/statutory_record.html",
        {
            "induction": induction,
            "calendar": calendar,
            "rows": point_rows(induction, calendar, today, assessor=assessor),
            "served": float(calendar.served_on(today)),
            "absences": induction.absences.all() if assessor else None,
            "absence_form": absence_form,
            "can_write": can_write,
            "assessor": assessor,
            "wearing": _wearing(request.user, induction, roles),
            "placement": induction.current_placement,
        },
        status=status,
    )


@login_required
@audited(AuditEvent.Action.VIEW, "statutory record")
def statutory_record(request: HttpRequest, pk: int) -> HttpResponse:
    induction, roles = permissions.get_assessments_for(request.user, pk)
    return _record_page(request, induction, roles)


@login_required
@audited(AuditEvent.Action.CHANGE, "absence")
@require_POST
def add_absence(request: HttpRequest, pk: int) -> HttpResponse:
    induction, roles = permissions.get_assessments_for(request.user, pk, assessors_only=True)
    if Role.INDUCTION_TUTOR not in roles:
        raise PermissionDenied("The induction tutor records absences.")
    form = AbsenceForm(request.POST, induction=induction)
    if not form.is_valid():
        return _record_page(request, induction, roles, absence_form=form, status=400)
    absence = form.save(commit=False)
    absence.induction = induction
    absence.recorded_by = request.user
    absence.save()
    messages.success(request, "Absence recorded. The calendar below takes it into account.")
    return redirect("statutory_record", induction.pk)


@login_required
@audited(AuditEvent.Action.CHANGE, "absence")
@require_POST
def remove_absence(request: HttpRequest, pk: int, absence_pk: int) -> HttpResponse:
    induction, roles = permissions.get_assessments_for(request.user, pk, assessors_only=True)
    if Role.INDUCTION_TUTOR not in roles:
        raise PermissionDenied("The induction tutor records absences.")
    absence = induction.absences.filter(pk=absence_pk).first()
    if absence is None:
        raise Http404("No such absence")
    absence.delete()
    messages.success(
        request, f"Removed the absence from {absence.starts_on:%-d %B} to {absence.ends_on:%-d %B}."
    )
    return redirect("statutory_record", induction.pk)


def _term_not_started(point: Point | None, record) -> str | None:
    if record is None and point is not None and point.term.starts_on > timezone.localdate():
        return (
            f"This is for {point.term.label}, which starts on {point.term.starts_on:%-d %B %Y}. "
            "It can be written from then."
        )
    return None


def _new_record(model, induction, at: Point, user, role: str, **fields):
    return model(
        induction=induction,
        term_label=at.term.label,
        due_on=at.due_on,
        school=at.school,
        written_by=user,
        written_as=role,
        updated_by=user,
        **fields,
    )


def _conflict_data(request: HttpRequest, current_version: int):
    """The person's own typing, re-armed with the stored version: saving again is then a
    deliberate choice to replace the other person's change. The form gets a copy of the
    stored record, as validating writes onto its instance and 'their version' must stay."""
    data = request.POST.copy()
    data["version"] = str(current_version)
    return data


def _edit_page(
    request: HttpRequest,
    context: dict,
    *,
    template: str,
    view_name: str,
    can_write: bool,
    existing,
    new_record,
    make_form,
    fields: list[str],
    prepare,
    success,
    stored,
) -> HttpResponse:
    """A review's or an assessment's page. The tutor gets the form once its term has begun;
    a save goes through unless someone else saved in between, in which case both versions
    are shown and nothing is lost."""
    induction, number = context["induction"], context["number"]
    form = None
    if can_write and not context["not_yet"]:
        form = make_form(None, existing, {"version": existing.version if existing else 0})
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("Only the ECT's induction tutor writes this record.")
        if context["not_yet"]:
            messages.error(request, context["not_yet"])
            return redirect(view_name, induction.pk, number)
        record = existing or new_record()
        form = make_form(request.POST, record, None)
        if form.is_valid():
            prepare(record, form)
            saved = save_record(
                record,
                user=request.user,
                seen_version=form.cleaned_data["version"] or 0,
                fields=fields,
            )
            if saved:
                messages.success(request, success(record))
                url = reverse(view_name, args=[induction.pk, number])
                return redirect(f"{url}?saved={context['draft_key']}")
            current = stored()
            context["conflict"] = current
            form = make_form(_conflict_data(request, current.version), copy(current), None)
    context["form"] = form
    return render(request, template, context, status=409 if context["conflict"] else 200)


@login_required
@audited(AuditEvent.Action.VIEW, lambda k: f"progress review {k['number']}")
def progress_review(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    induction, roles = permissions.get_assessments_for(request.user, pk)
    review = (
        induction.progress_reviews.select_related("written_by", "updated_by")
        .filter(number=number)
        .first()
    )
    point = _find_point(calendar_for(induction), PROGRESS_REVIEW, number)
    if review is None and point is None:
        raise Http404("No such progress review")
    assessor = bool(roles & set(permissions.ASSESSORS))
    can_write = Role.INDUCTION_TUTOR in roles and not (review and review.is_complete)
    context = {
        "induction": induction,
        "review": review,
        "point": point,
        "number": number,
        "assessor": assessor,
        "visible": assessor or (review is not None and review.is_complete),
        "not_yet": _term_not_started(point, review),
        "wearing": _wearing(request.user, induction, roles),
        "draft_key": f"progress-review-{induction.pk}-{number}",
        "sent_form": None,
        "conflict": None,
    }
    if review and review.is_complete and Role.INDUCTION_TUTOR in roles and not review.sent_on:
        context["sent_form"] = SentForm(completed_on=timezone.localtime(review.completed_at).date())

    def prepare(record, form) -> None:
        if request.POST.get("action") == "complete":
            record.completed_at = timezone.now()

    def success(record) -> str:
        done = "completed: the ECT can now read it." if record.completed_at else "saved as a draft."
        return f"Progress review {number} {done}"

    return _edit_page(
        request,
        context,
        template="assessments/progress_review.html",
        view_name="progress_review",
        can_write=can_write,
        existing=review,
        new_record=lambda: _new_record(
            ProgressReview, induction, point, request.user, Role.INDUCTION_TUTOR, number=number
        ),
        make_form=lambda data, instance, initial: ProgressReviewForm(
            data, instance=instance, initial=initial
        ),
        fields=["on_track", "evidence", "targets", "support", "completed_at"],
        prepare=prepare,
        success=success,
        stored=lambda: induction.progress_reviews.select_related("updated_by").get(number=number),
    )


@login_required
@audited(AuditEvent.Action.VIEW, lambda k: f"formal assessment {k['number']}")
def formal_assessment(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    if number not in FormalAssessment.Point.values:
        raise Http404("No such formal assessment")
    induction, roles = permissions.get_assessments_for(request.user, pk)
    assessment = (
        induction.formal_assessments.select_related(
            "written_by", "updated_by", "tutor_confirmed_by", "head_confirmed_by"
        )
        .filter(point=number)
        .first()
    )
    point = _find_point(calendar_for(induction), FORMAL_ASSESSMENT, number)
    if assessment is None and point is None:
        raise Http404("No such formal assessment")
    assessor = bool(roles & set(permissions.ASSESSORS))
    # The tutor's confirmation fixes the content; after it, it is only confirmed.
    can_write = Role.INDUCTION_TUTOR in roles and not (assessment and assessment.tutor_confirmed_at)
    context = {
        "induction": induction,
        "assessment": assessment,
        "point": point,
        "number": number,
        "title": FormalAssessment.Point(number).label,
        "assessor": assessor,
        # The ECT reads it once the tutor and headteacher have confirmed it.
        "visible": assessor or (assessment is not None and assessment.head_confirmed_at),
        "not_yet": _term_not_started(point, assessment),
        "wearing": _wearing(request.user, induction, roles),
        "draft_key": f"formal-assessment-{induction.pk}-{number}",
        "conflict": None,
        "confirm_as": None,
        "ect_form": None,
        "sent_form": None,
    }
    if assessment is not None:
        step = assessment.next_to_confirm
        if step and (
            (step == "tutor" and Role.INDUCTION_TUTOR in roles)
            or (step == "head" and Role.HEADTEACHER in roles)
            or (step == "ect" and Role.ECT in roles)
        ):
            context["confirm_as"] = step
            if step == "ect":
                context["ect_form"] = EctConfirmForm()
        if assessment.is_complete and Role.INDUCTION_TUTOR in roles and not assessment.sent_on:
            context["sent_form"] = SentForm(
                completed_on=timezone.localtime(assessment.ect_confirmed_at).date()
            )

    def prepare(record, form) -> None:
        record.standards = form.standards()

    return _edit_page(
        request,
        context,
        template="assessments/formal_assessment.html",
        view_name="formal_assessment",
        can_write=can_write,
        existing=assessment,
        new_record=lambda: _new_record(
            FormalAssessment, induction, point, request.user, Role.INDUCTION_TUTOR, point=number
        ),
        make_form=lambda data, instance, initial: FormalAssessmentForm(
            data, instance=instance, initial=initial, point=number
        ),
        fields=["judgement", "evidence", "standards"],
        prepare=prepare,
        success=lambda record: (
            "Assessment saved. Confirm it when it is final; then the headteacher confirms it, "
            "and the ECT."
        ),
        stored=lambda: induction.formal_assessments.select_related("updated_by").get(point=number),
    )


@login_required
@audited(AuditEvent.Action.CHANGE, lambda k: f"formal assessment {k['number']}: a confirmation")
@require_POST
def confirm(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    induction, roles = permissions.get_assessments_for(request.user, pk)
    assessment = induction.formal_assessments.filter(point=number).first()
    if assessment is None:
        raise Http404("No such formal assessment")
    form = EctConfirmForm(request.POST)
    form.is_valid()
    try:
        step = confirm_assessment(
            assessment,
            user=request.user,
            roles=roles,
            seen_version=int(request.POST.get("version") or 0),
            comments=form.cleaned_data.get("ect_comments", ""),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            {
                "tutor": "Confirmed. The headteacher confirms it next.",
                "head": "Confirmed. The ECT reads and confirms it next.",
                "ect": "Confirmed. The assessment is complete and can go to the appropriate body.",
            }[step],
        )
    return redirect("formal_assessment", induction.pk, number)


def _statutory_record(induction: Induction, kind: str, number: int):
    if kind == PROGRESS_REVIEW:
        return induction.progress_reviews.filter(number=number).first()
    return induction.formal_assessments.filter(point=number).first()


@login_required
@audited(AuditEvent.Action.CHANGE, lambda k: f"{k['kind']} {k['number']}: the date sent")
@require_POST
def record_sent(request: HttpRequest, pk: int, kind: str, number: int) -> HttpResponse:
    induction, roles = permissions.get_assessments_for(request.user, pk, assessors_only=True)
    if Role.INDUCTION_TUTOR not in roles:
        raise PermissionDenied("The induction tutor sends records to the appropriate body.")
    record = _statutory_record(induction, kind, number)
    if record is None or not record.is_complete:
        raise Http404("No completed record to send")
    completed = record.completed_at if kind == PROGRESS_REVIEW else record.ect_confirmed_at
    form = SentForm(request.POST, completed_on=timezone.localtime(completed).date())
    if form.is_valid():
        record.sent_on = form.cleaned_data["sent_on"]
        record.save(update_fields=["sent_on"])
        messages.success(request, f"Recorded as sent on {record.sent_on:%-d %B %Y}.")
    else:
        messages.error(request, form.errors["sent_on"][0])
    view = "progress_review" if kind == PROGRESS_REVIEW else "formal_assessment"
    return redirect(view, induction.pk, number)


@login_required
@audited(AuditEvent.Action.EXPORT, lambda k: f"{k['kind']} {k['number']} as PDF")
def record_pdf(request: HttpRequest, pk: int, kind: str, number: int) -> HttpResponse:
    """The complete record as the appropriate body receives it."""
    induction, roles = permissions.get_assessments_for(request.user, pk)
    record = _statutory_record(induction, kind, number)
    if record is None or not record.is_complete:
        raise Http404("A PDF is available once the record is complete.")
    html = render_to_string(
        "assessments/pdf/record.html",
        {
            "induction": induction,
            "record": record,
            "kind": kind,
            "placement": induction.current_placement,
            "printed_on": timezone.localdate(),
        },
    )
    name = "progress-review" if kind == PROGRESS_REVIEW else "formal-assessment"
    return pdf_response(html, f"{name}-{number}-{induction.ect.full_name}.pdf")


@login_required
@audited(AuditEvent.Action.VIEW, "statutory deadlines", of="school")
def school_statutory(request: HttpRequest, pk: int) -> HttpResponse:
    """Every ECT at the school with their next statutory point, the most urgent first."""
    school = permissions.get_school_assessments_for(request.user, pk)
    today = timezone.localdate()
    inductions = list(
        Induction.objects.placed_at(school).select_related("ect").order_by("ect__full_name")
    )
    calendars = calendars_for(inductions)
    statuses = record_status(inductions)
    rows = []
    for induction in inductions:
        points = point_rows(
            induction, calendars[induction.pk], today, assessor=True, records=statuses
        )
        # The first point not yet complete is the one that needs attention.
        pending = next((row for row in points if not row["complete"]), None)
        rows.append({"induction": induction, "next": pending, "calendar": calendars[induction.pk]})
    rows.sort(
        key=lambda r: (r["next"] is None, r["next"]["point"].due_on if r["next"] else date.max)
    )
    return render(
        request,
        "assessments/school_statutory.html",
        {"school": school, "rows": rows, "today": today},
    )


CSV_COLUMNS = [
    "School URN",
    "School",
    "ECT",
    "TRN",
    "Induction started",
    "Record",
    "Term",
    "Due",
    "Completed",
    "Outcome",
    "Summary of evidence",
    "Targets",
    "Induction tutor confirmed",
    "Headteacher confirmed",
    "ECT confirmed",
    "ECT comments",
    "Sent to appropriate body",
]


def _csv_rows(school):
    inductions = Induction.objects.placed_at(school)
    reviews = ProgressReview.objects.filter(
        induction__in=inductions, completed_at__isnull=False
    ).select_related("induction__ect", "school")
    assessments = FormalAssessment.objects.filter(
        induction__in=inductions, ect_confirmed_at__isnull=False
    ).select_related("induction__ect", "school")

    def when(moment) -> str:
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""

    for r in reviews:
        yield [
            r.school.urn, r.school.name, r.induction.ect.full_name, r.induction.trn,
            r.induction.started_on.isoformat(), f"Progress review {r.number}", r.term_label,
            r.due_on.isoformat(), when(r.completed_at), r.get_on_track_display(), r.evidence,
            r.targets, "", "", "", "", r.sent_on.isoformat() if r.sent_on else "",
        ]  # fmt: skip
    for a in assessments:
        yield [
            a.school.urn, a.school.name, a.induction.ect.full_name, a.induction.trn,
            a.induction.started_on.isoformat(), a.get_point_display(), a.term_label,
            a.due_on.isoformat(), when(a.ect_confirmed_at), a.get_judgement_display(),
            a.evidence, "", when(a.tutor_confirmed_at), when(a.head_confirmed_at),
            when(a.ect_confirmed_at), a.ect_comments, a.sent_on.isoformat() if a.sent_on else "",
        ]  # fmt: skip


@login_required
@audited(AuditEvent.Action.EXPORT, "records for the appropriate body (CSV)", of="school")
def school_statutory_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Completed records of the school's ECTs, for the appropriate body."""
    school = permissions.get_school_assessments_for(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statutory-records-{school.urn}-{timezone.localdate()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([safe_cell(value) for value in row] for row in _csv_rows(school))
    return response

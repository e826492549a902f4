"""Statutory records for the demo: every review and assessment whose date has passed is
complete and sent, the current term's review is a draft for some ECTs, and one year 2 ECT's
midpoint assessment waits for their own confirmation. Words written by us."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from assessments.calendar import FORMAL_ASSESSMENT
from assessments.models import FormalAssessment, ProgressReview
from assessments.schedule import calendar_for
from people.models import Induction, Role

EVIDENCE = [
    "Drop-in visits this term, planning seen in the shared area and pupils' books show "
    "lessons that build on what the class already knows.",
    "Lesson visits, a book look with the subject lead and the ECT's own assessment data: "
    "pupils make steady progress and routines are secure.",
    "Visits to three lessons and the phase leader's notes: clear explanations, and "
    "questioning now reaches most of the class.",
]
TARGETS = [
    "Check understanding before independent work, and adapt the task from what is found.",
    "Plan questions that make every pupil think, not only the volunteers.",
    "Use the school's behaviour steps consistently, starting with the least intrusive.",
]
STANDARDS = {
    "ts1": "Sets consistent routines and expects every pupil to take part.",
    "ts4": "Lessons are well sequenced; explanations are clear and modelled.",
    "ts7": "Behaviour is managed calmly with the school's agreed steps.",
}


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_statutory(
    induction: Induction, tutor, head, rng: random.Random, today: date, *, leave_for_ect=False
) -> None:
    """Complete every point due before today; leave the midpoint assessment awaiting the
    ECT's confirmation if asked to, and a draft of the current term's review for some."""
    for point in calendar_for(induction).points:
        if point.term.starts_on > today:
            break
        due = min(point.due_on, today)
        shared = {
            "induction": induction,
            "term_label": point.term.label,
            "due_on": point.due_on,
            "school": point.school,
            "evidence": rng.choice(EVIDENCE),
            "written_by": tutor,
            "written_as": Role.INDUCTION_TUTOR,
            "updated_by": tutor,
            "updated_at": _at(due - timedelta(days=3), 15),
        }
        past = point.due_on < today
        if point.kind == FORMAL_ASSESSMENT:
            if not past:
                continue
            written = _at(point.due_on - timedelta(days=2), 15)
            awaiting_ect = leave_for_ect and point.number == 1
            FormalAssessment.objects.create(
                **shared,
                point=point.number,
                judgement=FormalAssessment.JUDGEMENTS[point.number][0],
                standards=STANDARDS,
                tutor_confirmed_at=written,
                tutor_confirmed_by=tutor,
                head_confirmed_at=written + timedelta(days=1),
                head_confirmed_by=head,
                ect_confirmed_at=None if awaiting_ect else written + timedelta(days=2),
                ect_comments="" if awaiting_ect else "I agree with the assessment.",
                sent_on=None if awaiting_ect else point.due_on + timedelta(days=5),
            )
        elif past:
            ProgressReview.objects.create(
                **shared,
                number=point.number,
                on_track=ProgressReview.OnTrack.YES,
                targets=rng.choice(TARGETS),
                completed_at=_at(point.due_on - timedelta(days=3), 16),
                sent_on=point.due_on + timedelta(days=4),
            )
        elif rng.random() < 0.5:
            # This term's review, started but not finished.
            ProgressReview.objects.create(
                **shared, number=point.number, on_track="yes", targets=rng.choice(TARGETS)
            )

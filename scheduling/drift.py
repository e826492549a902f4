"""Drift: protected meetings that were planned but not recorded. A planned meeting with no
meeting recorded from a few days before it to a few days after counts as missed, so the
induction tutor sees a pair slipping before it becomes a pattern.

Only the fact and date of a meeting are used here, never what was said: that stays between
the mentor and the ECT."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from coaching.models import Meeting
from organisations.models import School, Term
from scheduling.calendars import series_for
from scheduling.models import ScheduleSettings, Slot

LOOK_BACK = timedelta(weeks=4)
GRACE = timedelta(days=3)  # a meeting recorded up to this long after still counts
EARLY = timedelta(days=3)  # ... and one held up to this long before (moved earlier)


@dataclass
class PairDrift:
    planned: list[date] = field(default_factory=list)
    missed: list[date] = field(default_factory=list)

    @property
    def held(self) -> int:
        return len(self.planned) - len(self.missed)

    @property
    def status(self) -> str:
        if not self.planned:
            return "none"
        if len(self.missed) >= 2:
            return "pattern"
        if self.missed:
            return "slipping"
        return "on_track"

    @property
    def label(self) -> str:
        return {
            "none": "Nothing planned yet",
            "on_track": "On track",
            "slipping": "One meeting missed",
            "pattern": f"{len(self.missed)} meetings missed",
        }[self.status]


def match(planned: list[date], held: list[date]) -> list[date]:
    """The planned days with no recorded meeting near them; each record counts once."""
    unused = sorted(held)
    missed = []
    for day in sorted(planned):
        found = next((h for h in unused if day - EARLY <= h <= day + GRACE), None)
        if found is None:
            missed.append(day)
        else:
            unused.remove(found)
    return missed


def school_drift(school: School, today: date) -> dict[int, PairDrift]:
    """Mentorship id -> its meetings over the last four weeks."""
    return drift_for([school], today)


def drift_for(schools: list[School], today: date) -> dict[int, PairDrift]:
    """Mentorship id -> its meetings over the last four weeks, for any number of schools
    in four queries."""
    by_pk = {school.pk: school for school in schools}
    # Only what the series need: a trust's view loads thousands of slots.
    slots = list(
        Slot.objects.filter(
            school__in=list(by_pk), kind=Slot.Kind.MEETING, mentorship__isnull=False
        )
        .select_related("period")
        .only(
            "school_id",
            "kind",
            "mentorship_id",
            "induction_id",
            "week",
            "since",
            "period_id",
            "period__day",
        )
    )
    settings = {s.school_id: s for s in ScheduleSettings.objects.filter(school__in=list(by_pk))}
    terms = defaultdict(list)
    for term in Term.objects.filter(school__in=list(by_pk)):
        terms[term.school_id].append(term)
    # Meetings due in the last few days are not missed yet: the grace has not run out.
    start, end = today - LOOK_BACK, today - GRACE
    planned = defaultdict(list)
    slots_by_school = defaultdict(list)
    for slot in slots:
        slots_by_school[slot.school_id].append(slot)
    for school_id, school_slots in slots_by_school.items():
        setting = settings.get(school_id) or ScheduleSettings(school=by_pk[school_id])
        for series in series_for(school_slots, setting, terms[school_id], start, end):
            planned[series.slots[0].mentorship_id] += series.dates()
    inductions = {s.mentorship_id: s.induction_id for s in slots}
    held = defaultdict(list)
    for induction_id, day in Meeting.objects.filter(
        induction_id__in=set(inductions.values()),
        kind=Meeting.Kind.MEETING,
        held_on__gte=start - EARLY,
        held_on__lte=today,
    ).values_list("induction_id", "held_on"):
        held[induction_id].append(day)
    return {
        mentorship: PairDrift(sorted(days), match(days, held[inductions[mentorship]]))
        for mentorship, days in planned.items()
    }

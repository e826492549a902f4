"""Everything the induction tutor's view shows about each mentor–ECT pair, loaded for a
whole school in a fixed number of queries.

The tutor sees time, cadence and dates, never the content of coaching: when the last
observation was, how long the open target has been open, how many meetings were held; not
what was observed, what the target says or what was discussed.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Q, Sum

from assessments.calendar import Point
from assessments.schedule import calendars_for
from coaching.models import Meeting, Observation, Target
from oversight import flags as rules
from oversight.models import PairNote, PulseCheck
from pathways.models import PartProgress
from people.models import Induction, Mentorship, Role, RolePeriod
from programmes.models import StudyPart
from scheduling.drift import PairDrift, drift_for

WINDOW = timedelta(weeks=4)
DEADLINE_SOON = timedelta(weeks=4)


@dataclass
class PairRow:
    induction: Induction
    mentorship: Mentorship | None
    drift: PairDrift | None = None
    last_observation: date | None = None
    target_open_days: int | None = None
    sessions_done: int = 0
    ect_minutes_a_week: float = 0.0
    mentor_minutes_a_week: float = 0.0
    mentor_mentees: int = 0
    pulse: PulseCheck | None = None
    previous_pulse: PulseCheck | None = None
    next_point: Point | None = None
    notes: int = 0
    mentor_is_tutor: bool = False
    flags: list[rules.Flag] = field(default_factory=list)

    @property
    def mentor_target(self) -> tuple[int, int]:
        low, high = rules.MENTOR_MINUTES_PER_ECT
        return low * self.mentor_mentees, high * self.mentor_mentees


def pair_rows(inductions: list[Induction], schools, today: date) -> list[PairRow]:
    """Rows for these inductions (loaded with_current_details), most flags first."""
    start = today - WINDOW
    ids = [i.pk for i in inductions]
    mentorships = {i.pk: i.current_mentorships[0] for i in inductions if i.current_mentorships}
    mentor_ids = {m.mentor_id for m in mentorships.values()}
    drift = drift_for(list(schools), today)
    last_seen = dict(
        Observation.objects.filter(induction_id__in=ids)
        .values("induction")
        .annotate(last=Max("observed_on"))
        .values_list("induction", "last")
    )
    opened = dict(
        Target.objects.open().filter(induction_id__in=ids).values_list("induction", "set_on")
    )
    study = dict(
        PartProgress.objects.filter(induction_id__in=ids, done_on__gte=start)
        .values("induction")
        .annotate(total=Sum("minutes"))
        .values_list("induction", "total")
    )
    done = _sessions_done(ids)
    mentor_time = _mentor_minutes(mentor_ids, start, today)
    mentees = dict(
        Mentorship.objects.current(today)
        .filter(mentor_id__in=mentor_ids)
        .values("mentor")
        .annotate(n=Count("id"))
        .values_list("mentor", "n")
    )
    tutors = set(
        RolePeriod.objects.current(today)
        .filter(role=Role.INDUCTION_TUTOR, school__in=list(schools))
        .values_list("person_id", flat=True)
    )
    pulses = _latest_pulses([i.ect_id for i in inductions], today)
    calendars = calendars_for(inductions)
    notes = dict(
        PairNote.objects.filter(mentorship__in=list(mentorships.values()))
        .values("mentorship")
        .annotate(n=Count("id"))
        .values_list("mentorship", "n")
    )
    weeks = WINDOW.days / 7
    rows = []
    for induction in inductions:
        mentorship = mentorships.get(induction.pk)
        row = PairRow(induction=induction, mentorship=mentorship)
        row.drift = drift.get(mentorship.pk) if mentorship else None
        row.last_observation = last_seen.get(induction.pk)
        if induction.pk in opened:
            row.target_open_days = (today - opened[induction.pk]).days
        row.sessions_done = done.get(induction.pk, 0)
        row.ect_minutes_a_week = (study.get(induction.pk) or 0) / weeks
        latest = pulses.get(induction.ect_id, [])
        row.pulse = latest[0] if latest else None
        row.previous_pulse = latest[1] if len(latest) > 1 else None
        point = calendars[induction.pk].next_point(today)
        row.next_point = point if point and point.due_on <= today + DEADLINE_SOON else None
        if mentorship:
            row.mentor_minutes_a_week = mentor_time.get(mentorship.mentor_id, 0) / weeks
            row.mentor_mentees = mentees.get(mentorship.mentor_id, 0)
            row.notes = notes.get(mentorship.pk, 0)
            row.mentor_is_tutor = mentorship.mentor_id in tutors
        row.flags = _flags(row, mentorship, tutors)
        rows.append(row)
    rows.sort(key=lambda r: (-len(r.flags), r.induction.ect.full_name))
    return rows


def _flags(row: PairRow, mentorship, tutors) -> list[rules.Flag]:
    found = [
        rules.no_mentor(mentorship is not None),
        rules.ect_over_time(row.ect_minutes_a_week),
        rules.wellbeing_dropping(
            row.pulse.score if row.pulse else None,
            row.previous_pulse.score if row.previous_pulse else None,
        ),
    ]
    if mentorship:
        found += [
            rules.meetings_slipping(
                len(row.drift.planned) if row.drift else 0,
                len(row.drift.missed) if row.drift else 0,
            ),
            rules.mentor_overloaded(row.mentor_mentees, row.mentor_minutes_a_week),
            rules.mentor_is_tutor(mentorship.mentor_id in tutors, mentorship.safeguards),
        ]
    return [flag for flag in found if flag]


def _sessions_done(induction_ids: list[int]) -> dict[int, int]:
    """Sessions whose every study part the ECT has done: two queries."""
    done = (
        PartProgress.objects.filter(induction_id__in=induction_ids, done_on__isnull=False)
        .values("induction", "part__session")
        .annotate(n=Count("id"))
    )
    sessions = {row["part__session"] for row in done}
    parts = dict(
        StudyPart.objects.filter(session__in=sessions)
        .values("session")
        .annotate(n=Count("id"))
        .values_list("session", "n")
    )
    counts = Counter()
    for row in done:
        if row["n"] >= parts.get(row["part__session"], 0):
            counts[row["induction"]] += 1
    return counts


def _mentor_minutes(mentor_ids, start: date, today: date) -> dict[int, int]:
    """Minutes each mentor recorded with any of their ECTs: meetings, check-ins and
    observations (two queries)."""
    minutes = defaultdict(int)
    for mentor, total in (
        Meeting.objects.filter(recorded_by__in=mentor_ids, held_on__gte=start, held_on__lte=today)
        .values("recorded_by")
        .annotate(total=Sum("minutes"))
        .values_list("recorded_by", "total")
    ):
        minutes[mentor] += total or 0
    for mentor, total in (
        Observation.objects.filter(
            observer__in=mentor_ids, observed_on__gte=start, observed_on__lte=today
        )
        .values("observer")
        .annotate(total=Sum("minutes"))
        .values_list("observer", "total")
    ):
        minutes[mentor] += total or 0
    return minutes


def _latest_pulses(person_ids, today: date) -> dict[int, list[PulseCheck]]:
    """Each ECT's two most recent pulse checks in the last eight weeks, newest first."""
    found = defaultdict(list)
    for check in PulseCheck.objects.filter(
        Q(person_id__in=person_ids),
        role=PulseCheck.Role.ECT,
        week_of__gte=today - timedelta(weeks=8),
    ).order_by("person", "-week_of"):
        if len(found[check.person_id]) < 2:
            found[check.person_id].append(check)
    return found


@dataclass
class Delivered:
    """Protected meetings held against planned, over the last four weeks."""

    planned: int = 0
    held: int = 0

    @property
    def share(self) -> float | None:
        return self.held / self.planned if self.planned else None


def delivered(rows: list[PairRow]) -> Delivered:
    total = Delivered()
    for row in rows:
        if row.drift:
            total.planned += len(row.drift.planned)
            total.held += row.drift.held
    return total

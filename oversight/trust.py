"""The trust's or LA's view: its schools side by side, in a fixed number of queries however
many schools there are. Only counts and averages leave a school, and pulse results only for
groups of MIN_GROUP people or more."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Min

from oversight import pulse
from oversight.flags import MAX_MENTEES
from oversight.models import PulseCheck
from pathways.models import PartProgress
from people.models import Induction, Mentorship, Role, RolePeriod
from scheduling.drift import drift_for

WINDOW = timedelta(weeks=4)
LOW_DELIVERY = 0.75  # under three in four planned meetings held
LOW_ENGAGEMENT = 0.5  # under half the ECTs studied in four weeks
LOW_PULSE = 3.0
LOAD_BANDS = ("1", "2", "3", "4 or more")


@dataclass
class SchoolRow:
    school: object
    ects: int = 0
    unmentored: int = 0
    mentors: int = 0
    new_mentors: int = 0
    planned: int = 0
    held: int = 0
    studying: int = 0
    load: Counter = field(default_factory=Counter)  # band -> mentors
    pulse: float | None = None
    pulse_people: int = 0
    support: list[str] = field(default_factory=list)

    @property
    def load_items(self) -> list[tuple[str, int]]:
        return [(band, self.load[band]) for band in LOAD_BANDS if self.load[band]]

    @property
    def delivered(self) -> float | None:
        return self.held / self.planned if self.planned else None

    @property
    def engagement(self) -> float | None:
        return self.studying / self.ects if self.ects else None

    @property
    def new_share(self) -> float | None:
        return self.new_mentors / self.mentors if self.mentors else None


def _band(n: int) -> str:
    return LOAD_BANDS[min(n, 4) - 1]


def school_rows(trust, today: date, weeks: int) -> list[SchoolRow]:
    schools = list(trust.schools.all())
    rows = {s.pk: SchoolRow(s) for s in schools}
    start = today - WINDOW
    year_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    placements = dict(
        RolePeriod.objects.current(today)
        .filter(role=Role.ECT, school__in=schools)
        .values_list("person_id", "school_id")
    )
    for school_id in placements.values():
        rows[school_id].ects += 1
    mentorships = list(
        Mentorship.objects.current(today)
        .filter(induction__ect_id__in=list(placements))
        .values_list("pk", "induction__ect_id", "mentor_id", "induction_id")
    )
    mentored = {ect for _pk, ect, _m, _i in mentorships}
    for ect, school_id in placements.items():
        if ect not in mentored:
            rows[school_id].unmentored += 1
    # Load counts every current mentee of a mentor, at whichever school.
    mentees = Counter(m for _pk, _e, m, _i in mentorships)
    mentor_school = dict(
        RolePeriod.objects.current(today)
        .filter(role=Role.MENTOR, school__in=schools)
        .values_list("person_id", "school_id")
    )
    first_mentoring = dict(
        RolePeriod.objects.filter(role=Role.MENTOR, person_id__in=list(mentor_school))
        .values("person")
        .annotate(first=Min("starts_on"))
        .values_list("person", "first")
    )
    for mentor, school_id in mentor_school.items():
        row = rows[school_id]
        row.mentors += 1
        if first_mentoring.get(mentor, year_start) >= year_start:
            row.new_mentors += 1
        if mentees[mentor]:
            row.load[_band(mentees[mentor])] += 1
    drift = drift_for(schools, today)
    school_of_mentorship = {pk: placements[ect] for pk, ect, _m, _i in mentorships}
    for mentorship_id, pair in drift.items():
        school_id = school_of_mentorship.get(mentorship_id)
        if school_id in rows:
            rows[school_id].planned += len(pair.planned)
            rows[school_id].held += pair.held
    induction_school = {
        pk: placements[ect]
        for pk, ect in Induction.objects.filter(ect_id__in=list(placements)).values_list(
            "pk", "ect_id"
        )
    }
    studying = set(
        PartProgress.objects.filter(
            induction_id__in=list(induction_school), done_on__gte=start
        ).values_list("induction_id", flat=True)
    )
    for induction_id in studying:
        rows[induction_school[induction_id]].studying += 1
    checks = PulseCheck.objects.filter(school__in=schools)
    for school_id, result in pulse.by_school(checks, today - timedelta(weeks=weeks)).items():
        if school_id in rows:
            rows[school_id].pulse = result["score"]
            rows[school_id].pulse_people = result["people"]
    for row in rows.values():
        row.support = _needs_support(row)
    return sorted(rows.values(), key=lambda r: (-len(r.support), r.school.name))


def _needs_support(row: SchoolRow) -> list[str]:
    reasons = []
    if row.delivered is not None and row.delivered < LOW_DELIVERY:
        reasons.append(f"{row.delivered:.0%} of planned meetings held")
    if row.engagement is not None and row.engagement < LOW_ENGAGEMENT:
        reasons.append(f"{row.engagement:.0%} of ECTs studied in four weeks")
    if row.unmentored:
        reasons.append(f"{row.unmentored} ECT{'s' if row.unmentored > 1 else ''} without a mentor")
    if row.load[LOAD_BANDS[-1]]:
        reasons.append(f"a mentor with more than {MAX_MENTEES} ECTs")
    if row.pulse is not None and row.pulse < LOW_PULSE:
        reasons.append(f"pulse {row.pulse:.1f} of 5")
    return reasons


def pulse_trend(schools: list[int], today: date, weeks: int) -> dict[str, list[pulse.WeekResult]]:
    """Week by week, ECTs' and mentors' average answers across these schools (two queries)."""
    checks = PulseCheck.objects.filter(
        school__in=schools, week_of__gte=pulse.monday(today) - timedelta(weeks=weeks - 1)
    )
    return {
        "ect": pulse.weekly_results(checks, role=PulseCheck.Role.ECT),
        "mentor": pulse.weekly_results(checks, role=PulseCheck.Role.MENTOR),
    }


def load_distribution(rows: list[SchoolRow]) -> dict[str, int]:
    total = defaultdict(int)
    for row in rows:
        for band, n in row.load.items():
            total[band] += n
    return {band: total[band] for band in LOAD_BANDS}

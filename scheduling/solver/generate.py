"""Generated but realistic instances, for the benchmark and the property tests.

Secondary schools: five one-hour lessons a day and lunch (no after-school slot: meetings stay
within the school day); teachers
teach about 80% of lessons, ECTs 90% of that (the rest is PPA and induction release),
mentors have one period of mentoring time. Primary schools: four sessions a day, class
teachers teach nearly all of them, so common free time is scarce and observations often
need cover, as in real primary schools.
"""

import random

from scheduling.solver.schema import (
    BUSY,
    RELEASE,
    TEACHING,
    WEEKS,
    Period,
    Person,
    Problem,
    School,
    Slot,
)
from scheduling.solver.tasks import FORTNIGHTLY, WEEKLY, pair_tasks, review_task

SECONDARY_DAY = [
    ("P1", 530, 590, False),
    ("P2", 590, 650, False),
    ("P3", 670, 730, False),
    ("Lunch", 730, 775, True),
    ("P4", 775, 835, False),
    ("P5", 835, 895, True),
]
PRIMARY_DAY = [
    ("Morning 1", 540, 615, False),
    ("Morning 2", 630, 720, False),
    ("Lunch", 720, 780, True),
    ("Afternoon 1", 780, 855, False),
    ("Afternoon 2", 855, 915, True),
    ("After school", 930, 990, True),
]
LESSON_CODES = {
    "secondary": ["P1", "P2", "P3", "P4", "P5"],
    "primary": ["Morning 1", "Morning 2", "Afternoon 1", "Afternoon 2"],
}
# Non-teaching periods a week: (PPA and other busy time, release time) by phase and role.
NON_CONTACT = {
    ("secondary", "ect"): (3, 2),
    ("secondary", "mentor"): (4, 1),
    ("secondary", "tutor"): (4, 2),
    ("primary", "ect"): (2, 2),
    ("primary", "mentor"): (2, 1),
    ("primary", "tutor"): (3, 3),
}


def school_periods(phase: str) -> list[Period]:
    day = SECONDARY_DAY if phase == "secondary" else PRIMARY_DAY
    return [Period(code, d, start, end, tired) for d in range(5) for code, start, end, tired in day]


def timetable(rng: random.Random, phase: str, role: str, two_week: bool) -> dict[Slot, str]:
    codes = LESSON_CODES[phase]
    busy_n, release_n = NON_CONTACT[phase, role]
    lessons: dict[Slot, str] = {}
    weeks = WEEKS if two_week else WEEKS[:1]
    for week in weeks:
        slots = [(d, c) for d in range(5) for c in codes]
        rng.shuffle(slots)
        non_contact = slots[: busy_n + release_n]
        for d, c in slots[busy_n + release_n :]:
            lessons[Slot(week, d, c)] = TEACHING
        for i, (d, c) in enumerate(non_contact):
            lessons[Slot(week, d, c)] = BUSY if i < busy_n else RELEASE
        if rng.random() < 0.5:  # a lunch duty
            lessons[Slot(week, rng.randrange(5), "Lunch")] = BUSY
    if not two_week:
        lessons.update({Slot("B", s.day, s.period): kind for s, kind in list(lessons.items())})
    return lessons


def align_release(mentor: dict[Slot, str], ect: dict[Slot, str]) -> None:
    """Some schools timetable a mentor's mentoring period beside their ECT's release, as the
    evaluation recommends: swap the mentor's first release period onto the ECT's."""
    for week in WEEKS:
        ect_release = sorted(s for s, k in ect.items() if k == RELEASE and s.week == week)
        mentor_release = sorted(s for s, k in mentor.items() if k == RELEASE and s.week == week)
        if ect_release and mentor_release:
            mentor[mentor_release[0]] = mentor.get(ect_release[0], TEACHING)
            mentor[ect_release[0]] = RELEASE


def generate(
    schools: int,
    pairs: int,
    *,
    seed: int = 0,
    primary_share: float = 0.4,
    reviews: bool = True,
    budget: int | None = 120,
    ects_per_mentor: float = 1.25,
) -> Problem:
    """`schools` schools sharing `pairs` mentor-ECT pairs; secondary schools get more."""
    rng = random.Random(seed)
    phases = [
        "primary" if i < round(schools * primary_share) else "secondary" for i in range(schools)
    ]
    weights = [1 if p == "primary" else 3.5 for p in phases]
    sizes = [max(1, round(pairs * w / sum(weights))) for w in weights]
    sizes[-1] += pairs - sum(sizes)
    problem = Problem(schools={}, people={}, tasks=[])
    for index, (phase, size) in enumerate(zip(phases, sizes, strict=True)):
        _add_school(
            problem, rng, f"s{index}", phase, max(size, 1), reviews, budget, ects_per_mentor
        )
    return problem


def _add_school(problem, rng, sid, phase, size, reviews, budget, ects_per_mentor) -> None:
    two_week = phase == "secondary" and rng.random() < 0.5
    problem.schools[sid] = School(sid, school_periods(phase), allow_cover=True)

    def person(pid, role, **fields):
        problem.people[pid] = Person(pid, pid, sid, timetable(rng, phase, role, two_week), **fields)
        return pid

    tutor = person(f"{sid}-tutor", "tutor")
    # By default most mentors have one ECT and some two; the budget is per mentor.
    mentors = [
        person(f"{sid}-m{i}", "mentor", weekly_budget=budget, mentor=True)
        for i in range(max(1, round(size / ects_per_mentor)))
    ]
    for i in range(size):
        ect = person(f"{sid}-e{i}", "ect")
        mentor = mentors[i % len(mentors)]
        if rng.random() < 0.5:
            align_release(problem.people[mentor].lessons, problem.people[ect].lessons)
        cadence = WEEKLY if rng.random() < 0.8 else FORTNIGHTLY
        problem.tasks += pair_tasks(
            f"{sid}-p{i}",
            school=sid,
            ect=ect,
            mentor=mentor,
            meeting_minutes=45,
            cadence=cadence,
            observation_minutes=25,
        )
        if reviews and rng.random() < 0.5:
            problem.tasks.append(
                review_task(f"{sid}-p{i}", school=sid, ect=ect, tutor=tutor, minutes=30)
            )

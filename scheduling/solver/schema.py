"""The scheduling problem and its solution, as plain data (no Django, no solver).

Time is a two-week cycle (week A and week B) of school days, each cut into the school's
periods. A school on a one-week timetable has the same lessons in both weeks. Every placed
task repeats on its slot once a cycle, that is every fortnight; a weekly meeting is two
tasks, one in each week, ideally at the same time in both.
"""

from dataclasses import dataclass, field

WEEKS = ("A", "B")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

# What a person's timetable says about one slot. No entry means a free (non-contact) period.
TEACHING = "teaching"  # teaching a class: busy, and observable
RELEASE = "release"  # induction release or mentoring time: free, and the best time to meet
BUSY = "busy"  # PPA, duties, other commitments: not free, not observable

MEETING = "meeting"
OBSERVATION = "observation"
REVIEW = "review"


@dataclass(frozen=True, order=True)
class Slot:
    week: str
    day: int
    period: str

    def label(self) -> str:
        return f"week {self.week}, {DAYS[self.day]}, {self.period}"


@dataclass(frozen=True)
class Period:
    """One period of one school day, identical in both weeks of the cycle."""

    code: str
    day: int
    starts: int  # minutes after midnight
    ends: int
    tired: bool = False  # last period, lunch, after school: placed there only if need be

    @property
    def minutes(self) -> int:
        return self.ends - self.starts


@dataclass
class School:
    id: str
    periods: list[Period]
    allow_cover: bool = True  # may an observation ask for the mentor's lesson to be covered?

    def slots(self) -> list[Slot]:
        return [Slot(week, p.day, p.code) for week in WEEKS for p in self.periods]

    def period(self, slot: Slot) -> Period | None:
        return self._index().get((slot.day, slot.period))

    def _index(self) -> dict[tuple[int, str], Period]:
        cached = self.__dict__.get("_by_key")
        if cached is None:
            cached = self.__dict__["_by_key"] = {(p.day, p.code): p for p in self.periods}
        return cached


@dataclass
class Person:
    id: str
    name: str
    school: str
    lessons: dict[Slot, str] = field(default_factory=dict)  # slot -> TEACHING/RELEASE/BUSY
    weekly_budget: int | None = None  # minutes a week this mentor is given for mentoring
    mentor: bool = False  # may be suggested as a different mentor

    def free(self, slot: Slot) -> bool:
        return self.lessons.get(slot, RELEASE) == RELEASE

    def teaching(self, slot: Slot) -> bool:
        return self.lessons.get(slot) == TEACHING

    def on_release(self, slot: Slot) -> bool:
        return self.lessons.get(slot) == RELEASE


@dataclass(frozen=True)
class Task:
    """Something to place once in the cycle: one half of a weekly meeting (weeks=('A',)),
    a fortnightly meeting or observation (weeks=('A', 'B')), or a progress-review meeting."""

    id: str
    kind: str
    school: str
    people: tuple[str, ...]
    minutes: int
    weeks: tuple[str, ...] = WEEKS
    ect: str | None = None
    mentor: str | None = None  # whose weekly budget this counts against
    pair: str | None = None  # tasks of one mentor-ECT pair share this
    twin: str | None = None  # the other half of a weekly meeting: same time is preferred


@dataclass
class Problem:
    schools: dict[str, School]
    people: dict[str, Person]
    tasks: list[Task]
    pins: dict[str, Slot] = field(default_factory=dict)  # task id -> slot fixed by hand
    # Slots a person cannot use whatever their timetable says (trust events, say).
    blocked: dict[str, set[Slot]] = field(default_factory=dict)

    def task(self, task_id: str) -> Task:
        cached = self.__dict__.get("_tasks")
        if cached is None:
            cached = self.__dict__["_tasks"] = {t.id: t for t in self.tasks}
        return cached[task_id]

    def available(self, person_id: str, slot: Slot) -> bool:
        return self.people[person_id].free(slot) and slot not in self.blocked.get(person_id, ())


@dataclass(frozen=True)
class Assignment:
    task: str
    slot: Slot
    needs_cover: bool = False


# Why a task could not be placed.
NO_COMMON_TIME = "no_common_time"
OVER_BUDGET = "over_budget"
TAKEN = "taken"
PIN_INVALID = "pin_invalid"

REASONS = {
    NO_COMMON_TIME: "They have no period in common when both are free",
    OVER_BUDGET: "The mentor's weekly time would go over their budget",
    TAKEN: "Every period they share is already taken by other meetings",
    PIN_INVALID: "The time it was pinned to is no longer free",
}


@dataclass(frozen=True)
class Unplaced:
    task: str
    reason: str
    fixes: tuple[str, ...] = ()

    @property
    def reason_text(self) -> str:
        return REASONS[self.reason]


@dataclass
class Solution:
    assignments: dict[str, Assignment]
    unplaced: list[Unplaced]
    solver: str
    status: str = "feasible"  # optimal, feasible
    objective: int = 0
    bound: int = 0
    seconds: float = 0.0

    @property
    def gap(self) -> float:
        """How far the objective may be from the best possible, as a share of the bound."""
        if self.bound == 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / abs(self.bound))

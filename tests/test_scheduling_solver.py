"""The scheduler package on its own: each hard rule alone (feasible and infeasible), each
preference, the validator on hand-made good and bad solutions, explanations, and a property
test that every solution the solver returns passes the validator."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.solver import events
from scheduling.solver.generate import generate
from scheduling.solver.greedy import solve_greedy
from scheduling.solver.schema import (
    BUSY,
    NO_COMMON_TIME,
    OBSERVATION,
    OVER_BUDGET,
    PIN_INVALID,
    RELEASE,
    REVIEW,
    TAKEN,
    TEACHING,
    Assignment,
    Period,
    Person,
    Problem,
    School,
    Slot,
    Solution,
    Task,
    Unplaced,
)
from scheduling.solver.score import score
from scheduling.solver.solve import solve, split
from scheduling.solver.tasks import FORTNIGHTLY, pair_tasks
from scheduling.solver.validate import violations

MONDAY_PERIODS = [
    Period("P1", 0, 540, 600),
    Period("P2", 0, 600, 660),
    Period("P3", 0, 660, 720, tired=True),
]


def problem(people: dict[str, dict], tasks: list[Task], periods=None, **kw) -> Problem:
    """A one-school problem; `people` maps id to lessons {(week, period): kind} and options."""
    school = School("s", periods or MONDAY_PERIODS, allow_cover=kw.pop("allow_cover", True))
    built = {}
    for pid, spec in people.items():
        lessons = {Slot(w, 0, p): kind for (w, p), kind in spec.get("lessons", {}).items()}
        built[pid] = Person(
            pid, pid.title(), "s", lessons, spec.get("budget"), spec.get("mentor", False)
        )
    return Problem({"s": school}, built, tasks, **kw)


def meeting(task_id="t1", people=("m", "e"), weeks=("A",), minutes=45, **kw) -> Task:
    return Task(task_id, "meeting", "s", tuple(people), minutes, weeks, ect="e", mentor="m", **kw)


def both_weeks(lessons: dict[str, str]) -> dict:
    return {(w, p): kind for w in "AB" for p, kind in lessons.items()}


def placed_at(solution: Solution, task_id: str) -> Slot | None:
    a = solution.assignments.get(task_id)
    return a.slot if a else None


def checked(p: Problem) -> Solution:
    solution = solve(p, time_limit=5)
    assert violations(p, solution) == []
    return solution


# --- hard rules, one at a time ------------------------------------------------------------


def test_a_meeting_goes_where_both_are_free():
    p = problem(
        {"m": {"lessons": both_weeks({"P1": TEACHING})}, "e": {"lessons": both_weeks({})}},
        [meeting()],
    )
    assert placed_at(checked(p), "t1") == Slot("A", 0, "P2")


def test_a_meeting_with_no_common_free_period_is_explained_not_forced():
    p = problem(
        {
            "m": {"lessons": both_weeks({"P1": TEACHING, "P2": BUSY, "P3": TEACHING})},
            "e": {"lessons": both_weeks({})},
        },
        [meeting()],
    )
    solution = checked(p)
    assert solution.assignments == {}
    assert solution.unplaced[0].reason == NO_COMMON_TIME
    assert any("Cover" in fix for fix in solution.unplaced[0].fixes)


def test_nobody_is_booked_twice_in_one_slot():
    both = problem(
        {"m": {"lessons": both_weeks({"P3": TEACHING})}, "e": {}, "e2": {}},
        [meeting("t1"), meeting("t2", people=("m", "e2"))],
    )
    solution = checked(both)
    assert {placed_at(solution, "t1"), placed_at(solution, "t2")} == {
        Slot("A", 0, "P1"),
        Slot("A", 0, "P2"),
    }
    one_slot = problem(
        {"m": {"lessons": both_weeks({"P2": TEACHING, "P3": TEACHING})}, "e": {}, "e2": {}},
        [meeting("t1"), meeting("t2", people=("m", "e2"))],
    )
    solution = checked(one_slot)
    assert len(solution.assignments) == 1
    assert solution.unplaced[0].reason == TAKEN


def test_the_mentors_weekly_budget_caps_their_time():
    tasks = [meeting("t1"), meeting("t2", people=("m", "e2"))]
    tight = problem({"m": {"budget": 60, "mentor": True}, "e": {}, "e2": {}}, tasks)
    solution = checked(tight)
    assert len(solution.assignments) == 1
    assert solution.unplaced[0].reason == OVER_BUDGET
    assert "90 minutes" in solution.unplaced[0].fixes[0]
    enough = problem({"m": {"budget": 90, "mentor": True}, "e": {}, "e2": {}}, tasks)
    assert len(checked(enough).assignments) == 2


def test_a_weekly_half_stays_in_its_week():
    p = problem({"m": {}, "e": {}}, [meeting(weeks=("B",))])
    assert placed_at(checked(p), "t1").week == "B"


def test_a_pin_is_kept_even_where_a_better_slot_exists():
    p = problem({"m": {}, "e": {}}, [meeting()], pins={"t1": Slot("A", 0, "P3")})
    assert placed_at(checked(p), "t1") == Slot("A", 0, "P3")


def test_a_pin_that_is_no_longer_free_leaves_the_task_for_the_tutor():
    p = problem(
        {"m": {"lessons": both_weeks({"P3": TEACHING})}, "e": {}},
        [meeting()],
        pins={"t1": Slot("A", 0, "P3")},
    )
    solution = checked(p)
    assert solution.assignments == {}
    assert solution.unplaced[0].reason == PIN_INVALID


def test_an_observation_needs_the_ect_teaching_and_the_mentor_free():
    obs = Task("o", OBSERVATION, "s", ("m", "e"), 25, ect="e", mentor="m")
    p = problem(
        {
            "m": {"lessons": both_weeks({"P1": TEACHING})},
            "e": {"lessons": both_weeks({"P1": TEACHING, "P2": TEACHING})},
        },
        [obs],
    )
    solution = checked(p)
    assert placed_at(solution, "o").period == "P2"
    assert not solution.assignments["o"].needs_cover


def test_an_observation_asks_for_cover_only_if_the_school_allows_it():
    obs = Task("o", OBSERVATION, "s", ("m", "e"), 25, ect="e", mentor="m")
    people = {
        "m": {"lessons": both_weeks({"P1": TEACHING})},
        "e": {"lessons": both_weeks({"P1": TEACHING})},
    }
    solution = checked(problem(people, [obs]))
    assert solution.assignments["o"].needs_cover
    refused = checked(problem(people, [obs], allow_cover=False))
    assert refused.unplaced[0].reason == NO_COMMON_TIME


def test_a_task_longer_than_every_period_is_not_placed():
    p = problem({"m": {}, "e": {}}, [meeting(minutes=90)])
    assert checked(p).unplaced[0].reason == NO_COMMON_TIME


def test_blocked_time_is_not_used():
    p = problem(
        {"m": {}, "e": {}},
        [meeting()],
        blocked={"m": {Slot("A", 0, "P1"), Slot("A", 0, "P2")}},
    )
    assert placed_at(checked(p), "t1") == Slot("A", 0, "P3")


# --- preferences ---------------------------------------------------------------------------


def test_tired_slots_are_avoided_when_there_is_another():
    p = problem({"m": {"lessons": both_weeks({"P1": TEACHING})}, "e": {}}, [meeting()])
    assert placed_at(checked(p), "t1").period == "P2"


def test_a_tired_slot_is_used_rather_than_leaving_a_meeting_out():
    p = problem(
        {"m": {"lessons": both_weeks({"P1": TEACHING, "P2": TEACHING})}, "e": {}}, [meeting()]
    )
    assert placed_at(checked(p), "t1").period == "P3"


def test_the_ects_release_period_is_preferred():
    p = problem({"m": {}, "e": {"lessons": both_weeks({"P2": RELEASE})}}, [meeting()])
    assert placed_at(checked(p), "t1").period == "P2"


def test_a_weekly_meeting_keeps_the_same_time_in_both_weeks():
    tasks = pair_tasks("p", school="s", ect="e", mentor="m", meeting_minutes=45)
    # In week A only P2 is free; in week B both P1 and P2 are: B should follow A.
    lessons = {("A", "P1"): TEACHING, ("A", "P3"): TEACHING, ("B", "P3"): TEACHING}
    p = problem({"m": {"lessons": lessons}, "e": {}}, tasks)
    solution = checked(p)
    assert placed_at(solution, "p:meeting:A").period == "P2"
    assert placed_at(solution, "p:meeting:B").period == "P2"


def test_a_mentors_meetings_spread_across_the_week():
    periods = [Period("P1", d, 540, 600) for d in range(2)] + [
        Period("P2", d, 600, 660) for d in range(2)
    ]
    tasks = [meeting("t1"), meeting("t2", people=("m", "e2"))]
    p = problem({"m": {}, "e": {}, "e2": {}}, tasks, periods=periods)
    solution = checked(p)
    assert placed_at(solution, "t1").day != placed_at(solution, "t2").day


def test_cover_is_avoided_when_the_mentor_is_free_in_another_lesson():
    obs = Task("o", OBSERVATION, "s", ("m", "e"), 25, ect="e", mentor="m")
    p = problem(
        {
            "m": {"lessons": both_weeks({"P1": TEACHING})},
            "e": {"lessons": both_weeks({"P1": TEACHING, "P3": TEACHING})},
        },
        [obs],
    )
    assert checked(p).assignments["o"] == Assignment("o", Slot("A", 0, "P3"), False)


# --- the validator, on hand-made solutions ---------------------------------------------------


def _sample():
    tasks = [meeting("t1"), meeting("t2", people=("m", "e2"))]
    return problem(
        {"m": {"budget": 90, "lessons": both_weeks({"P3": TEACHING})}, "e": {}, "e2": {}}, tasks
    )


def _solution(assignments, unplaced=()):
    return Solution({a.task: a for a in assignments}, list(unplaced), "hand")


def test_the_validator_accepts_a_good_solution():
    p = _sample()
    good = _solution([Assignment("t1", Slot("A", 0, "P1")), Assignment("t2", Slot("A", 0, "P2"))])
    assert violations(p, good) == []


@pytest.mark.parametrize(
    ("assignments", "unplaced", "expected"),
    [
        (
            [Assignment("t1", Slot("A", 0, "P1")), Assignment("t2", Slot("A", 0, "P1"))],
            [],
            "booked twice",
        ),
        ([Assignment("t1", Slot("A", 0, "P3"))], [Unplaced("t2", TAKEN)], "not free"),
        ([Assignment("t1", Slot("B", 0, "P1"))], [Unplaced("t2", TAKEN)], "allowed"),
        ([Assignment("t1", Slot("A", 0, "P9"))], [Unplaced("t2", TAKEN)], "not a period"),
        ([Assignment("t1", Slot("A", 0, "P1"))], [], "either placed or explained"),
        (
            [Assignment("t1", Slot("A", 0, "P1"), needs_cover=True)],
            [Unplaced("t2", TAKEN)],
            "only observations",
        ),
        (
            [Assignment("t1", Slot("A", 0, "P1"))],
            [Unplaced("t1", TAKEN), Unplaced("t2", TAKEN)],
            "either placed or explained",
        ),
    ],
)
def test_the_validator_catches_each_broken_rule(assignments, unplaced, expected):
    found = violations(_sample(), _solution(assignments, unplaced))
    assert any(expected in v for v in found), found


def test_the_validator_catches_a_budget_overrun_and_a_moved_pin():
    p = _sample()
    p.people["m"].weekly_budget = 60
    p.pins["t1"] = Slot("A", 0, "P2")
    bad = _solution([Assignment("t1", Slot("A", 0, "P1")), Assignment("t2", Slot("A", 0, "P2"))])
    found = violations(p, bad)
    assert any("budget" in v for v in found)
    assert any("pinned" in v for v in found)


def test_the_validator_catches_an_observation_of_a_free_period():
    obs = Task("o", OBSERVATION, "s", ("m", "e"), 25, ect="e", mentor="m")
    p = problem({"m": {}, "e": {}}, [obs])
    assert any(
        "not teaching" in v for v in violations(p, _solution([Assignment("o", Slot("A", 0, "P1"))]))
    )


# --- explanations ------------------------------------------------------------------------------


def test_a_different_mentor_is_suggested_when_one_shares_time_with_the_ect():
    p = problem(
        {
            "m": {"mentor": True, "lessons": both_weeks({"P1": TEACHING, "P2": TEACHING})},
            "m2": {"mentor": True, "lessons": both_weeks({})},
            "e": {"lessons": both_weeks({"P3": BUSY})},
        },
        [meeting()],
    )
    solution = checked(p)
    assert solution.unplaced[0].reason == NO_COMMON_TIME
    assert any("A different mentor: M2" in fix for fix in solution.unplaced[0].fixes)


# --- the solver as a whole -------------------------------------------------------------------


def test_people_who_share_no_task_are_solved_as_separate_parts():
    p = generate(3, 12, seed=4)
    parts = split(p)
    people = [{person for t in part.tasks for person in t.people} for part in parts]
    assert len(parts) >= 3
    assert {len({t.school for t in part.tasks}) for part in parts} == {1}
    for i, first in enumerate(people):
        assert all(not first & other for other in people[i + 1 :])
    assert sum(len(part.tasks) for part in parts) == len(p.tasks)


def test_cp_sat_reports_the_same_objective_as_an_independent_score():
    p = generate(2, 12, seed=5)
    solution = solve(p, time_limit=5)
    assert solution.objective == score(p, solution.assignments)
    assert solution.bound >= solution.objective


def test_cp_sat_is_at_least_as_good_as_the_greedy_baseline():
    p = generate(2, 20, seed=6)
    assert solve(p, time_limit=5).objective >= solve_greedy(p).objective


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    schools=st.integers(1, 3),
    pairs=st.integers(1, 8),
    budget=st.sampled_from([None, 45, 90, 120]),
    pin_share=st.floats(0, 0.5),
)
def test_every_solution_passes_the_validator(seed, schools, pairs, budget, pin_share):
    p = generate(schools, max(pairs, schools), seed=seed, budget=budget)
    # Pin some tasks where greedy put them (valid) and one somewhere arbitrary (maybe not).
    first = solve_greedy(p)
    for index, (task_id, a) in enumerate(sorted(first.assignments.items())):
        if index < len(first.assignments) * pin_share:
            p.pins[task_id] = a.slot
    if p.tasks:
        p.pins.setdefault(p.tasks[-1].id, Slot("B", 4, "P1"))
    for solution in (solve(p, time_limit=2), solve_greedy(p)):
        assert violations(p, solution) == []


def test_a_fortnightly_meeting_may_go_in_either_week():
    tasks = pair_tasks(
        "p", school="s", ect="e", mentor="m", meeting_minutes=45, cadence=FORTNIGHTLY
    )
    p = problem({"m": {"lessons": {("A", "P1"): TEACHING, ("A", "P2"): TEACHING}}, "e": {}}, tasks)
    slot = placed_at(checked(p), "p:meeting")
    # Week A's only free period is tired, so the meeting goes in week B.
    assert (slot.week, slot.period in ("P1", "P2")) == ("B", True)


def test_a_review_meeting_needs_the_tutor_and_the_ect():
    review = Task("r", REVIEW, "s", ("t", "e"), 30, ect="e")
    p = problem({"t": {"lessons": both_weeks({"P1": TEACHING})}, "e": {}}, [review])
    assert placed_at(checked(p), "r").period == "P2"


def test_the_solver_package_does_not_import_django():
    code = (
        "import sys; import scheduling.solver.solve, scheduling.solver.greedy, "
        "scheduling.solver.validate, scheduling.solver.generate, scheduling.solver.events; "
        "assert not [m for m in sys.modules if m.startswith('django')], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- trust events ----------------------------------------------------------------------------


def test_an_event_goes_where_no_attendee_is_busy():
    busy = {"a": {d: [(540, 900)] for d in range(5)}, "b": {d: [(540, 900)] for d in range(4)}}
    p = events.EventsProblem([events.Event("e1", 60, ("a", "b"))], busy)
    [placed], _seconds = events.place_events(p)
    assert placed.clashes == ()
    assert placed.day == 4 or placed.start >= 900


def test_events_sharing_a_mentor_and_a_week_do_not_overlap():
    p = events.EventsProblem(
        [
            events.Event("e1", 60, ("a",), weeks=("2026-11-16",), pinned=(0, 600)),
            events.Event("e2", 60, ("a",), weeks=("2026-11-16",)),
        ],
        {"a": {d: [(540, 1020)] for d in range(5) if d != 0}},
    )
    placed = {p.event: p for p in events.place_events(p)[0]}
    assert (placed["e1"].day, placed["e1"].start) == (0, 600)
    second = placed["e2"]
    assert second.day != 0 or second.start >= 660 or second.start + 60 <= 600

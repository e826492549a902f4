"""The objective of any solution, worked out directly from the assignments, so the greedy
baseline and CP-SAT are compared on one scale (and CP-SAT's own figure can be checked)."""

from collections import Counter

from scheduling.solver.objectives import cover, placement, release, same_time, spread, tired
from scheduling.solver.schema import MEETING, OBSERVATION, Assignment, Problem


def score(problem: Problem, assignments: dict[str, Assignment]) -> int:
    total = placement.WEIGHT * len(assignments)
    per_day = Counter()
    for a in assignments.values():
        task = problem.task(a.task)
        if task.kind != OBSERVATION and problem.schools[task.school].period(a.slot).tired:
            total -= tired.WEIGHT
        if a.needs_cover:
            total -= cover.WEIGHT
        if task.kind == MEETING and task.ect and problem.people[task.ect].on_release(a.slot):
            total += release.WEIGHT
        if task.twin and task.id < task.twin and task.twin in assignments:
            other = assignments[task.twin].slot
            if (other.day, other.period) == (a.slot.day, a.slot.period):
                total += same_time.WEIGHT
        if task.mentor is not None:
            per_day[task.mentor, a.slot.week, a.slot.day] += 1
    total -= spread.WEIGHT * sum(n - 1 for n in per_day.values() if n > 1)
    return total


def non_tired_share(problem: Problem, assignments: dict[str, Assignment]) -> float:
    """Share of placed meetings (not observations, which follow the ECT's lessons) that fall
    in non-tired time."""
    meetings = [a for a in assignments.values() if problem.task(a.task).kind != OBSERVATION]
    if not meetings:
        return 1.0
    fresh = sum(
        1 for a in meetings if not problem.schools[problem.task(a.task).school].period(a.slot).tired
    )
    return fresh / len(meetings)

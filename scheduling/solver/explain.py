"""Why a task was left unplaced, and what would let it be placed: cover for one period, a
different mentor, or more time in the mentor's budget. Works from the problem and the
solution alone, so it explains CP-SAT's and the greedy baseline's results alike."""

from collections import defaultdict

from scheduling.solver.candidates import candidates
from scheduling.solver.schema import (
    MEETING,
    NO_COMMON_TIME,
    OBSERVATION,
    OVER_BUDGET,
    PIN_INVALID,
    TAKEN,
    Assignment,
    Problem,
    Slot,
    Task,
    Unplaced,
)

MAX_FIXES = 3


def explain(problem: Problem, assignments: dict[str, Assignment]) -> list[Unplaced]:
    demand = _mentor_demand(problem)
    used = _used_minutes(problem, assignments)
    out = []
    for task in problem.tasks:
        if task.id in assignments:
            continue
        options = candidates(problem, task)
        fixes = _cover_fixes(problem, task) + _other_mentors(problem, task, used)
        if task.id in problem.pins and not any(s == problem.pins[task.id] for s, _ in options):
            reason = PIN_INVALID
            fixes = [
                f"Move it by hand, or unpin it so the scheduler can choose. {f}" for f in fixes
            ]
            fixes = fixes or ["Unpin it so the scheduler can choose a time."]
        elif not options:
            reason = NO_COMMON_TIME
        elif _over_budget(problem, task, demand):
            reason = OVER_BUDGET
            mentor = problem.people[task.mentor]
            need = max(demand[task.mentor].values())
            fixes = [
                f"Give {mentor.name} {need} minutes a week for mentoring "
                f"(now {mentor.weekly_budget})"
            ] + _other_mentors(problem, task, used)
        else:
            reason = TAKEN
        out.append(Unplaced(task.id, reason, tuple(fixes[:MAX_FIXES])))
    return out


def _mentor_demand(problem: Problem) -> dict[str, dict[str, int]]:
    """Minutes each mentor would need in each week if every task were placed. Fortnightly
    tasks may go in either week, so they count half in each."""
    demand = defaultdict(lambda: defaultdict(int))
    for task in problem.tasks:
        if task.mentor is None:
            continue
        for week in task.weeks:
            demand[task.mentor][week] += task.minutes // len(task.weeks)
    return demand


def _over_budget(problem: Problem, task: Task, demand) -> bool:
    if task.mentor is None:
        return False
    budget = problem.people[task.mentor].weekly_budget
    return budget is not None and max(demand[task.mentor].values()) > budget


def _used_minutes(problem, assignments) -> dict[tuple[str, str], int]:
    used = defaultdict(int)
    for a in assignments.values():
        task = problem.task(a.task)
        if task.mentor:
            used[task.mentor, a.slot.week] += task.minutes
    return used


def _cover_fixes(problem: Problem, task: Task) -> list[str]:
    """Slots where everyone would be free if one person's lesson were covered."""
    if task.kind == OBSERVATION:
        return []
    school = problem.schools[task.school]
    fixes = []
    for slot in school.slots():
        if slot.week not in task.weeks or school.period(slot).minutes < task.minutes:
            continue
        busy = [p for p in task.people if not problem.available(p, slot)]
        if len(busy) == 1 and problem.people[busy[0]].teaching(slot):
            name = problem.people[busy[0]].name
            fixes.append(f"Cover {name}'s lesson in {slot.label()}")
        if len(fixes) == MAX_FIXES - 1:
            break
    return fixes


def _other_mentors(problem: Problem, task: Task, used) -> list[str]:
    """Other mentors at the school who share a free period with the ECT and have time."""
    if task.kind not in (MEETING, OBSERVATION) or task.ect is None or task.mentor is None:
        return []
    school = problem.schools[task.school]
    options = []
    for person in problem.people.values():
        if not person.mentor or person.id == task.mentor or person.school != task.school:
            continue
        spare = person.weekly_budget is None or all(
            used[person.id, week] + task.minutes <= person.weekly_budget for week in task.weeks
        )
        if not spare:
            continue
        shared = sum(1 for slot in school.slots() if _both_fit(problem, task, person.id, slot))
        if shared:
            options.append((-shared, person.name))
    if not options:
        return []
    shared, name = min(options)
    plural = "" if shared == -1 else "s"
    return [f"A different mentor: {name} shares {-shared} suitable period{plural} with the ECT"]


def _both_fit(problem: Problem, task: Task, mentor: str, slot: Slot) -> bool:
    if slot.week not in task.weeks:
        return False
    if task.kind == OBSERVATION:
        return problem.people[task.ect].teaching(slot) and problem.available(mentor, slot)
    return problem.available(task.ect, slot) and problem.available(mentor, slot)

"""The baseline the benchmark compares CP-SAT with: what a careful person would do by hand,
one pair at a time, the hardest-to-place task first, each in the best slot still open."""

import time
from collections import defaultdict

from scheduling.solver.candidates import all_candidates
from scheduling.solver.explain import explain
from scheduling.solver.schema import MEETING, Assignment, Problem, Solution
from scheduling.solver.score import score


def solve_greedy(problem: Problem) -> Solution:
    started = time.perf_counter()
    options = all_candidates(problem)
    assignments: dict[str, Assignment] = {}
    booked: set[tuple[str, object]] = set()
    load = defaultdict(int)
    per_day = defaultdict(int)

    def fits(task, slot) -> bool:
        if any((p, slot) in booked for p in task.people):
            return False
        budget = problem.people[task.mentor].weekly_budget if task.mentor else None
        return budget is None or load[task.mentor, slot.week] + task.minutes <= budget

    def take(task, slot, cover) -> None:
        assignments[task.id] = Assignment(task.id, slot, cover)
        booked.update((p, slot) for p in task.people)
        if task.mentor:
            load[task.mentor, slot.week] += task.minutes
            per_day[task.mentor, slot.week, slot.day] += 1

    for task_id, slot in problem.pins.items():
        task = problem.task(task_id)
        cover = dict(options[task_id]).get(slot)
        if cover is not None and fits(task, slot):
            take(task, slot, cover)

    def local_cost(task, slot, cover) -> tuple:
        school = problem.schools[task.school]
        twin = assignments.get(task.twin) if task.twin else None
        same = twin is not None and (twin.slot.day, twin.slot.period) == (slot.day, slot.period)
        release = task.kind == MEETING and task.ect and problem.people[task.ect].on_release(slot)
        crowd = per_day[task.mentor, slot.week, slot.day] if task.mentor else 0
        return (cover, school.period(slot).tired, not same, crowd, not release, slot)

    for task in sorted(problem.tasks, key=lambda t: (len(options[t.id]), t.id)):
        if task.id in assignments or task.id in problem.pins:
            continue
        open_slots = [(s, c) for s, c in options[task.id] if fits(task, s)]
        if open_slots:
            slot, cover = min(open_slots, key=lambda sc: local_cost(task, *sc))
            take(task, slot, cover)
    return Solution(
        assignments=assignments,
        unplaced=explain(problem, assignments),
        solver="greedy",
        status="feasible",
        objective=score(problem, assignments),
        bound=0,
        seconds=time.perf_counter() - started,
    )

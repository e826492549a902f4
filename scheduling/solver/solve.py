"""The CP-SAT scheduler: composes the variables, every constraint and every objective term,
and solves within a time limit.

People who never share a task (different schools, say) cannot affect each other's timetable,
so the problem is split into independent parts, solved one after another, each with a share
of the time left. The objective and the proven bound are the sums over the parts.
"""

import time
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from scheduling.solver import constraints, objectives
from scheduling.solver.explain import explain
from scheduling.solver.schema import Assignment, Problem, Solution
from scheduling.solver.variables import build_variables

Progress = Callable[[int, int], None]  # (parts done, parts in all)


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 8,
    on_progress: Progress | None = None,
) -> Solution:
    started = time.perf_counter()
    parts = split(problem)
    assignments: dict[str, Assignment] = {}
    objective = bound = 0
    optimal = True
    for done, part in enumerate(parts):
        left = time_limit - (time.perf_counter() - started)
        share = max(0.05, left * _weight(part) / max(1, sum(_weight(p) for p in parts[done:])))
        result = _solve_part(part, share, workers)
        assignments.update(result.assignments)
        objective += result.objective
        bound += result.bound
        optimal &= result.status == "optimal"
        if on_progress:
            on_progress(done + 1, len(parts))
    return Solution(
        assignments=assignments,
        unplaced=explain(problem, assignments),
        solver="cp-sat",
        status="optimal" if optimal else "feasible",
        objective=objective,
        bound=bound,
        seconds=time.perf_counter() - started,
    )


def _weight(part: Problem) -> int:
    return len(part.tasks)


def _solve_part(problem: Problem, time_limit: float, workers: int) -> Solution:
    model = cp_model.CpModel()
    v = build_variables(model, problem)
    for rule in constraints.ALL:
        rule.add(model, v, problem)
    terms = [term for objective in objectives.ALL for term in objective.terms(model, v, problem)]
    model.maximize(sum(weight * var for weight, var in terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    # Eight workers on two cores (time-sliced) include the LP-based ones that prove the
    # bound; with two, a school of ten pairs can sit at a 6% gap for the whole time limit.
    solver.parameters.num_workers = workers
    solver.parameters.linearization_level = 2
    # Deterministic given the same input, so a re-run gives the same timetable.
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Nothing placed is always valid, so this only happens if time ran out before any
        # solution: report every task unplaced rather than fail.
        return Solution({}, [], "cp-sat", "feasible", 0, int(solver.best_objective_bound))
    assignments = {}
    for task in problem.tasks:
        for slot, cover, x in v.of_task(task.id):
            if solver.boolean_value(x):
                assignments[task.id] = Assignment(task.id, slot, cover)
    return Solution(
        assignments=assignments,
        unplaced=[],
        solver="cp-sat",
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        objective=round(solver.objective_value),
        bound=round(solver.best_objective_bound),
    )


def split(problem: Problem) -> list[Problem]:
    """Independent parts: tasks joined by any person they share."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for task in problem.tasks:
        first = find(task.people[0])
        for person in task.people[1:]:
            parent[find(person)] = first
    groups: dict[str, list] = {}
    for task in problem.tasks:
        groups.setdefault(find(task.people[0]), []).append(task)
    parts = []
    for tasks in groups.values():
        ids = {t.id for t in tasks}
        parts.append(
            replace(
                problem,
                tasks=tasks,
                pins={k: s for k, s in problem.pins.items() if k in ids},
            )
        )
    return sorted(parts, key=lambda p: p.tasks[0].id)

"""Checks a solution against every hard rule on its own, without the solver's model, so a
solver bug cannot hide behind the solver's own bookkeeping. Returns what is wrong."""

from collections import defaultdict

from scheduling.solver.schema import OBSERVATION, Problem, Solution


def violations(problem: Problem, solution: Solution) -> list[str]:
    found = []
    tasks = {t.id: t for t in problem.tasks}
    unplaced = {u.task for u in solution.unplaced}
    for task_id in tasks:
        placed = task_id in solution.assignments
        if placed == (task_id in unplaced):
            found.append(f"{task_id}: must be either placed or explained as unplaced, once")
    booked = defaultdict(list)
    load = defaultdict(int)
    for task_id, a in solution.assignments.items():
        task = tasks.get(task_id)
        if task is None:
            found.append(f"{task_id}: no such task")
            continue
        school = problem.schools[task.school]
        period = school.period(a.slot)
        if period is None:
            found.append(f"{task_id}: {a.slot} is not a period of the school day")
            continue
        if a.slot.week not in task.weeks:
            found.append(f"{task_id}: placed in week {a.slot.week}, allowed {task.weeks}")
        if period.minutes < task.minutes:
            found.append(f"{task_id}: {task.minutes} minutes do not fit {a.slot.period}")
        found += _attendance(problem, task, a, school.allow_cover)
        pin = problem.pins.get(task_id)
        if pin is not None and pin != a.slot:
            found.append(f"{task_id}: pinned to {pin} but placed at {a.slot}")
        for person in task.people:
            booked[person, a.slot].append(task_id)
        if task.mentor and problem.people[task.mentor].weekly_budget is not None:
            load[task.mentor, a.slot.week] += task.minutes
    for (person, slot), ids in booked.items():
        if len(ids) > 1:
            found.append(f"{person} is booked twice at {slot}: {', '.join(sorted(ids))}")
    for (mentor, week), minutes in load.items():
        budget = problem.people[mentor].weekly_budget
        if minutes > budget:
            found.append(f"{mentor}: {minutes} minutes in week {week}, budget {budget}")
    return found


def _attendance(problem, task, a, allow_cover) -> list[str]:
    found = []
    if task.kind == OBSERVATION:
        if not problem.people[task.ect].teaching(a.slot):
            found.append(f"{task.id}: the ECT is not teaching at {a.slot}")
        for person in task.people:
            if person == task.ect:
                continue
            free = problem.available(person, a.slot)
            covered = (
                a.needs_cover
                and allow_cover
                and problem.people[person].teaching(a.slot)
                and a.slot not in problem.blocked.get(person, ())
            )
            if not free and not covered:
                found.append(f"{task.id}: {person} is not free at {a.slot}")
            if free and a.needs_cover:
                found.append(f"{task.id}: asks for cover that is not needed at {a.slot}")
        if a.slot in problem.blocked.get(task.ect, ()):
            found.append(f"{task.id}: {task.ect} is blocked at {a.slot}")
    else:
        if a.needs_cover:
            found.append(f"{task.id}: only observations may ask for cover")
        for person in task.people:
            if not problem.available(person, a.slot):
                found.append(f"{task.id}: {person} is not free at {a.slot}")
    return found

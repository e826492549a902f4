"""Where each task could go at all, before any other task is considered. Shared by the
CP-SAT model, the greedy baseline and the explanations, so all three agree."""

from scheduling.solver.schema import OBSERVATION, Problem, Slot, Task


def candidates(problem: Problem, task: Task) -> list[tuple[Slot, bool]]:
    """(slot, needs_cover) for every slot this task could take on its own."""
    school = problem.schools[task.school]
    found = []
    for slot in school.slots():
        if slot.week not in task.weeks:
            continue
        period = school.period(slot)
        if period is None or period.minutes < task.minutes:
            continue
        if task.kind == OBSERVATION:
            option = _observation_option(problem, task, slot, school.allow_cover)
            if option is not None:
                found.append((slot, option))
        elif all(problem.available(person, slot) for person in task.people):
            found.append((slot, False))
    return found


def _observation_option(problem: Problem, task: Task, slot: Slot, allow_cover: bool):
    """An observation needs the ECT teaching and the mentor free; a mentor who is teaching
    can observe if their class is covered, where the school allows it."""
    ect = problem.people[task.ect]
    if not ect.teaching(slot) or slot in problem.blocked.get(task.ect, ()):
        return None
    observers = [p for p in task.people if p != task.ect]
    if all(problem.available(p, slot) for p in observers):
        return False
    if allow_cover and all(
        problem.available(p, slot) or problem.people[p].teaching(slot) for p in observers
    ):
        if any(slot in problem.blocked.get(p, ()) for p in observers):
            return None
        return True
    return None


def all_candidates(problem: Problem) -> dict[str, list[tuple[Slot, bool]]]:
    return {task.id: candidates(problem, task) for task in problem.tasks}

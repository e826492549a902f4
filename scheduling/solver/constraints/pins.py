"""A slot the induction tutor pinned or moved by hand stays where it is. A pin whose slot is
no longer possible (the timetable changed) leaves the task unplaced, to be re-pinned."""

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables


def valid_pin(problem: Problem, v: Variables, task_id: str) -> bool:
    slot = problem.pins[task_id]
    return any(s == slot for s, _cover in v.options[task_id])


class Pins:
    def add(self, model, v: Variables, problem: Problem) -> None:
        for task_id, slot in problem.pins.items():
            if task_id not in v.placed:
                continue
            if valid_pin(problem, v, task_id):
                model.add(v.x[task_id, slot] == 1)
            else:
                model.add(v.placed[task_id] == 0)

"""The decision variables of the CP-SAT model: one yes/no per task and candidate slot."""

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduling.solver.candidates import all_candidates
from scheduling.solver.schema import Problem, Slot


@dataclass
class Variables:
    # (task id, slot) -> 1 if the task is placed there
    x: dict[tuple[str, Slot], cp_model.IntVar] = field(default_factory=dict)
    # task id -> 1 if the task is placed at all
    placed: dict[str, cp_model.IntVar] = field(default_factory=dict)
    # task id -> candidate (slot, needs_cover) pairs
    options: dict[str, list[tuple[Slot, bool]]] = field(default_factory=dict)

    def of_task(self, task_id: str) -> list[tuple[Slot, bool, cp_model.IntVar]]:
        return [(slot, cover, self.x[task_id, slot]) for slot, cover in self.options[task_id]]


def build_variables(model: cp_model.CpModel, problem: Problem) -> Variables:
    v = Variables(options=all_candidates(problem))
    for task in problem.tasks:
        for slot, _cover in v.options[task.id]:
            v.x[task.id, slot] = model.new_bool_var(
                f"x[{task.id},{slot.week}{slot.day}{slot.period}]"
            )
        v.placed[task.id] = model.new_bool_var(f"placed[{task.id}]")
    return v

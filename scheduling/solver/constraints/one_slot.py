"""A task takes at most one slot; it is placed exactly when it takes one."""

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables


class OneSlotPerTask:
    def add(self, model, v: Variables, problem: Problem) -> None:
        for task in problem.tasks:
            model.add(sum(x for _s, _c, x in v.of_task(task.id)) == v.placed[task.id])

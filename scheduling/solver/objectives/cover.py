"""An observation that needs the mentor's class covered costs the school a cover lesson:
only where there is no other way."""

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables

WEIGHT = 20


class AvoidCover:
    def terms(self, model, v: Variables, problem: Problem):
        return [
            (-WEIGHT, x)
            for task in problem.tasks
            for _slot, cover, x in v.of_task(task.id)
            if cover
        ]

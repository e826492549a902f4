"""Meetings belong in 'non-tired' time: not the last period, lunch or after school.
Observations follow the ECT's lessons, so where they fall is not a question of tiredness."""

from scheduling.solver.schema import OBSERVATION, Problem
from scheduling.solver.variables import Variables

WEIGHT = 25


class AvoidTiredSlots:
    def terms(self, model, v: Variables, problem: Problem):
        terms = []
        for task in problem.tasks:
            if task.kind == OBSERVATION:
                continue
            school = problem.schools[task.school]
            for slot, _cover, x in v.of_task(task.id):
                if school.period(slot).tired:
                    terms.append((-WEIGHT, x))
        return terms

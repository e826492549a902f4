"""An ECT's reduced timetable (10% in year 1, 5% in year 2) exists for induction: meet in
those periods where possible, so the meeting does not eat into anything else."""

from scheduling.solver.schema import MEETING, Problem
from scheduling.solver.variables import Variables

WEIGHT = 3


class PreferRelease:
    def terms(self, model, v: Variables, problem: Problem):
        terms = []
        for task in problem.tasks:
            if task.kind != MEETING or task.ect is None:
                continue
            ect = problem.people[task.ect]
            terms += [(WEIGHT, x) for slot, _c, x in v.of_task(task.id) if ect.on_release(slot)]
        return terms

"""A mentor's meetings and observations spread across the week rather than piling onto one
day: each task beyond the first on a day costs a little."""

from collections import defaultdict

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables

WEIGHT = 4


class SpreadMentorsWeek:
    def terms(self, model, v: Variables, problem: Problem):
        by_day = defaultdict(list)
        for task in problem.tasks:
            if task.mentor is None:
                continue
            for slot, _cover, x in v.of_task(task.id):
                by_day[task.mentor, slot.week, slot.day].append(x)
        terms = []
        for key, xs in by_day.items():
            if len(xs) < 2:
                continue
            extra = model.new_int_var(0, len(xs) - 1, f"extra{key}")
            model.add(extra >= sum(xs) - 1)
            terms.append((-WEIGHT, extra))
        return terms

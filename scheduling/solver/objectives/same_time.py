"""A pair's weekly meeting at the same time in week A and week B is easier to protect and to
remember."""

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables

WEIGHT = 5


class SameTimeEachWeek:
    def terms(self, model, v: Variables, problem: Problem):
        terms = []
        for task in problem.tasks:
            if task.twin is None or task.id > task.twin or task.twin not in v.options:
                continue  # each pair of halves once
            twin_slots = {(s.day, s.period): s for s, _c in v.options[task.twin]}
            for slot, _cover, x in v.of_task(task.id):
                other = twin_slots.get((slot.day, slot.period))
                if other is None:
                    continue
                both = model.new_bool_var(f"same[{task.id},{slot.day}{slot.period}]")
                model.add_implication(both, x)
                model.add_implication(both, v.x[task.twin, other])
                terms.append((WEIGHT, both))
        return terms

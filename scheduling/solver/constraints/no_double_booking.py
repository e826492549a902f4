"""Nobody is in two places at once: in any slot, each person takes part in one task at
most (pinned tasks included, since pins are tasks too)."""

from collections import defaultdict

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables


class NoDoubleBooking:
    def add(self, model, v: Variables, problem: Problem) -> None:
        by_person_slot = defaultdict(list)
        for task in problem.tasks:
            for slot, _cover, x in v.of_task(task.id):
                for person in task.people:
                    by_person_slot[person, slot].append(x)
        for xs in by_person_slot.values():
            if len(xs) > 1:
                model.add_at_most_one(xs)

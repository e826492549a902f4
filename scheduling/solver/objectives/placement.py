"""Place as many tasks as the rules allow."""

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables

# Larger than the most one task can cost in preferences (tired 25, cover 20, spread 4 for
# each other task that day, release 3, same time 5), so placing always pays.
WEIGHT = 100


class PlaceEveryTask:
    def terms(self, model, v: Variables, problem: Problem):
        return [(WEIGHT, v.placed[task.id]) for task in problem.tasks]

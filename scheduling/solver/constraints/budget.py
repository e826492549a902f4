"""A mentor's scheduled time in any one week stays within the weekly time the school gives
them for mentoring, summed over all their ECTs."""

from collections import defaultdict

from scheduling.solver.schema import Problem
from scheduling.solver.variables import Variables


def week_load(problem: Problem, v: Variables):
    """(mentor, week) -> [(minutes, x)] for every candidate that counts against a budget."""
    load = defaultdict(list)
    for task in problem.tasks:
        if task.mentor is None or problem.people[task.mentor].weekly_budget is None:
            continue
        for slot, _cover, x in v.of_task(task.id):
            load[task.mentor, slot.week].append((task.minutes, x))
    return load


class MentorBudget:
    def add(self, model, v: Variables, problem: Problem) -> None:
        for (mentor, _week), terms in week_load(problem, v).items():
            budget = problem.people[mentor].weekly_budget
            if sum(minutes for minutes, _x in terms) > budget:
                model.add(sum(minutes * x for minutes, x in terms) <= budget)

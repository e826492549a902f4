"""Placing a trust's central events (mentor training, peer-learning groups) where they clash
least with the schools' timetables. Schools keep their own period times, so an event is
placed on a weekday and a clock time, and a mentor clashes if anything they have that day
(a lesson, a duty, a protected meeting) overlaps it, in either week of the cycle."""

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

EARLIEST, LATEST, STEP = 9 * 60, 17 * 60, 15  # event times considered, in minutes
SCHOOL_DAY_ENDS = 15 * 60 + 30  # an event after this is after school for most staff
LATE_WEIGHT, CLASH_WEIGHT = 1, 10


@dataclass(frozen=True)
class Event:
    id: str
    minutes: int
    attendees: tuple[str, ...]
    weeks: tuple[str, ...] = ()  # Mondays it runs; events on different weeks never collide
    pinned: tuple[int, int] | None = None  # (day, start) fixed by hand


@dataclass
class EventsProblem:
    events: list[Event]
    busy: dict[str, dict[int, list[tuple[int, int]]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Placed:
    event: str
    day: int
    start: int
    clashes: tuple[str, ...]


def options(event: Event) -> list[tuple[int, int]]:
    if event.pinned:
        return [event.pinned]
    return [
        (day, start)
        for day in range(5)
        for start in range(EARLIEST, LATEST - event.minutes + 1, STEP)
    ]


def clashes(problem: EventsProblem, event: Event, day: int, start: int) -> tuple[str, ...]:
    end = start + event.minutes
    return tuple(
        person
        for person in event.attendees
        if any(s < end and start < e for s, e in problem.busy.get(person, {}).get(day, ()))
    )


def cost(problem: EventsProblem, event: Event, day: int, start: int) -> int:
    late = max(0, start + event.minutes - SCHOOL_DAY_ENDS) // STEP
    return CLASH_WEIGHT * len(clashes(problem, event, day, start)) + LATE_WEIGHT * late


def place_events(problem: EventsProblem, *, time_limit: float = 5.0) -> tuple[list[Placed], float]:
    """Every event gets a time; two events that share an attendee and a week never overlap."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    x = {}
    for event in problem.events:
        for day, start in options(event):
            x[event.id, day, start] = model.new_bool_var(f"{event.id}@{day},{start}")
        model.add_exactly_one(x[event.id, d, s] for d, s in options(event))
    for i, first in enumerate(problem.events):
        for second in problem.events[i + 1 :]:
            if not (set(first.attendees) & set(second.attendees)):
                continue
            if first.weeks and second.weeks and not set(first.weeks) & set(second.weeks):
                continue
            for d1, s1 in options(first):
                for d2, s2 in options(second):
                    if d1 == d2 and s1 < s2 + second.minutes and s2 < s1 + first.minutes:
                        model.add_bool_or([x[first.id, d1, s1].Not(), x[second.id, d2, s2].Not()])
    model.minimize(
        sum(cost(problem, e, d, s) * x[e.id, d, s] for e in problem.events for d, s in options(e))
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 8
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError("No arrangement of the events fits; pinned events may overlap.")
    placed = []
    for event in problem.events:
        for day, start in options(event):
            if solver.boolean_value(x[event.id, day, start]):
                placed.append(Placed(event.id, day, start, clashes(problem, event, day, start)))
    return placed, time.perf_counter() - started

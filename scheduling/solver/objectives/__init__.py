"""What makes one valid timetable better than another, one module each. Each term returns
(weight, expression) pairs that the solver maximises. Placing a task outweighs every
preference it could cost, so no task is left out to make another's time nicer."""

from scheduling.solver.objectives.cover import AvoidCover
from scheduling.solver.objectives.placement import PlaceEveryTask
from scheduling.solver.objectives.release import PreferRelease
from scheduling.solver.objectives.same_time import SameTimeEachWeek
from scheduling.solver.objectives.spread import SpreadMentorsWeek
from scheduling.solver.objectives.tired import AvoidTiredSlots

ALL = (
    PlaceEveryTask(),
    AvoidTiredSlots(),
    AvoidCover(),
    SameTimeEachWeek(),
    PreferRelease(),
    SpreadMentorsWeek(),
)

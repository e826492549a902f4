"""Hard rules of the timetable, one module each. Each adds itself to the model."""

from scheduling.solver.constraints.budget import MentorBudget
from scheduling.solver.constraints.no_double_booking import NoDoubleBooking
from scheduling.solver.constraints.one_slot import OneSlotPerTask
from scheduling.solver.constraints.pins import Pins

ALL = (OneSlotPerTask(), NoDoubleBooking(), MentorBudget(), Pins())

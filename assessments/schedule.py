"""Loads what the statutory calendar needs (placements with their schools' term dates, and
absences) and builds it, for one induction or a whole school's in a fixed number of
queries."""

from collections import defaultdict
from datetime import date
from fractions import Fraction

from django.db.models import Prefetch

from assessments.calendar import InductionCalendar, Placement, TermDates, build_calendar
from assessments.models import Absence
from organisations.models import Term
from people.models import Induction, Role, RolePeriod


def _term_dates(term: Term) -> TermDates:
    return TermDates(
        label=term.name,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        break_starts_on=term.half_term_starts_on,
        break_ends_on=term.half_term_ends_on,
    )


def calendars_for(inductions: list[Induction]) -> dict[int, InductionCalendar]:
    """Three queries, whatever the number of inductions."""
    by_ect = {induction.ect_id: induction for induction in inductions}
    placements: dict[int, list[Placement]] = defaultdict(list)
    periods = (
        RolePeriod.objects.filter(role=Role.ECT, person_id__in=by_ect)
        .select_related("school")
        .prefetch_related(Prefetch("school__terms", queryset=Term.objects.order_by("starts_on")))
    )
    for period in periods:
        placements[period.person_id].append(
            Placement(
                school=period.school,
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                fte=Fraction(period.fte),
                terms=tuple(_term_dates(t) for t in period.school.terms.all()),
            )
        )
    absences: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for row in Absence.objects.filter(induction__in=inductions).values_list(
        "induction_id", "starts_on", "ends_on"
    ):
        absences[row[0]].append((row[1], row[2]))
    return {
        induction.pk: build_calendar(
            induction.started_on, placements[induction.ect_id], absences[induction.pk]
        )
        for induction in inductions
    }


def calendar_for(induction: Induction) -> InductionCalendar:
    return calendars_for([induction])[induction.pk]

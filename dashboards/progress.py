"""Where each ECT is in their programme this week.

Programmes are shaped the way providers shape them: a module for each half term of each
induction year, one session a week. Until adaptive pathways arrive, an ECT's session this
week is the one for this week of the current half term in their induction year, read from
their school's term dates. Holidays and weeks after a module's last session have none.
"""

from datetime import date

from django.utils import timezone

from organisations.models import half_term_week
from people.models import Induction
from programmes.models import Session


def current_sessions(
    inductions: list[Induction], on: date | None = None
) -> dict[int, Session | None]:
    """This week's session for each induction, in one query for all their programmes.

    The inductions must come from InductionQuerySet.with_current_details().
    """
    day = on or timezone.localdate()
    wanted: dict[int, tuple[int, int, int, int]] = {}
    for induction in inductions:
        placement = induction.current_placement
        if placement is None or induction.programme_id is None:
            continue
        position = half_term_week(list(placement.school.terms.all()), day)
        if position is not None:
            half_term, week = position
            wanted[induction.pk] = (induction.programme_id, induction.year(day), half_term, week)
    sessions = Session.objects.filter(
        module__year__programme_id__in={w[0] for w in wanted.values()},
        module__half_term__in={w[2] for w in wanted.values()},
    ).select_related("module__year")
    by_place = {
        (s.module.year.programme_id, s.module.year.number, s.module.half_term, s.position): s
        for s in sessions
    }
    return {induction.pk: by_place.get(wanted.get(induction.pk)) for induction in inductions}

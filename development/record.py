"""The mentor strand a mentor follows and their progress through it, in a fixed number of
queries; used by the mentor's own pages and (as counts only) by the tutor's view."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, Sum

from development.models import PartDone, UnitKnown
from organisations.models import academic_year
from programmes.models import Programme, Session
from tandem import permissions


def strand_for(user) -> Programme | None:
    """The trust's own mentor strand where the mentor works in one, else Tandem's sample."""
    access = permissions.access_for(user)
    strands = Programme.objects.filter(audience=Programme.Audience.MENTOR)
    return (
        strands.filter(owner__in=access.school_trusts).order_by("-pk").first()
        or strands.filter(owner__isnull=True).order_by("-pk").first()
    )


@dataclass
class Unit:
    session: Session
    parts_done: int = 0
    minutes: int = 0
    known: bool = False

    @property
    def done(self) -> bool:
        return self.known or self.parts_done >= len(self.session.parts.all())


@dataclass
class Record:
    strand: Programme
    units: list[Unit] = field(default_factory=list)
    minutes_this_half_term: int = 0

    def by_half_term(self) -> list[tuple[int, str, list[Unit]]]:
        grouped = defaultdict(list)
        titles = {}
        for unit in self.units:
            module = unit.session.module
            grouped[module.half_term].append(unit)
            titles[module.half_term] = module.title
        return [(ht, titles[ht], grouped[ht]) for ht in sorted(grouped)]

    @property
    def done(self) -> int:
        return sum(1 for unit in self.units if unit.done)

    @property
    def minutes(self) -> int:
        return sum(unit.minutes for unit in self.units)


def record_for(user, strand: Programme, today: date) -> Record:
    sessions = list(
        Session.objects.filter(module__year__programme=strand)
        .select_related("module")
        .prefetch_related("parts")
        .order_by("module__year__number", "module__position", "position")
    )
    done = defaultdict(lambda: [0, 0])
    recent = 0
    since = today - timedelta(weeks=7)
    for row in PartDone.objects.filter(mentor=user, part__session__in=sessions).values(
        "part__session", "minutes", "done_on"
    ):
        done[row["part__session"]][0] += 1
        done[row["part__session"]][1] += row["minutes"]
        if row["done_on"] >= since:
            recent += row["minutes"]
    known = set(
        UnitKnown.objects.filter(mentor=user, session__in=sessions).values_list(
            "session", flat=True
        )
    )
    units = [
        Unit(s, parts_done=done[s.pk][0], minutes=done[s.pk][1], known=s.pk in known)
        for s in sessions
    ]
    return Record(strand=strand, units=units, minutes_this_half_term=recent)


def progress_of(mentor_ids, today: date) -> dict[int, dict]:
    """For the tutor: each mentor's units done and minutes this school year, nothing else
    (two queries)."""
    year_start = date(academic_year(today), 9, 1)
    minutes = dict(
        PartDone.objects.filter(mentor__in=mentor_ids, done_on__gte=year_start)
        .values("mentor")
        .annotate(total=Sum("minutes"))
        .values_list("mentor", "total")
    )
    units = defaultdict(set)
    for mentor, session in UnitKnown.objects.filter(mentor__in=mentor_ids).values_list(
        "mentor", "session"
    ):
        units[mentor].add(session)
    for mentor, session in (
        PartDone.objects.filter(Q(mentor__in=mentor_ids))
        .values_list("mentor", "part__session")
        .distinct()
    ):
        units[mentor].add(session)
    return {m: {"units": len(units[m]), "minutes": minutes.get(m, 0)} for m in mentor_ids}

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
    half_term: int | None = None  # of the school year, from the mentor's school's terms

    @property
    def planned_this_half_term(self) -> int:
        """What the strand plans for this half term: the time the mentor should be given."""
        return sum(
            part.minutes
            for unit in self.units
            if unit.session.module.half_term == self.half_term
            for part in unit.session.parts.all()
        )

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


def _half_term(user, today: date) -> tuple[int | None, date | None]:
    """Which half term it is at the mentor's school, and when it began (two queries)."""
    from organisations.models import Term, half_term_week

    school_ids = permissions.access_for(user).school_ids("mentor")
    terms = list(Term.objects.filter(school_id=min(school_ids))) if school_ids else []
    found = half_term_week(terms, today)
    if found is None:
        return None, None
    number, week = found
    return number, today - timedelta(days=today.weekday(), weeks=week - 1)


def record_for(user, strand: Programme, today: date) -> Record:
    sessions = list(
        Session.objects.filter(module__year__programme=strand)
        .select_related("module")
        .prefetch_related("parts")
        .order_by("module__year__number", "module__position", "position")
    )
    done = defaultdict(lambda: [0, 0])
    recent = 0
    half_term, began = _half_term(user, today)
    since = began or today - timedelta(weeks=7)
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
    return Record(strand=strand, units=units, minutes_this_half_term=recent, half_term=half_term)


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


def trust_aggregate(trust, today: date) -> dict:
    """For the trust: how many of its mentors did any development this school year and
    their average minutes; nothing if fewer than MIN_GROUP did (two queries)."""
    from people.models import Role, RolePeriod

    mentors = (
        RolePeriod.objects.current(today)
        .filter(role=Role.MENTOR, school__trust=trust)
        .values("person")
    )
    year_start = date(academic_year(today), 9, 1)
    totals = list(
        PartDone.objects.filter(mentor__in=mentors, done_on__gte=year_start)
        .values("mentor")
        .annotate(total=Sum("minutes"))
        .values_list("total", flat=True)
    )
    if len(totals) < permissions.MIN_GROUP:
        return {"active": None, "average": None}
    return {"active": len(totals), "average": round(sum(totals) / len(totals))}

"""Where local training and the programme cover the same statements in the same term, what
that costs, and what the decisions taken on it mean for each ECT.

Terms are told from the calendar month, since a trust's schools may keep different dates:
September to December is autumn, January to March spring, April to August summer. A
programme module's half terms 1 and 2 are autumn, 3 and 4 spring, 5 and 6 summer.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from organisations.models import School, Trust
from people.models import Induction, Role, RolePeriod
from programmes.models import Programme, Session
from provision.models import Decision, ProvisionItem, StatementMatch, owner_kind

AUTUMN, SPRING, SUMMER = "autumn", "spring", "summer"
TERM_NAMES = {AUTUMN: "Autumn", SPRING: "Spring", SUMMER: "Summer"}
HALF_TERM_TERMS = {1: AUTUMN, 2: AUTUMN, 3: SPRING, 4: SPRING, 5: SUMMER, 6: SUMMER}
DROPPING = {Decision.Choice.REPLACE, Decision.Choice.STOP}


def term_of(day: date) -> str:
    if day.month >= 9:
        return AUTUMN
    return SPRING if day.month <= 3 else SUMMER


def terms_between(start: date, end: date) -> list[str]:
    """The terms an item runs in, in school-year order (at most one school year)."""
    if (end - start).days > 366:
        return [AUTUMN, SPRING, SUMMER]
    order = [AUTUMN, SPRING, SUMMER]
    first, last = order.index(term_of(start)), order.index(term_of(end))
    if last < first:  # runs over the summer into a new year
        return order
    return order[first : last + 1]


def scope_filter(owner: Trust | School) -> Q:
    """Placements (ECT role periods) inside the item owner's reach."""
    return Q(school__trust=owner) if isinstance(owner, Trust) else Q(school=owner)


@dataclass
class Overlap:
    item: ProvisionItem
    session: Session
    statements: list  # the statements both cover
    term: str
    ects: int  # ECTs in scope whose programme and year include the session
    mentors: int  # mentors in scope, when the item is for mentors too
    decision: Decision | None = None
    history: list[Decision] = field(default_factory=list)

    @property
    def local_hours(self) -> Decimal:
        return self.item.hours * (self.ects if self.item.for_ects else 0) + self.item.hours * (
            self.mentors if self.item.for_mentors else 0
        )

    @property
    def programme_hours(self) -> Decimal:
        return Decimal(self.session.study_minutes * self.ects) / 60

    @property
    def key(self) -> str:
        return f"{self.item.pk}-{self.session.pk}"


def latest_decisions(items) -> dict[tuple[int, int], list[Decision]]:
    history: dict[tuple[int, int], list[Decision]] = defaultdict(list)
    for decision in (
        Decision.objects.filter(item__in=items)
        .select_related("decided_by", "session")
        .order_by("decided_at", "pk")
    ):
        history[(decision.item_id, decision.session_id)].append(decision)
    return history


def dropped_items(history: dict[tuple[int, int], list[Decision]]) -> dict[int, Decision]:
    """Items whose latest decision on some overlap drops them: replaced or stopped."""
    dropped = {}
    for (item_id, _), decisions in history.items():
        if decisions[-1].choice in DROPPING:
            dropped.setdefault(item_id, decisions[-1])
    return dropped


def overlaps_for(owner: Trust | School, today: date | None = None) -> list[Overlap]:
    """Every overlap of the owner's items with the programmes its ECTs follow, in a fixed
    number of queries."""
    today = today or timezone.localdate()
    items = list(
        ProvisionItem.objects.filter(**{owner_kind(owner): owner})
        .filter(audience__in=["ects", "both"])
        .prefetch_related(
            "matches__statement",
        )
    )
    placements = (
        RolePeriod.objects.current(today)
        .filter(scope_filter(owner), role=Role.ECT)
        .values_list("person", flat=True)
    )
    inductions = list(
        Induction.objects.filter(ect__in=placements, programme__isnull=False).only(
            "pk", "programme_id", "started_on"
        )
    )
    ects_by = defaultdict(int)  # (programme, induction year) -> ECTs
    for induction in inductions:
        ects_by[(induction.programme_id, induction.year(today))] += 1
    mentors = (
        RolePeriod.objects.current(today)
        .filter(scope_filter(owner), role=Role.MENTOR)
        .values("person")
        .distinct()
        .count()
    )
    programme_ids = {p for p, _ in ects_by}
    sessions = list(
        Session.objects.filter(
            module__year__programme__in=programme_ids,
            module__year__programme__audience=Programme.Audience.ECT,
        )
        .select_related("module__year")
        .prefetch_related("statements", "parts")
        .order_by("module__year__number", "module__position", "position")
    )
    history = latest_decisions(items)
    overlaps = []
    for item in items:
        confirmed = {
            m.statement_id: m.statement
            for m in item.matches.all()
            if m.status == StatementMatch.Status.CONFIRMED
        }
        terms = terms_between(item.starts_on, item.ends_on)
        for session in sessions:
            year = session.module.year.number
            term = HALF_TERM_TERMS[session.module.half_term]
            if term not in terms or item.induction_year not in (None, year):
                continue
            shared = [s for s in session.statements.all() if s.pk in confirmed]
            if not shared:
                continue
            decisions = history.get((item.pk, session.pk), [])
            overlaps.append(
                Overlap(
                    item,
                    session,
                    sorted(shared, key=lambda s: s.position),
                    term,
                    ects_by[(session.module.year.programme_id, year)],
                    mentors,
                    decisions[-1] if decisions else None,
                    decisions,
                )
            )
    return overlaps


def _reaching(school_ids: set[int], trust_ids: set[int]):
    """Items kept by these schools or by these trusts."""
    return ProvisionItem.objects.filter(Q(school__in=school_ids) | Q(trust__in=trust_ids))


def _in_scope(item: ProvisionItem, school: School | None) -> bool:
    if school is None:
        return False
    return item.school_id == school.pk or (
        item.trust_id is not None and item.trust_id == school.trust_id
    )


def covered_sessions(inductions: list[Induction], today: date) -> dict[int, dict[int, str]]:
    """For each induction, the sessions that local training counts as done (session -> the
    training's title): integrate decisions on items that are not dropped, for ECTs in the
    item's trust or school and in its induction year. Two queries for any number of ECTs."""
    schools = {i.pk: getattr(i.current_placement, "school", None) for i in inductions}
    school_ids = {s.pk for s in schools.values() if s}
    trust_ids = {s.trust_id for s in schools.values() if s and s.trust_id}
    if not school_ids:
        return {}
    items = _reaching(school_ids, trust_ids)
    history = latest_decisions(items)
    if not history:
        return {}
    dropped = dropped_items(history)
    integrated = [
        decisions[-1]
        for decisions in history.values()
        if decisions[-1].choice == Decision.Choice.INTEGRATE
        and decisions[-1].item_id not in dropped
    ]
    items_by_id = {
        i.pk: i for i in ProvisionItem.objects.filter(pk__in={d.item_id for d in integrated})
    }
    result: dict[int, dict[int, str]] = defaultdict(dict)
    for induction in inductions:
        for decision in integrated:
            item = items_by_id[decision.item_id]
            if (
                item.for_ects
                and _in_scope(item, schools[induction.pk])
                and item.induction_year in (None, induction.year(today))
            ):
                result[induction.pk][decision.session_id] = item.title
    return result


@dataclass
class LocalTraining:
    item: ProvisionItem
    status: str  # what the ECT should know: attend, counted instead of a session, dropped
    dropped: bool


def local_training_for(induction: Induction, today: date) -> list[LocalTraining]:
    """The local training this ECT is expected to attend this year, and what decisions
    changed: for the time plan on their pathway."""
    school = getattr(induction.current_placement, "school", None)
    if school is None:
        return []
    year = induction.year(today)
    items = [
        item
        for item in _reaching({school.pk}, {school.trust_id} - {None})
        if item.for_ects and item.induction_year in (None, year)
    ]
    history = latest_decisions(items)
    dropped = dropped_items(history)
    integrated = defaultdict(list)
    for (item_id, _), decisions in history.items():
        if decisions[-1].choice == Decision.Choice.INTEGRATE:
            integrated[item_id].append(decisions[-1].session.title)
    result = []
    for item in items:
        if item.pk in dropped:
            decision = dropped[item.pk]
            why = (
                f"No longer needed: the programme's '{decision.session.title}' covers it."
                if decision.choice == Decision.Choice.REPLACE
                else "Stopped by your trust or school."
            )
            result.append(LocalTraining(item, why, True))
        elif integrated[item.pk]:
            names = ", ".join(f"'{n}'" for n in integrated[item.pk])
            result.append(LocalTraining(item, f"Attend: it counts in place of {names}.", False))
        else:
            result.append(LocalTraining(item, "Attend.", False))
    return result

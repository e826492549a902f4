"""An ECT's pathway: the programme's weekly sessions put in an order that fits this ECT.

Plain Python, no Django, deterministic: the same programme, review and calendar always
give the same plan. The rules:
- where the programme offers variants of a session for a phase or subject, the ECT gets the
  one that matches them (a general one if none does);
- a session whose every area the starting-point review found secure becomes an optional
  refresher, not a repeat; its statements are marked secure, with the reason;
- otherwise the programme's order holds, except that sessions pulled forward for a pressing
  need come first, then areas of need, then the school's priorities; a session's
  prerequisites always come before it, and move up with it;
- each session starts a new week and study stays within the weekly budget (an hour, in
  proportion to the working pattern): a session longer than the budget is spread over as
  many weeks as it needs, and the plan says so.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

AREAS = 8
SECURE, DEVELOPING, NEED = "secure", "developing", "need"
STANDINGS = (SECURE, DEVELOPING, NEED)

# Why an item is where it is, most urgent first; the order ranks sessions in the plan.
PULLED, FOR_NEED, PRIORITY, SEQUENCE = "pulled forward", "need", "school priority", "sequence"
RANKS = {PULLED: 0, FOR_NEED: 1, PRIORITY: 2, SEQUENCE: 3}


class PlanError(ValueError):
    """Input that cannot make a plan; the message says what is wrong, in the user's words."""


@dataclass(frozen=True)
class SessionSpec:
    id: int
    order: int  # position in the programme's own sequence
    title: str
    statements: frozenset[int]
    minutes: int
    prerequisites: frozenset[int] = frozenset()
    variant_group: str = ""  # sessions sharing a group are alternatives of one another
    phases: frozenset[str] = frozenset()  # empty: for every phase
    subjects: frozenset[str] = frozenset()  # empty: for every subject


@dataclass(frozen=True)
class ProgrammeSpec:
    sessions: tuple[SessionSpec, ...]
    # Every statement of the framework the programme belongs to, with its area (1 to 8).
    statement_areas: Mapping[int, int]


@dataclass(frozen=True)
class Review:
    areas: Mapping[int, str]  # area number -> SECURE, DEVELOPING or NEED; all eight
    phase: str
    subjects: frozenset[str] = frozenset()
    school_priorities: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PullForward:
    session_id: int
    reason: str


@dataclass(frozen=True)
class PlanItem:
    session_id: int
    reason: str  # PULLED, FOR_NEED, PRIORITY or SEQUENCE
    detail: str  # the reason in words, for the ECT, mentor and tutor
    weeks: tuple[tuple[int, int], ...]  # (week index, minutes of study that week)


@dataclass
class Plan:
    items: list[PlanItem] = field(default_factory=list)
    optional: list[tuple[int, str]] = field(default_factory=list)  # secure refreshers
    # Sessions met by local training the trust or school decided to count instead.
    covered: list[tuple[int, str]] = field(default_factory=list)
    not_chosen: list[int] = field(default_factory=list)  # variants for other phases/subjects
    beyond_calendar: list[int] = field(default_factory=list)  # sessions after the last week
    coverage: dict[int, str] = field(default_factory=dict)  # statement -> how it is met
    notes: list[str] = field(default_factory=list)

    def week_minutes(self) -> dict[int, int]:
        totals: dict[int, int] = {}
        for item in self.items:
            for week, minutes in item.weeks:
                totals[week] = totals.get(week, 0) + minutes
        return totals


def _validate(
    programme: ProgrammeSpec, review: Review, done: frozenset[int], pulled: list[PullForward]
) -> dict[int, SessionSpec]:
    by_id = {s.id: s for s in programme.sessions}
    missing = [n for n in range(1, AREAS + 1) if n not in review.areas]
    if missing:
        raise PlanError(
            "The starting-point review has no answer for area "
            + ", ".join(str(n) for n in missing)
            + "."
        )
    wrong = sorted(n for n, standing in review.areas.items() if standing not in STANDINGS)
    if wrong:
        raise PlanError(f"Area {wrong[0]} must be secure, developing or a need.")
    for session in sorted(programme.sessions, key=lambda s: s.order):
        foreign = sorted(session.statements - programme.statement_areas.keys())
        if foreign:
            raise PlanError(
                f"'{session.title}' is mapped to a statement that is not in this framework "
                f"(statement {foreign[0]}); map it to this framework's statements."
            )
        unknown = sorted(session.prerequisites - by_id.keys())
        if unknown:
            raise PlanError(f"'{session.title}' needs a session that is not in the programme.")
    cycle = find_cycle({sid: session.prerequisites for sid, session in by_id.items()})
    if cycle:
        names = " → ".join(f"'{by_id[i].title}'" for i in cycle)
        raise PlanError(f"The programme's prerequisites go round in a circle: {names}.")
    for pull in pulled:
        if pull.session_id not in by_id:
            raise PlanError("That session is not in the ECT's programme.")
        if pull.session_id in done:
            raise PlanError(f"'{by_id[pull.session_id].title}' is already done.")
        if not pull.reason.strip():
            raise PlanError("Say why the session is pulled forward.")
    return by_id


def find_cycle(graph: Mapping) -> list:
    """Nodes that form a cycle in a graph of node -> the nodes it needs (the first repeated
    last), or [] if there is none. Used for session prerequisites, here and on import."""
    state: dict = {}  # 1: on the current path, 2: finished
    for root in sorted(graph):
        if root in state:
            continue
        stack = [(root, sorted(graph[root]))]
        path = [root]
        state[root] = 1
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = todo.pop(0)
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and nxt in graph:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(graph[nxt])))
    return []


def _choose_variants(sessions: Iterable[SessionSpec], review: Review) -> tuple[dict, list[int]]:
    """For each variant group, the session that fits the ECT; returns (id -> chosen id for
    every session, the ids not chosen)."""
    groups: dict[str, list[SessionSpec]] = {}
    chosen: dict[int, int] = {}
    for session in sessions:
        if session.variant_group:
            groups.setdefault(session.variant_group, []).append(session)
        else:
            chosen[session.id] = session.id

    def fit(s: SessionSpec) -> tuple:
        phase_ok = not s.phases or review.phase in s.phases
        subject_ok = not s.subjects or bool(s.subjects & review.subjects)
        # Fitting first; among those, the most specific; then the programme's order.
        return (not (phase_ok and subject_ok), -(bool(s.phases) + bool(s.subjects)), s.order)

    not_chosen = []
    for group in sorted(groups):
        members = sorted(groups[group], key=fit)
        best = members[0]
        if fit(best)[0]:
            # None fits this ECT: the general one, if there is one, else the first.
            general = [m for m in members if not m.phases and not m.subjects]
            best = general[0] if general else min(members, key=lambda s: s.order)
        for member in members:
            chosen[member.id] = best.id
            if member.id != best.id:
                not_chosen.append(member.id)
    return chosen, sorted(not_chosen)


def build_plan(
    programme: ProgrammeSpec,
    review: Review,
    weeks: int,
    minutes_per_week: int,
    *,
    done: Iterable[int] = (),
    pulled: Iterable[PullForward] = (),
    covered: Mapping[int, str] | None = None,
) -> Plan:
    """The ECT's ordered plan over `weeks` term-time weeks of study from now. `covered`
    maps a session to the local training counted in its place (by title): it is not
    planned, and its time goes to the rest."""
    done = frozenset(done)
    covered = dict(covered or {})
    pulled = list(pulled)
    if minutes_per_week < 1:
        raise PlanError("The weekly study time must be at least a minute.")
    by_id = _validate(programme, review, done, pulled)
    chosen, not_chosen = _choose_variants(by_id.values(), review)
    plan = Plan(not_chosen=not_chosen)
    pulled_ids = {chosen[p.session_id]: p.reason for p in pulled}
    secure_areas = {n for n, standing in review.areas.items() if standing == SECURE}
    need_areas = {n for n, standing in review.areas.items() if standing == NEED}

    def areas_of(session: SessionSpec) -> set[int]:
        return {programme.statement_areas[s] for s in session.statements}

    # Sessions left to plan: the chosen variant of each, not done, not secure.
    todo: dict[int, SessionSpec] = {}
    for sid in sorted(set(chosen.values()), key=lambda i: by_id[i].order):
        session = by_id[sid]
        areas = areas_of(session)
        if any(chosen.get(d) == sid for d in done):  # done, as this or another variant
            continue
        local = next((covered[c] for c in covered if chosen.get(c) == sid), None)
        if local and sid not in pulled_ids:
            plan.covered.append((sid, f"Counted as done: your local training '{local}' covers it."))
            continue
        if areas and areas <= secure_areas and sid not in pulled_ids:
            numbers = [str(n) for n in sorted(areas)]
            which = (
                f"area {numbers[0]} is"
                if len(numbers) == 1
                else f"areas {', '.join(numbers[:-1])} and {numbers[-1]} are"
            )
            plan.optional.append((sid, f"Optional refresher: {which} already secure."))
            continue
        todo[sid] = session

    # Each session's own rank, then pass the most urgent rank down to its prerequisites.
    def prerequisites(sid: int) -> list[int]:
        return sorted({chosen[p] for p in by_id[sid].prerequisites} & todo.keys())

    rank: dict[int, tuple[int, str]] = {}
    for sid, session in todo.items():
        areas = areas_of(session)
        if sid in pulled_ids:
            reason = PULLED
        elif areas & need_areas:
            reason = FOR_NEED
        elif areas & review.school_priorities:
            reason = PRIORITY
        else:
            reason = SEQUENCE
        rank[sid] = (RANKS[reason], reason)
    inherited: dict[int, str] = {}
    for sid in sorted(todo, key=lambda i: (rank[i][0], by_id[i].order)):
        stack = [sid]
        while stack:
            current = stack.pop()
            for prereq in prerequisites(current):
                if rank[prereq][0] > rank[sid][0]:
                    rank[prereq] = rank[sid]
                    inherited[prereq] = by_id[sid].title
                    stack.append(prereq)

    # Kahn's algorithm, taking the most urgent available session each time.
    waiting = {sid: set(prerequisites(sid)) for sid in todo}
    dependants: dict[int, list[int]] = {sid: [] for sid in todo}
    for sid, needs in waiting.items():
        for prereq in needs:
            dependants[prereq].append(sid)
    pull_order = {chosen[p.session_id]: n for n, p in enumerate(pulled)}
    heap = [
        (rank[sid][0], pull_order.get(sid, 0), by_id[sid].order, sid)
        for sid, needs in waiting.items()
        if not needs
    ]
    heapq.heapify(heap)
    week, full = 0, False
    while heap:
        _, _, _, sid = heapq.heappop(heap)
        session = by_id[sid]
        reason = rank[sid][1]
        detail = _detail(reason, session, inherited.get(sid), pulled_ids.get(sid), review)
        spread = max(1, -(-session.minutes // minutes_per_week))  # ceiling
        # Once one session does not fit in the weeks left, nothing after it is placed, so
        # no session can come before what it builds on.
        full = full or week + spread > weeks
        if full:
            plan.beyond_calendar.append(sid)
        else:
            share, extra = divmod(session.minutes, spread)
            plan.items.append(
                PlanItem(
                    sid,
                    reason,
                    detail,
                    tuple((week + n, share + (1 if n < extra else 0)) for n in range(spread)),
                )
            )
            if spread > 1:
                plan.notes.append(
                    f"'{session.title}' takes {session.minutes} minutes, more than the "
                    f"{minutes_per_week} a week available, so it is spread over {spread} weeks."
                )
            week += spread
        for dependant in dependants[sid]:
            waiting[dependant].discard(sid)
            if not waiting[dependant]:
                heapq.heappush(
                    heap,
                    (
                        rank[dependant][0],
                        pull_order.get(dependant, 0),
                        by_id[dependant].order,
                        dependant,
                    ),
                )

    _cover(plan, programme, by_id, secure_areas, done)
    return plan


def _detail(reason: str, session, inherited_from, pull_reason, review: Review) -> str:
    if inherited_from:
        return f"Comes early because '{inherited_from}' builds on it."
    if reason == PULLED:
        return f"Pulled forward: {pull_reason}"
    if reason == FOR_NEED:
        return "Comes early: the starting-point review found this area a need."
    if reason == PRIORITY:
        return "Comes early: this area is a priority for the school."
    return "In the programme's order."


def _cover(plan: Plan, programme: ProgrammeSpec, by_id, secure_areas, done) -> None:
    """How each statement of the framework is met: planned, done, secure, or not in the
    programme."""
    where: dict[int, str] = {}
    for sid in sorted(done & by_id.keys(), key=lambda i: by_id[i].order):
        for statement in by_id[sid].statements:
            where.setdefault(statement, f"Done: '{by_id[sid].title}'.")
    for item in plan.items:
        for statement in by_id[item.session_id].statements:
            where.setdefault(statement, f"Planned: '{by_id[item.session_id].title}'.")
    for sid, _ in plan.covered:
        for statement in by_id[sid].statements:
            where.setdefault(statement, f"Met by local training in place of '{by_id[sid].title}'.")
    for statement, area in sorted(programme.statement_areas.items()):
        if statement in where:
            plan.coverage[statement] = where[statement]
        elif area in secure_areas:
            plan.coverage[statement] = f"Secure: the review found area {area} secure."
        elif any(statement in by_id[sid].statements for sid in plan.beyond_calendar):
            plan.coverage[statement] = "Planned after this year's weeks run out."
        else:
            plan.coverage[statement] = "Not covered by the programme."

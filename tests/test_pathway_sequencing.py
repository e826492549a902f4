"""The pathway sequencer on its own (no database): property tests over generated programmes
and reviews, and unit tests for variants, pull-forward and bad input."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.sequencing import (
    AREAS,
    DEVELOPING,
    FOR_NEED,
    NEED,
    PRIORITY,
    PULLED,
    SECURE,
    SEQUENCE,
    PlanError,
    ProgrammeSpec,
    PullForward,
    Review,
    SessionSpec,
    build_plan,
)

# A framework of eight areas with four statements each: statement 10 * area + n.
STATEMENT_AREAS = {10 * area + n: area for area in range(1, AREAS + 1) for n in range(4)}


@st.composite
def programmes(draw):
    """A programme whose sessions cover every statement, with prerequisites in any
    direction but never in a circle (each only on sessions earlier in a hidden order, not
    the programme's), some phase variants, and any length."""
    count = draw(st.integers(min_value=1, max_value=24))
    statements = sorted(STATEMENT_AREAS)
    hidden = draw(st.permutations(range(count)))
    rank_in_hidden = {order: n for n, order in enumerate(hidden)}
    sessions = []
    for order in range(count):
        chosen = draw(st.sets(st.sampled_from(statements), min_size=0, max_size=4))
        earlier = [o for o in range(count) if rank_in_hidden[o] < rank_in_hidden[order]]
        prereqs = draw(st.sets(st.sampled_from(earlier), max_size=3)) if earlier else set()
        sessions.append(
            {
                "id": 100 + order,
                "order": order,
                "statements": set(chosen),
                "prereqs": {100 + p for p in prereqs},
                "minutes": draw(st.integers(min_value=10, max_value=90)),
            }
        )
    # Every statement somewhere: the leftovers go to the last session.
    covered = set().union(*(s["statements"] for s in sessions))
    sessions[-1]["statements"] |= set(statements) - covered
    specs = []
    for s in sessions:
        specs.append(
            SessionSpec(
                id=s["id"],
                order=s["order"],
                title=f"Session {s['order']}",
                statements=frozenset(s["statements"]),
                minutes=s["minutes"],
                prerequisites=frozenset(s["prereqs"]),
            )
        )
        # Sometimes a primary and a secondary variant of the same session.
        if draw(st.booleans()) and draw(st.booleans()):
            for offset, phase in ((1000, "primary"), (2000, "secondary")):
                specs.append(
                    SessionSpec(
                        id=s["id"] + offset,
                        order=s["order"],
                        title=f"Session {s['order']} ({phase})",
                        statements=frozenset(s["statements"]),
                        minutes=s["minutes"],
                        prerequisites=frozenset(s["prereqs"]),
                        variant_group=f"g{s['order']}",
                        phases=frozenset({phase}),
                    )
                )
            specs[-3] = SessionSpec(**{**specs[-3].__dict__, "variant_group": f"g{s['order']}"})
    return ProgrammeSpec(sessions=tuple(specs), statement_areas=STATEMENT_AREAS)


reviews = st.builds(
    Review,
    areas=st.fixed_dictionaries(
        {area: st.sampled_from([SECURE, DEVELOPING, NEED]) for area in range(1, AREAS + 1)}
    ),
    phase=st.sampled_from(["primary", "secondary", "special"]),
    subjects=st.frozensets(st.sampled_from(["Science", "English"]), max_size=1),
    school_priorities=st.frozensets(st.integers(min_value=1, max_value=AREAS), max_size=2),
)


def _mapped(programme, plan):
    """Each session id to the id the plan uses for its variant group."""
    used = {i.session_id for i in plan.items} | set(plan.beyond_calendar)
    used |= {sid for sid, _ in plan.optional}
    groups = {}
    for s in programme.sessions:
        if s.variant_group and s.id in used:
            groups[s.variant_group] = s.id
    return {s.id: groups.get(s.variant_group, s.id) for s in programme.sessions}


@settings(max_examples=150, deadline=None)
@given(
    programmes(),
    reviews,
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=6, max_value=60),
    st.data(),
)
def test_properties_of_every_plan(programme, review, weeks, budget, data):
    ids = sorted(s.id for s in programme.sessions)
    pulled_ids = data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
    pulled = [PullForward(sid, "A pressing need.") for sid in pulled_ids]
    plan = build_plan(programme, review, weeks, budget, pulled=pulled)
    by_id = {s.id: s for s in programme.sessions}
    mapped = _mapped(programme, plan)
    position = {item.session_id: n for n, item in enumerate(plan.items)}
    optional = {sid for sid, _ in plan.optional}

    # Prerequisites always come first (or are secure refreshers, not needed again).
    for item in plan.items:
        for prereq in by_id[item.session_id].prerequisites:
            target = mapped[prereq]
            assert target in optional or position[target] < position[item.session_id]
    assert not set(plan.beyond_calendar) & set(position)

    # No week over the time budget, and every week's study is a whole session's share.
    assert all(minutes <= budget for minutes in plan.week_minutes().values())
    for item in plan.items:
        assert sum(m for _, m in item.weeks) == by_id[item.session_id].minutes

    # Every statement of the framework is planned or marked secure, with its reason.
    assert set(plan.coverage) == set(STATEMENT_AREAS)
    for statement, how in plan.coverage.items():
        assert how.startswith(("Planned", "Secure", "Done")), (statement, how)
        if how.startswith("Secure"):
            assert review.areas[STATEMENT_AREAS[statement]] == SECURE

    # Each variant group gives the ECT one session.
    groups = [
        by_id[i.session_id].variant_group for i in plan.items if by_id[i.session_id].variant_group
    ]
    assert len(groups) == len(set(groups))

    # The same input gives the same plan, whatever order the sessions arrive in.
    shuffled = list(programme.sessions)
    random.Random(1).shuffle(shuffled)
    again = build_plan(
        ProgrammeSpec(tuple(shuffled), programme.statement_areas),
        review,
        weeks,
        budget,
        pulled=pulled,
    )
    assert again == plan


# Unit tests on a small, readable programme.


def _session(sid, order, area, minutes=40, prereqs=(), **more):
    return SessionSpec(
        id=sid,
        order=order,
        title=more.pop("title", f"S{sid}"),
        statements=frozenset({10 * area}),
        minutes=minutes,
        prerequisites=frozenset(prereqs),
        **more,
    )


def _review(**standings):
    areas = dict.fromkeys(range(1, AREAS + 1), DEVELOPING)
    areas.update({int(k[1:]): v for k, v in standings.items()})
    return Review(areas=areas, phase="secondary", subjects=frozenset({"Science"}))


PROGRAMME = ProgrammeSpec(
    sessions=(
        _session(1, 0, 1, title="Routines"),
        _session(2, 1, 2, title="Retrieval", prereqs=[1]),
        _session(3, 2, 4, title="Questioning"),
        _session(4, 3, 5, title="Adaptive teaching", prereqs=[3]),
        _session(5, 4, 7, title="Behaviour"),
    ),
    statement_areas=STATEMENT_AREAS,
)


def _order(plan):
    return [item.session_id for item in plan.items]


def test_without_needs_the_programmes_order_holds():
    plan = build_plan(PROGRAMME, _review(), weeks=10, minutes_per_week=60)
    assert _order(plan) == [1, 2, 3, 4, 5]
    assert {item.reason for item in plan.items} == {SEQUENCE}
    assert [item.weeks for item in plan.items][:2] == [((0, 40),), ((1, 40),)]


def test_a_secure_area_becomes_an_optional_refresher():
    plan = build_plan(PROGRAMME, _review(a1=SECURE), weeks=10, minutes_per_week=60)
    assert _order(plan) == [2, 3, 4, 5]  # Retrieval no longer waits for Routines
    assert plan.optional == [(1, "Optional refresher: area 1 is already secure.")]
    assert plan.coverage[10] == "Secure: the review found area 1 secure."


def test_a_need_comes_first_and_brings_its_prerequisite_with_it():
    plan = build_plan(PROGRAMME, _review(a5=NEED), weeks=10, minutes_per_week=60)
    assert _order(plan) == [3, 4, 1, 2, 5]
    assert plan.items[1].reason == FOR_NEED
    assert plan.items[0].detail == "Comes early because 'Adaptive teaching' builds on it."


def test_school_priorities_come_after_needs():
    review = _review(a2=NEED)
    review = Review(review.areas, review.phase, review.subjects, frozenset({7}))
    plan = build_plan(PROGRAMME, review, weeks=10, minutes_per_week=60)
    assert _order(plan) == [1, 2, 5, 3, 4]
    assert [i.reason for i in plan.items][:3] == [FOR_NEED, FOR_NEED, PRIORITY]


def test_a_pulled_forward_topic_comes_first_with_its_reason_and_the_rest_shift():
    pull = PullForward(4, "First A-level class next week.")
    plan = build_plan(PROGRAMME, _review(), weeks=10, minutes_per_week=60, pulled=[pull])
    assert _order(plan) == [3, 4, 1, 2, 5]
    assert plan.items[1].reason == PULLED
    assert plan.items[1].detail == "Pulled forward: First A-level class next week."


def test_a_part_timer_gets_longer_sessions_spread_over_weeks():
    plan = build_plan(PROGRAMME, _review(), weeks=20, minutes_per_week=36)  # 0.6 FTE
    assert plan.items[0].weeks == ((0, 20), (1, 20))
    assert plan.items[1].weeks == ((2, 20), (3, 20))
    assert "spread over 2 weeks" in plan.notes[0]
    assert max(plan.week_minutes().values()) <= 36


def test_sessions_after_the_last_week_are_listed_not_squeezed_in():
    plan = build_plan(PROGRAMME, _review(), weeks=3, minutes_per_week=60)
    assert _order(plan) == [1, 2, 3]
    assert plan.beyond_calendar == [4, 5]
    assert plan.coverage[50] == "Planned after this year's weeks run out."


def test_a_refresher_names_every_secure_area_it_covers():
    two_areas = ProgrammeSpec(
        sessions=(SessionSpec(1, 0, "Both", frozenset({10, 70}), 40),),
        statement_areas=STATEMENT_AREAS,
    )
    plan = build_plan(two_areas, _review(a1=SECURE, a7=SECURE), weeks=5, minutes_per_week=60)
    assert plan.optional == [(1, "Optional refresher: areas 1 and 7 are already secure.")]


def test_done_sessions_are_not_planned_again():
    plan = build_plan(PROGRAMME, _review(), weeks=10, minutes_per_week=60, done=[1, 2])
    assert _order(plan) == [3, 4, 5]
    assert plan.coverage[10] == "Done: 'Routines'."


VARIANTS = ProgrammeSpec(
    sessions=(
        _session(1, 0, 3, title="Misconceptions", variant_group="mis"),
        _session(
            2,
            0,
            3,
            title="Misconceptions in science",
            variant_group="mis",
            phases=frozenset({"secondary"}),
            subjects=frozenset({"Science"}),
        ),  # fmt: skip
        _session(
            3,
            0,
            3,
            title="Misconceptions in primary maths",
            variant_group="mis",
            phases=frozenset({"primary"}),
        ),  # fmt: skip
        _session(4, 1, 4, title="Questioning", prereqs=[3]),
    ),
    statement_areas=STATEMENT_AREAS,
)


@pytest.mark.parametrize(
    ("phase", "subjects", "expected"),
    [
        ("secondary", {"Science"}, 2),
        ("primary", set(), 3),
        ("secondary", {"History"}, 1),  # no matching variant: the general one
        ("special", set(), 1),
    ],
)
def test_the_ect_gets_the_variant_that_matches_them(phase, subjects, expected):
    review = Review(_review().areas, phase, frozenset(subjects))
    plan = build_plan(VARIANTS, review, weeks=10, minutes_per_week=60)
    assert _order(plan) == [expected, 4]  # a prerequisite on any variant means the chosen one
    assert sorted(plan.not_chosen) == sorted({1, 2, 3} - {expected})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"review": Review(dict.fromkeys(range(1, 8), DEVELOPING), "primary")},
            "no answer for area 8",
        ),
        ({"review": Review({**_review().areas, 3: "great"}, "primary")}, "Area 3 must be"),
        ({"pulled": [PullForward(1, "x")], "done": [1]}, "'Routines' is already done"),
        ({"pulled": [PullForward(99, "x")]}, "not in the ECT's programme"),
        ({"pulled": [PullForward(2, " ")]}, "Say why"),
        ({"minutes_per_week": 0}, "at least a minute"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(change, message):
    arguments = {"review": _review(), "weeks": 10, "minutes_per_week": 60, **change}
    with pytest.raises(PlanError, match=message):
        build_plan(PROGRAMME, **arguments)


def test_a_prerequisite_cycle_is_named():
    cyclic = ProgrammeSpec(
        sessions=(
            _session(1, 0, 1, title="A", prereqs=[3]),
            _session(2, 1, 2, title="B", prereqs=[1]),
            _session(3, 2, 3, title="C", prereqs=[2]),
        ),
        statement_areas=STATEMENT_AREAS,
    )
    with pytest.raises(PlanError, match="go round in a circle: 'A' → 'C' → 'B' → 'A'"):
        build_plan(cyclic, _review(), weeks=10, minutes_per_week=60)


def test_a_statement_of_another_framework_is_refused():
    foreign = ProgrammeSpec(
        sessions=(SessionSpec(1, 0, "Old map", frozenset({999}), 40),),
        statement_areas=STATEMENT_AREAS,
    )
    with pytest.raises(PlanError, match="'Old map' is mapped to a statement that is not in"):
        build_plan(foreign, _review(), weeks=10, minutes_per_week=60)

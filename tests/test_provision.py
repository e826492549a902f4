"""Local provision: matching it to the framework (measured on the labelled set), importing it,
finding overlaps with the programme, and decisions that change ECTs' pathways."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from frameworks.models import Statement
from pathways.plans import pathway_for
from programmes.models import Session
from provision import labelled
from provision.matching import Matcher, Target, accuracy, keyword_baseline
from provision.models import Decision, ProvisionItem, StatementMatch, owner_kind
from provision.overlaps import covered_sessions, overlaps_for, terms_between
from provision.suggest import suggest
from tandem import factories

# Set from what the matcher achieves on the labelled set (86% and 91% when written): a
# change that loses more than a few items fails here.
TOP1_FLOOR, TOP3_FLOOR = 0.80, 0.88


def test_the_labelled_set_is_large_enough_and_names_real_statements():
    targets, ids = labelled.sample_targets()
    items = labelled.labelled_items()
    assert len(items) >= 60
    assert all(codes <= ids.keys() for _, codes in items)
    assert len({code.split(".")[0] for _, codes in items for code in codes}) == 8


def test_the_matcher_keeps_its_accuracy_and_beats_keywords():
    results = labelled.measure()
    ours, baseline = results["tf-idf"]["statements"], results["keywords"]["statements"]
    assert ours["top1"] >= TOP1_FLOOR
    assert ours["top3"] >= TOP3_FLOOR
    assert ours["top1"] > baseline["top1"]
    assert results["tf-idf"]["areas"]["top1"] >= ours["top1"]


def test_the_matcher_says_which_words_matched_and_handles_word_forms():
    targets = [
        Target(1, "7.4", "Teach routines explicitly and practise them."),
        Target(2, "2.3", "Retrieval from memory strengthens it."),
    ]
    matcher = Matcher(targets)
    best = matcher.suggest("Establishing a classroom routine in September")[0]
    assert best.target_id == 1
    assert "routine" in best.words
    assert matcher.suggest("   ") == []
    assert matcher.suggest("the and of") == []  # nothing but stop words


def test_keyword_baseline_and_accuracy_arithmetic():
    targets = [Target(1, "a", "alpha beta"), Target(2, "b", "gamma delta")]
    assert keyword_baseline(targets, "delta things") == [2]
    assert keyword_baseline(targets, "nothing shared") == []
    scores = accuracy([[1, 2], [2, 1], []], [frozenset({1}), frozenset({1}), frozenset({1})])
    assert scores == {"items": 3, "top1": 1 / 3, "top3": 2 / 3}


@pytest.mark.parametrize(
    ("start", "end", "terms"),
    [
        (date(2026, 10, 1), date(2026, 10, 1), ["autumn"]),
        (date(2026, 11, 1), date(2027, 2, 1), ["autumn", "spring"]),
        (date(2027, 3, 30), date(2027, 4, 20), ["spring", "summer"]),
        (date(2027, 6, 1), date(2027, 9, 30), ["autumn", "spring", "summer"]),
    ],
)
def test_terms_an_item_runs_in(start, end, terms):
    assert terms_between(start, end) == terms


def test_a_covered_session_is_not_planned_and_its_statements_say_so():
    from pathways.sequencing import ProgrammeSpec, Review, SessionSpec, build_plan

    programme = ProgrammeSpec(
        (
            SessionSpec(1, 1, "Routines", frozenset({10}), 40),
            SessionSpec(2, 2, "Retrieval", frozenset({20}), 40),
        ),
        {10: 7, 20: 2},
    )
    review = Review(dict.fromkeys(range(1, 9), "developing"), "primary")
    plan = build_plan(programme, review, 10, 60, covered={1: "Trust twilight"})
    assert [i.session_id for i in plan.items] == [2]
    assert plan.covered == [(1, "Counted as done: your local training 'Trust twilight' covers it.")]
    assert plan.coverage[10] == "Met by local training in place of 'Routines'."
    # An agreed pull-forward wins: the ECT asked for it, so it is planned.
    from pathways.sequencing import PullForward

    pulled = build_plan(
        programme, review, 10, 60, covered={1: "Trust twilight"}, pulled=[PullForward(1, "x")]
    )
    assert [i.session_id for i in pulled.items] == [1, 2]


def _statement(cast, code):
    return Statement.objects.get(framework=cast.programme.framework, code=code)


def _session(cast, slug):
    return cast.programme.sessions_in_order().get(slug=slug)


def make_item(cast, *, owner=None, codes=("7.4",), day=date(2026, 10, 1), **fields):
    owner = owner or cast.trust_a
    item = ProvisionItem.objects.create(
        **{owner_kind(owner): owner},
        title=fields.pop("title", "Behaviour twilight"),
        description=fields.pop("description", "Routines for entering and leaving the room."),
        starts_on=day,
        ends_on=day,
        hours=Decimal("1.5"),
        created_by=cast.coordinator,
        **fields,
    )
    for code in codes:
        StatementMatch.objects.create(
            item=item, statement=_statement(cast, code), status=StatementMatch.Status.CONFIRMED
        )
    return item


def test_adding_an_item_suggests_statements_with_the_words_that_matched(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("provision_add", args=["trust", cast.trust_a.pk]),
        {
            "title": "Retrieval practice twilight",
            "description": "Low-stakes quizzes at the start of lessons to strengthen recall of "
            "earlier learning.",
            "audience": "ects",
            "induction_year": "1",
            "starts_on": "2026-10-08",
            "ends_on": "2026-10-08",
            "hours": "1.5",
        },
    )
    item = ProvisionItem.objects.get()
    assert response["Location"] == reverse("provision_item", args=[item.pk])
    suggestions = list(item.matches.order_by("rank"))
    assert len(suggestions) == 5
    assert {s.status for s in suggestions} == {"suggested"}
    assert suggestions[0].statement.code in {"2.6", "2.3"}
    assert suggestions[0].words
    page = client.get(reverse("provision_item", args=[item.pk])).content.decode()
    assert suggestions[0].statement.text in page
    assert "Starting with retrieval" in page or "Words that matched" in page


def test_confirming_rejecting_and_adding_statements(client, cast):
    item = make_item(cast, codes=())
    suggest(item)
    first, second = item.matches.order_by("rank")[:2]
    client.force_login(cast.coordinator)
    client.post(reverse("provision_match", args=[item.pk, first.pk]), {"status": "confirmed"})
    client.post(reverse("provision_match", args=[item.pk, second.pk]), {"status": "rejected"})
    extra = _statement(cast, "8.2")
    client.post(reverse("provision_statement", args=[item.pk]), {"statement": extra.pk})
    statuses = dict(item.matches.values_list("statement__code", "status"))
    assert statuses[first.statement.code] == "confirmed"
    assert statuses[second.statement.code] == "rejected"
    assert statuses["8.2"] == "confirmed"
    # Fresh suggestions after an edit keep what the coordinator decided.
    suggest(item)
    statuses = dict(item.matches.values_list("statement__code", "status"))
    assert statuses[first.statement.code] == "confirmed"
    assert statuses[second.statement.code] == "rejected"
    # A bad status or a statement from nowhere changes nothing.
    before = list(item.matches.values_list("pk", "status"))
    client.post(reverse("provision_match", args=[item.pk, first.pk]), {"status": "maybe"})
    client.post(reverse("provision_statement", args=[item.pk]), {"statement": 999999})
    assert list(item.matches.values_list("pk", "status")) == before


GOOD_CSV = (
    "title,description,audience,year,starts,ends,hours\n"
    'Behaviour twilight,"Teaching routines for entry and exit",ects,1,08/10/2026,08/10/2026,1.5\n'
    "Mentor network,Coaching conversations and feedback,mentors,,2026-11-10,2026-11-10,2\n"
)


def _upload(client, cast, text, name="provision.csv"):
    data = io.BytesIO(text.encode())
    data.name = name
    return client.post(reverse("provision_import", args=["trust", cast.trust_a.pk]), {"file": data})


def test_importing_a_spreadsheet_previews_then_saves_with_suggestions(client, cast):
    client.force_login(cast.coordinator)
    response = _upload(client, cast, GOOD_CSV)
    assert response.status_code == 200
    assert b"Check the items" in response.content
    assert not ProvisionItem.objects.exists()  # nothing until confirmed
    token = response.context["token"]
    response = client.post(
        reverse("provision_import", args=["trust", cast.trust_a.pk]), {"confirm": token}
    )
    assert response.status_code == 302
    items = list(ProvisionItem.objects.order_by("title"))
    assert [i.title for i in items] == ["Behaviour twilight", "Mentor network"]
    assert items[0].induction_year == 1 and items[1].audience == "mentors"
    assert items[1].starts_on == date(2026, 11, 10) and items[1].hours == Decimal("2.0")
    assert all(i.matches.exists() for i in items)


def test_a_tampered_confirmation_imports_nothing(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("provision_import", args=["trust", cast.trust_a.pk]), {"confirm": "forged"}
    )
    assert response.status_code == 302
    assert not ProvisionItem.objects.exists()


@pytest.mark.parametrize(
    ("row", "where", "message"),
    [
        (",Desc,ects,1,08/10/2026,08/10/2026,1", "Row 2, column title", "empty"),
        ("T,Desc,pupils,1,08/10/2026,08/10/2026,1", "Row 2, column audience", "'pupils'"),
        ("T,Desc,ects,3,08/10/2026,08/10/2026,1", "Row 2, column year", "'3'"),
        ("T,Desc,ects,1,32/10/2026,08/10/2026,1", "Row 2, column starts", "not a date"),
        ("T,Desc,ects,1,08/10/2026,01/10/2026,1", "Row 2, column ends", "before the first"),
        ("T,Desc,ects,1,08/10/2026,08/10/2026,lots", "Row 2, column hours", "'lots'"),
        ("T,Desc,ects,1,08/10/2026,08/10/2026,500", "Row 2, column hours", "0.5 to 200"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_imported(client, cast, row, where, message):
    client.force_login(cast.coordinator)
    good = GOOD_CSV.splitlines()[1]
    text = f"title,description,audience,year,starts,ends,hours\n{good}\n{row}\n"
    response = _upload(client, cast, text.replace("Row 2", "Row 3"))
    problems = [str(p) for p in response.context["problems"]]
    where = where.replace("Row 2", "Row 3")
    assert any(p.startswith(where) and message in p for p in problems), problems
    assert not ProvisionItem.objects.exists()


def test_missing_columns_and_a_damaged_workbook_are_explained(client, cast):
    client.force_login(cast.coordinator)
    response = _upload(client, cast, "title,hours\nA,1\n")
    assert "missing columns description, starts, ends" in str(response.context["problems"][0])
    response = _upload(client, cast, "not a workbook", name="provision.xlsx")
    assert "not an Excel workbook" in str(response.context["problems"][0])
    assert not ProvisionItem.objects.exists()


def test_an_overlap_needs_shared_statements_in_the_same_term_and_year(cast):
    routine = _session(cast, "teaching-a-routine")
    make_item(cast, title="Autumn routines")
    make_item(cast, title="Spring routines", day=date(2027, 2, 1))
    make_item(cast, title="Year 2 routines", induction_year=2)
    make_item(cast, title="Unconfirmed", codes=())
    make_item(cast, title="Mentors only", audience="mentors")
    found = overlaps_for(cast.trust_a, date(2026, 11, 23))
    # Both autumn sessions of year 1 that teach 7.4, and nothing else.
    assert [(o.item.title, o.session.slug) for o in found] == [
        ("Autumn routines", "first-five-minutes"),
        ("Autumn routines", "teaching-a-routine"),
    ]
    overlap = found[1]
    assert [s.code for s in overlap.statements] == ["7.4"]
    assert overlap.ects == 1
    assert overlap.local_hours == Decimal("1.5")
    assert overlap.programme_hours == Decimal(routine.study_minutes) / 60


def _decide(client, cast, item, session, choice, reason=""):
    client.force_login(cast.coordinator)
    key = f"{item.pk}-{session.pk}"
    return client.post(
        reverse("provision_decide", args=[item.pk, session.pk]),
        {f"{key}-choice": choice, f"{key}-reason": reason},
    )


def _planned(induction):
    path = pathway_for(induction)
    return [path.session_of(i).slug for i in path.plan.items], path


def test_integrating_takes_the_session_out_of_the_ects_pathway(client, cast):
    routine = _session(cast, "teaching-a-routine")
    item = make_item(cast)
    assert "teaching-a-routine" in _planned(cast.induction)[0]
    response = _decide(client, cast, item, routine, "integrate")
    assert response.status_code == 302
    planned, path = _planned(cast.induction)
    assert "teaching-a-routine" not in planned
    assert [(sid, text) for sid, text in path.plan.covered] == [
        (routine.pk, "Counted as done: your local training 'Behaviour twilight' covers it.")
    ]
    client.force_login(cast.ect)
    page = client.get(reverse("pathway", args=[cast.induction.pk])).content.decode()
    assert "Covered by local training" in page
    assert "it counts in place of &#x27;Teaching a routine" in page


def test_integration_reaches_only_ects_in_the_items_reach(cast):
    routine = _session(cast, "teaching-a-routine")
    item = make_item(cast, owner=cast.school_a)
    Decision.objects.create(item=item, session=routine, choice="integrate", decided_by=cast.tutor)
    other = factories.make_ect(cast.school_b, programme=cast.programme)
    year_two = factories.make_ect(
        cast.school_a, programme=cast.programme, started_on=date(2025, 9, 1)
    )
    item.induction_year = 1
    item.save()
    inductions = [cast.induction, other, year_two]
    from people.models import Induction

    detailed = list(
        Induction.objects.with_current_details().filter(pk__in=[i.pk for i in inductions])
    )
    covered = covered_sessions(detailed, date(2026, 11, 23))
    assert covered == {cast.induction.pk: {routine.pk: "Behaviour twilight"}}


def test_replacing_drops_the_local_item_and_keeps_the_session(client, cast):
    routine = _session(cast, "teaching-a-routine")
    item = make_item(cast)
    _decide(client, cast, item, routine, "integrate")
    _decide(client, cast, item, routine, "replace")  # a later decision replaces it in effect
    assert "teaching-a-routine" in _planned(cast.induction)[0]
    assert list(item.decisions.values_list("choice", flat=True)) == ["integrate", "replace"]
    client.force_login(cast.ect)
    page = client.get(reverse("pathway", args=[cast.induction.pk])).content.decode()
    assert "<s>Behaviour twilight</s>" in page
    assert "No longer needed" in page
    assert "0 hours still to attend" in page
    client.force_login(cast.coordinator)
    page = client.get(reverse("provision_map", args=["trust", cast.trust_a.pk])).content.decode()
    assert "Replaced" in page


def test_stopping_and_keeping_both(client, cast):
    routine = _session(cast, "teaching-a-routine")
    item = make_item(cast)
    response = _decide(client, cast, item, routine, "keep")
    assert not Decision.objects.exists()  # keeping both needs a reason
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "Say why ECTs should spend time on both." in follow
    _decide(client, cast, item, routine, "keep", "The trust session adds a practice lab.")
    assert "teaching-a-routine" in _planned(cast.induction)[0]
    client.force_login(cast.ect)
    page = client.get(reverse("pathway", args=[cast.induction.pk])).content.decode()
    assert "1.5 hours still to attend" in page
    _decide(client, cast, item, routine, "stop")
    page = client.get(reverse("provision_overlaps", args=["trust", cast.trust_a.pk]))
    assert b"Local item stopped" in page.content
    assert b"The trust session adds a practice lab." in page.content  # history kept


def test_deciding_on_two_things_that_do_not_overlap_is_refused(client, cast):
    item = make_item(cast)
    spring = _session(cast, "hinge-questions")
    response = _decide(client, cast, item, spring, "integrate")
    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_an_item_with_decisions_cannot_be_deleted(client, cast):
    routine = _session(cast, "teaching-a-routine")
    item = make_item(cast)
    _decide(client, cast, item, routine, "integrate")
    client.post(reverse("provision_delete", args=[item.pk]))
    assert ProvisionItem.objects.filter(pk=item.pk).exists()
    other = make_item(cast, title="Spare")
    client.post(reverse("provision_delete", args=[other.pk]))
    assert not ProvisionItem.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("count", [1, 4])
def test_overlaps_and_map_pages_take_a_fixed_number_of_queries(
    client, cast, django_assert_num_queries, count
):
    routine = _session(cast, "teaching-a-routine")
    for n in range(count):
        item = make_item(cast, title=f"Item {n}")
        Decision.objects.create(
            item=item, session=routine, choice="keep", reason="x", decided_by=cast.coordinator
        )
    client.force_login(cast.coordinator)
    for name, queries in (("provision_overlaps", 15), ("provision_map", 9)):
        url = reverse(name, args=["trust", cast.trust_a.pk])
        client.get(url)
        with django_assert_num_queries(queries):
            client.get(url)


@pytest.mark.parametrize("count", [1, 3])
def test_the_pathway_page_stays_fixed_with_decisions(
    client, cast, django_assert_num_queries, count
):
    sessions = list(Session.objects.filter(module__year__programme=cast.programme))[:count]
    for n, session in enumerate(sessions):
        item = make_item(cast, title=f"Item {n}")
        Decision.objects.create(
            item=item, session=session, choice="integrate", decided_by=cast.coordinator
        )
    client.force_login(cast.mentor)
    url = reverse("pathway", args=[cast.induction.pk])
    client.get(url)
    with django_assert_num_queries(26):
        client.get(url)

"""The mentor development strand: imported like any programme but paced through the year,
the mentor's own record (parts done with time and reflections, units known after a check,
the skills review), and who sees what of it."""

from pathlib import Path

import pytest
from django.urls import reverse

from development.models import PartDone, SkillReview, UnitKnown
from programmes.content_files import MENTOR_HALF_TERM_MINUTES, import_programme, read_folder
from tandem import factories
from tandem.imports import ImportRejected

STRAND = Path(factories.SAMPLES) / "mentor-strand"


@pytest.fixture
def strand(cast):
    return factories.load_sample_strand()


def test_the_sample_strand_fits_its_half_term(strand):
    minutes = sum(p.minutes for s in strand.sessions_in_order() for p in s.parts.all())
    assert strand.audience == "mentor"
    assert 120 <= minutes <= MENTOR_HALF_TERM_MINUTES
    # Every unit ends with a practice task for real coaching.
    for session in strand.sessions_in_order():
        assert any(p.kind == "try" and "Practice task" in p.title for p in session.parts.all())


def test_a_front_loaded_strand_is_refused_with_its_place(cast):
    factories.load_sample_framework()
    files = read_folder(STRAND)
    text = files["sessions/safe-to-try.md"].decode()
    files["sessions/safe-to-try.md"] = text.replace("minutes: 15", "minutes: 60").encode()
    with pytest.raises(ImportRejected) as rejected:
        import_programme(files, owner=None)
    [problem] = rejected.value.problems
    assert problem.where == "programme.yaml, year 1, half term 1"
    assert "at most 240 (4 hours)" in problem.message


def test_an_ect_programme_is_not_held_to_the_mentor_pace(cast):
    # ECTs study weekly: a long half term in an ECT programme is not front-loading.
    files = read_folder(Path(factories.SAMPLES) / "ect-programme")
    name = "sessions/first-five-minutes.md"
    files[name] = files[name].decode().replace("minutes: 12", "minutes: 120").encode()
    programme = import_programme(files, owner=cast.trust_a)
    first = programme.sessions_in_order()[0].module
    assert sum(p.minutes for s in first.sessions.all() for p in s.parts.all()) > 240


def test_the_mentor_works_through_a_unit(client, cast, strand):
    unit = strand.sessions_in_order().first()
    client.force_login(cast.mentor)
    page = client.get(reverse("strand")).content.decode()
    assert "0 of 4" in page and unit.title in page
    for part in unit.parts.all():
        client.post(
            reverse("strand_part_done", args=[unit.pk, part.pk]),
            {f"part{part.pk}-minutes": "12", f"part{part.pk}-note": "Asked first; it helped."},
        )
    assert PartDone.objects.filter(mentor=cast.mentor).count() == unit.parts.count()
    page = client.get(reverse("strand")).content.decode()
    assert "1 of 4" in page and f"{12 * unit.parts.count()} minutes in all" in page


def test_bad_minutes_are_explained_and_nothing_saved(client, cast, strand):
    unit = strand.sessions_in_order().first()
    part = unit.parts.first()
    client.force_login(cast.mentor)
    response = client.post(
        reverse("strand_part_done", args=[unit.pk, part.pk]),
        {f"part{part.pk}-minutes": "0"},
        follow=True,
    )
    assert "greater than or equal to 1" in response.content.decode()
    assert not PartDone.objects.exists()


def test_an_experienced_mentor_marks_a_unit_known_after_the_check(client, cast, strand):
    unit = strand.sessions_in_order()[1]
    client.force_login(cast.mentor)
    short = client.post(reverse("strand_known", args=[unit.pk]), {"answer": "I do this."})
    assert "Write at least 100 characters" in short.content.decode()
    assert not UnitKnown.objects.exists()
    answer = (
        "I describe what I saw before I say what I think, and I ask the ECT what they noticed. "
        "Last week that turned a tense conversation about a Year 9 class into a plan."
    )
    client.post(reverse("strand_known", args=[unit.pk]), {"answer": answer})
    assert UnitKnown.objects.get().session == unit
    assert "Known already" in client.get(reverse("strand")).content.decode()


def test_the_skills_review_is_kept_each_term(client, cast, strand):
    client.force_login(cast.mentor)
    data = dict.fromkeys(
        ("safety", "difficult", "goals", "modelling", "practice", "responsive", "adults"), "2"
    )
    incomplete = client.post(reverse("strand_skills"), {"safety": "2"})
    assert "Choose a level for" in incomplete.content.decode()
    client.post(reverse("strand_skills"), data | {"note": "Difficult conversations."})
    review = SkillReview.objects.get()
    assert review.ratings["goals"] == 2 and review.note == "Difficult conversations."


def test_the_tutor_sees_progress_but_not_reflections(client, cast, strand):
    unit = strand.sessions_in_order().first()
    part = unit.parts.first()
    PartDone.objects.create(
        mentor=cast.mentor, part=part, done_on="2026-11-20", minutes=30, note="Private thought"
    )
    client.force_login(cast.tutor)
    page = client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
    assert "Development: 1 unit worked on, 30 minutes this year" in page
    assert "Private thought" not in page
    assert client.get(reverse("strand_unit", args=[unit.pk])).status_code == 403


def test_a_unit_of_another_programme_is_not_found(client, cast, strand):
    ect_session = cast.programme.sessions_in_order().first()
    client.force_login(cast.mentor)
    assert client.get(reverse("strand_unit", args=[ect_session.pk])).status_code == 404


def test_the_strand_round_trips_through_its_files(strand):
    from programmes.content_files import export_programme

    files = export_programme(strand)
    assert "programme.yaml" in files and "sessions/safe-to-try.md" in files
    again = import_programme(files, owner=None)
    assert again.pk == strand.pk and again.audience == "mentor"
    assert [s.title for s in again.sessions_in_order()] == [
        "Making it safe to try, and to get it wrong",
        "Feedback conversations that do not turn defensive",
        "Goals the ECT owns",
        "Modelling with your thinking made visible",
    ]


def test_time_this_half_term_is_shown_against_the_strands_plan(client, cast, strand):
    import time_machine

    unit = strand.sessions_in_order().first()
    part = unit.parts.first()
    with time_machine.travel("2026-10-05", tick=False):
        PartDone.objects.create(mentor=cast.mentor, part=part, done_on="2026-10-02", minutes=25)
        PartDone.objects.create(
            mentor=cast.mentor, part=unit.parts.last(), done_on="2026-08-20", minutes=40
        )
        client.force_login(cast.mentor)
        page = client.get(reverse("strand")).content.decode()
    planned = sum(p.minutes for s in strand.sessions_in_order() for p in s.parts.all())
    # Only what was done since the half term began (1 September) counts towards it.
    assert f"25 minutes this half term, of {planned} the strand plans" in page
    assert "65 minutes in all" in page


def test_the_trust_sees_development_only_in_aggregate(client, cast, strand):
    from people.models import Role

    part = strand.sessions_in_order().first().parts.first()
    client.force_login(cast.coordinator)
    url = reverse("trust_home", args=[cast.trust_a.pk])
    PartDone.objects.create(mentor=cast.mentor, part=part, done_on="2026-11-02", minutes=30)
    assert "Shown once at least 5 mentors have done some" in client.get(url).content.decode()
    for minutes in (10, 20, 30, 40):
        mentor = factories.make_person()
        factories.give_role(mentor, Role.MENTOR, school=cast.school_a)
        PartDone.objects.create(mentor=mentor, part=part, done_on="2026-11-02", minutes=minutes)
    page = client.get(url).content.decode()
    assert "5 mentors, 26 minutes each on average" in page
    assert "Cast mentor" not in page

"""Programme files: import, lossless export, in-place update, and every bad input refused
with its file and field named and nothing changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from programmes.content_files import (
    export_programme,
    import_programme,
    read_folder,
    read_zip,
    zip_files,
)
from programmes.models import Programme, Session, StudyPart
from tandem import factories
from tandem.factories import SAMPLES
from tandem.imports import ImportRejected


@pytest.fixture
def files(db):
    factories.load_sample_framework()
    return read_folder(SAMPLES / "ect-programme")


def _rejected(files) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_programme(files, owner=None)
    assert not Programme.objects.exists()
    assert not Session.objects.exists()
    return [str(problem) for problem in caught.value.problems]


def test_the_sample_imports_with_its_sessions_and_mentor_materials(files):
    programme = import_programme(files, owner=None)
    assert programme.is_sample
    sessions = list(programme.sessions_in_order())
    assert len(sessions) == 16
    first = sessions[0]
    assert first.title == "The first five minutes"
    assert first.study_minutes == 37
    assert first.mentor_look_fors.startswith("Watch the first five minutes only.")
    assert sorted(first.statements.values_list("code", flat=True)) == ["7.1", "7.3", "7.4"]
    assert set(first.phases) == {"primary", "secondary"}


def test_export_then_import_changes_nothing(files):
    programme = import_programme(files, owner=None)
    exported = export_programme(programme)
    programme.delete()
    again = import_programme(exported, owner=None)
    assert export_programme(again) == exported


def test_reimport_updates_sessions_in_place(files):
    programme = import_programme(files, owner=None)
    session = programme.sessions_in_order().first()
    changed = dict(files)
    changed["sessions/first-five-minutes.md"] = files["sessions/first-five-minutes.md"].replace(
        b"title: The first five minutes", b"title: The first five minutes of a lesson"
    )
    import_programme(changed, owner=None)
    session.refresh_from_db()
    assert session.title == "The first five minutes of a lesson"
    assert Session.objects.count() == 16


def test_a_session_mapped_to_an_unknown_statement_is_refused(files):
    files["sessions/small-steps.md"] = files["sessions/small-steps.md"].replace(b"'2.1'", b"'9.9'")
    assert _rejected(files) == [
        "sessions/small-steps.md, field 'statements': unknown statement '9.9' in "
        "Tandem sample framework (2026 sample)"
    ]


def test_a_missing_session_file_is_refused(files):
    del files["sessions/small-steps.md"]
    assert _rejected(files) == [
        "sessions/small-steps.md: the module lists this session but the file is missing"
    ]


def test_a_session_file_no_module_lists_is_refused(files):
    files["sessions/stray.md"] = b"---\ntitle: Stray\n---\n"
    assert _rejected(files) == [
        "sessions/stray.md: no module lists this session; add it to programme.yaml"
    ]


def test_broken_yaml_is_refused_with_its_line(files):
    files["programme.yaml"] = b"slug: x\nname: [unclosed\n"
    problems = _rejected(files)
    assert problems[0].startswith("programme.yaml, line 3: not valid YAML")


def test_an_unknown_framework_is_refused(files):
    files["programme.yaml"] = files["programme.yaml"].replace(
        b"version: 2026 sample", b"version: 1999"
    )
    assert "field 'framework'" in _rejected(files)[0]


def test_an_empty_file_is_refused(files):
    files["sessions/small-steps.md"] = b""
    assert _rejected(files) == ["sessions/small-steps.md: the file is empty"]


def test_a_session_file_in_the_wrong_encoding_is_refused(files):
    files["sessions/small-steps.md"] = "---\ntitle: Caf\u00e9\n---\n".encode("latin-1")
    assert "not UTF-8" in _rejected(files)[0]


def test_bad_parts_are_refused_naming_the_part(files):
    files["sessions/small-steps.md"] = (
        files["sessions/small-steps.md"]
        .replace(b"minutes: 15", b"minutes: lots", 1)
        .replace(b"kind: read", b"kind: podcast", 1)
    )
    assert sorted(_rejected(files)) == [
        "sessions/small-steps.md, part 1, field 'kind': unknown kind 'podcast'; "
        "use ['read', 'reflect', 'try', 'watch']",
        "sessions/small-steps.md, part 1, field 'minutes': must be a whole number from 1 to 120",
    ]


def test_a_zip_over_the_size_limit_is_refused(files, settings):
    settings.UPLOAD_LIMIT_BYTES = 1000
    with pytest.raises(ImportRejected, match="the limit is 1,000 bytes"):
        read_zip(zip_files(files, "ect-programme"))


def test_a_file_that_is_not_a_zip_is_refused(db):
    with pytest.raises(ImportRejected, match="this is not a zip file"):
        read_zip(b"just text")


def test_a_zip_of_the_folder_reads_like_the_folder(files):
    assert read_zip(zip_files(files, "ect-programme")) == files


def test_another_trusts_programme_cannot_be_overwritten(files):
    owner = factories.make_trust()
    import_programme(files, owner=owner)
    with pytest.raises(ImportRejected, match="belongs to another organisation"):
        import_programme(files, owner=factories.make_trust())


def test_the_commands_round_trip(files, tmp_path):
    call_command("import_programme", SAMPLES / "ect-programme")
    call_command("export_programme", "tandem-sample-ect", tmp_path)
    assert read_folder(tmp_path) == export_programme(Programme.objects.get())
    with pytest.raises(CommandError, match="No trust named"):
        call_command("import_programme", SAMPLES / "ect-programme", trust="Nobody")


def test_the_upload_page_lists_problems_and_changes_nothing(client, cast):
    client.force_login(cast.author)
    files = export_programme(cast.programme)
    files["sessions/small-steps.md"] = files["sessions/small-steps.md"].replace(b"2.1", b"8.8.8")
    upload = SimpleUploadedFile("p.zip", zip_files(files, "p"), "application/zip")
    parts_before = list(StudyPart.objects.values_list("pk", "title"))
    response = client.post(reverse("programme_import"), {"file": upload, "owner": cast.trust_a.pk})
    assert response.status_code == 200
    assert b"unknown statement &#x27;8.8.8&#x27;" in response.content
    assert list(StudyPart.objects.values_list("pk", "title")) == parts_before


def test_the_upload_page_only_offers_the_authors_trusts(client, cast):
    client.force_login(cast.author)
    upload = SimpleUploadedFile("p.zip", zip_files(export_programme(cast.programme), "p"))
    response = client.post(reverse("programme_import"), {"file": upload, "owner": cast.trust_b.pk})
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content


def test_the_export_download_is_a_zip_of_the_programme(client, cast):
    client.force_login(cast.author)
    response = client.get(reverse("programme_export", args=[cast.programme.slug]))
    assert read_zip(response.content) == export_programme(cast.programme)


def _front(files, slug: str, line: str) -> None:
    """Add a line to a session file's front matter."""
    name = f"sessions/{slug}.md"
    files[name] = files[name].replace(b"---\n", b"---\n" + line.encode() + b"\n", 1)


def test_prerequisites_and_variant_groups_import_and_round_trip(files):
    _front(
        files,
        "teaching-a-routine",
        "requires: [first-five-minutes, routines-that-protect-thinking]",
    )
    _front(files, "hinge-questions", "variant_group: checking-understanding")
    programme = import_programme(files, owner=None)
    routine = Session.objects.get(slug="teaching-a-routine")
    assert sorted(s.slug for s in routine.prerequisites.all()) == [
        "first-five-minutes",
        "routines-that-protect-thinking",
    ]
    assert Session.objects.get(slug="hinge-questions").variant_group == "checking-understanding"
    exported = export_programme(programme)
    assert (
        b"requires:\n- first-five-minutes\n- routines-that-protect-thinking"
        in (exported["sessions/teaching-a-routine.md"])
    )
    Session.objects.all().delete()
    Programme.objects.all().delete()
    again = import_programme(exported, owner=None)
    assert export_programme(again) == exported


def test_a_prerequisite_that_is_not_in_the_programme_is_named(files):
    _front(files, "teaching-a-routine", "requires: [no-such-session]")
    assert _rejected(files) == [
        "sessions/teaching-a-routine.md, field 'requires': unknown session 'no-such-session'; "
        "use the slug of a session listed in programme.yaml"
    ]


def test_prerequisites_in_a_circle_are_refused(files):
    _front(files, "teaching-a-routine", "requires: [first-five-minutes]")
    _front(files, "first-five-minutes", "requires: [teaching-a-routine]")
    (problem,) = _rejected(files)
    assert "require one another in a circle: first-five-minutes → teaching-a-routine → " in problem


def test_a_malformed_variant_group_is_named(files):
    _front(files, "hinge-questions", "variant_group: Not A Slug")
    assert _rejected(files) == [
        "sessions/hinge-questions.md, field 'variant_group': use lower-case letters, digits "
        "and hyphens"
    ]

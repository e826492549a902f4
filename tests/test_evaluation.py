"""The evaluation export: pseudonymous, small groups suppressed, nothing that names a
person, as CSV and Parquet with a data dictionary; for the trust's evaluators only."""

import csv
import io
import zipfile
from datetime import date, timedelta

import pyarrow.parquet as pq
from django.urls import reverse

from audit.models import AuditEvent
from coaching.models import Meeting
from evaluation.export import build, write_zip
from evaluation.pseudonyms import pseudonym, redactor
from oversight.models import PulseCheck
from pathways.models import PartProgress
from surveys.instrument import add_sample_questions
from surveys.models import Invitation, Response, Survey, Wave
from tandem import factories

TODAY = date(2026, 11, 23)


def _data(cast, people=5):
    """Five more ECTs at school A with pulses, a meeting, study and survey answers; one
    free-text answer names a colleague and gives an email address."""
    inductions = [cast.induction] + [
        factories.make_ect(cast.school_a, programme=cast.programme) for _ in range(people - 1)
    ]
    part = cast.programme.sessions_in_order().first().parts.first()
    survey = Survey.objects.create(
        trust=cast.trust_a, title="Survey", audience=["ect"], created_by=cast.coordinator
    )
    add_sample_questions(survey)
    wave = Wave.objects.create(
        survey=survey, name="Autumn", opens_on=TODAY, closes_on=TODAY + timedelta(days=9)
    )
    for n, induction in enumerate(inductions):
        PartProgress.objects.create(
            induction=induction, part=part, done_on=date(2026, 10, 1), minutes=12, verdict="useful"
        )
        Meeting.objects.create(
            induction=induction, recorded_by=cast.mentor, held_on=date(2026, 10, 5), minutes=30
        )
        PulseCheck.objects.create(
            person=induction.ect,
            role="ect",
            school=cast.school_a,
            week_of=date(2026, 11, 16),
            workload=3,
            confidence=4,
            supported=5,
        )
        invitation = Invitation.objects.create(wave=wave, person=induction.ect, role="ect")
        text = (
            f"Ask {cast.mentor.full_name} at {cast.mentor.email} for help"
            if n == 0
            else f"Answer {n}"
        )
        Response.objects.create(invitation=invitation, answers={"q1": 4, "q16": text})
        invitation.answered_at = invitation.sent_at
        invitation.save()
    # Four mentors answered a pulse: too few to show.
    for mentor in (cast.mentor, cast.other_mentor):
        PulseCheck.objects.create(
            person=mentor,
            role="mentor",
            school=cast.school_a,
            week_of=date(2026, 11, 16),
            workload=1,
            confidence=1,
            supported=1,
        )
    return inductions


def _files(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_export_names_nobody(cast):
    inductions = _data(cast)
    forbidden = [cast.school_a.name, cast.school_a.urn, cast.trust_a.name]
    for induction in inductions:
        forbidden += [induction.ect.full_name, induction.ect.email]
    for member in ("mentor", "other_mentor", "tutor", "head", "coordinator"):
        forbidden += [getattr(cast, member).full_name, getattr(cast, member).email]
    for fmt in ("csv", "parquet"):
        files = _files(write_zip(cast.trust_a, fmt, TODAY))
        assert f"engagement.{fmt}" in files and f"data_dictionary.{fmt}" in files
        for name, content in files.items():
            text = content.decode("utf-8", errors="replace")
            for value in forbidden:
                assert value not in text, f"{value!r} found in {name}"
    # No column holds a database id.
    tables = build(cast.trust_a, TODAY)
    ids = {str(i.ect_id) for i in inductions} | {str(i.pk) for i in inductions}
    for table in tables:
        for row in table.rows:
            for column in ("ect", "respondent", "school"):
                assert str(row.get(column, "")) not in ids


def test_free_text_is_unlinked_and_names_are_blanked(cast):
    _data(cast)
    free = next(t for t in build(cast.trust_a, TODAY) if t.name == "survey_free_text")
    assert {c.name for c in free.columns} == {"survey", "wave", "question", "answer"}
    assert "Ask [name] [name] at [email] for help" in [r["answer"] for r in free.rows]


def test_small_groups_are_suppressed(cast):
    _data(cast, people=4)  # four ECTs: below the group size everywhere
    tables = {t.name: t for t in build(cast.trust_a, TODAY)}
    pulse = tables["pulse"].rows
    assert pulse and all(r["suppressed"] and r["people"] is None for r in pulse)
    assert all(r["workload_mean"] is None for r in pulse)
    assert tables["survey_answers"].rows == []
    assert tables["survey_free_text"].rows == []
    assert tables["survey_waves"].rows[0]["answered"] is None
    assert {r["school"] for r in tables["engagement"].rows} == {""}


def test_groups_of_five_are_shown(cast):
    _data(cast)
    tables = {t.name: t for t in build(cast.trust_a, TODAY)}
    ect_week = next(r for r in tables["pulse"].rows if r["role"] == "ect")
    assert ect_week["people"] == 5 and ect_week["workload_mean"] == 3
    mentor_week = next(r for r in tables["pulse"].rows if r["role"] == "mentor")
    assert mentor_week["suppressed"]
    engagement = tables["engagement"].rows
    assert len(engagement) == 5 and all(r["study_minutes"] == 12 for r in engagement)
    assert len({r["school"] for r in engagement}) == 1 and engagement[0]["school"]
    coaching = tables["coaching"].rows
    assert {(r["month"], r["meetings"], r["meeting_minutes"]) for r in coaching} == {
        ("2026-10", 1, 30)
    }
    answers = tables["survey_answers"].rows
    assert len(answers) == 5 and {r["answer"] for r in answers} == {"4"}
    # The same person has the same code in every table.
    assert {r["respondent"] for r in answers} == {r["ect"] for r in engagement}


def test_pseudonyms_are_stable_and_differ_between_trusts(cast):
    assert pseudonym("person", 1, 7) == pseudonym("person", 1, 7)
    assert pseudonym("person", 1, 7) != pseudonym("person", 2, 7)
    assert pseudonym("person", 1, 7).startswith("P-")
    assert redactor([])("mail a@b.example") == "mail [email]"


def test_parquet_and_csv_carry_the_same_columns_and_the_dictionary_covers_them(cast):
    _data(cast)
    csv_files = _files(write_zip(cast.trust_a, "csv", TODAY))
    parquet_files = _files(write_zip(cast.trust_a, "parquet", TODAY))
    dictionary = list(csv.DictReader(io.StringIO(csv_files["data_dictionary.csv"].decode())))
    described = {(r["table"], r["column"]) for r in dictionary}
    for name, content in csv_files.items():
        if not name.endswith(".csv") or name == "data_dictionary.csv":
            continue
        table = name.removesuffix(".csv")
        header = next(csv.reader(io.StringIO(content.decode())))
        arrow = pq.read_table(io.BytesIO(parquet_files[f"{table}.parquet"]))
        assert arrow.column_names == header
        assert {(table, c) for c in header} <= described
    engagement = pq.read_table(io.BytesIO(parquet_files["engagement.parquet"])).to_pylist()
    assert engagement[0]["part_time"] is False and engagement[0]["study_minutes"] == 12


def test_the_evaluator_downloads_and_it_is_audited(client, cast):
    _data(cast)
    client.force_login(cast.evaluator)
    page = client.get(reverse("evaluation_export", args=[cast.trust_a.pk]))
    assert page.status_code == 200 and b"Data dictionary" in page.content
    response = client.get(reverse("evaluation_download", args=[cast.trust_a.pk, "parquet"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert AuditEvent.objects.filter(actor=cast.evaluator, action="export").count() == 1
    assert (
        client.get(reverse("evaluation_download", args=[cast.trust_a.pk, "xls"])).status_code == 404
    )

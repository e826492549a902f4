"""Framework CSV import: every kind of bad input is refused with its place named, and nothing
is saved; good input round-trips through export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from frameworks.importer import export_framework, import_framework
from frameworks.models import Area, Framework, Statement
from tandem.factories import SAMPLES
from tandem.imports import ImportRejected

GOOD = (
    b"area,code,kind,text\n"
    b"1,1.1,learn that,Expectations matter.\n"
    b"2,2.1,learn how to,Use small steps.\n"
)


def _rejected(data: bytes) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_framework(data, name="Test", version="v1")
    assert not Framework.objects.exists()
    assert not Statement.objects.exists()
    assert not Area.objects.exists()
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.django_db
def test_it_imports_statements_into_eight_areas():
    framework = import_framework(GOOD, name="Test", version="v1")
    assert framework.areas.count() == 8
    assert list(framework.statements.values_list("code", "kind", "area__number")) == [
        ("1.1", "learn_that", 1),
        ("2.1", "learn_how", 2),
    ]


@pytest.mark.django_db
def test_it_rejects_an_empty_file():
    assert _rejected(b"") == ["the file: the file is empty"]


@pytest.mark.django_db
def test_it_rejects_a_file_that_is_not_utf8():
    problems = _rejected("area,code,kind,text\n1,1.1,learn that,Caf\u00e9\n".encode("latin-1"))
    assert problems[0].startswith("the file, line 2: the file is not UTF-8")


@pytest.mark.django_db
def test_it_accepts_the_byte_order_mark_excel_writes():
    framework = import_framework(b"\xef\xbb\xbf" + GOOD, name="Test", version="v1")
    assert framework.statements.count() == 2


@pytest.mark.django_db
def test_it_names_missing_columns():
    problems = _rejected(b"area,code,text\n1,1.1,Something\n")
    assert problems == [
        "the file, row 1: missing column 'kind'. The header row must name: area, code, kind, text"
    ]


@pytest.mark.django_db
def test_it_rejects_an_unknown_area_with_row_and_column():
    problems = _rejected(GOOD + b"9,9.1,learn that,Nine areas?\n")
    assert problems == ["row 4, column 'area': unknown area '9'; use a number from 1 to 8"]


@pytest.mark.django_db
def test_it_rejects_duplicate_codes_naming_both_rows():
    problems = _rejected(GOOD + b"3,1.1,learn that,Same code again.\n")
    assert problems == ["row 4, column 'code': code '1.1' is already used in row 2"]


@pytest.mark.django_db
def test_it_rejects_a_statement_with_no_text():
    problems = _rejected(GOOD + b"3,3.1,learn that,   \n")
    assert problems == ["row 4, column 'text': the statement has no text"]


@pytest.mark.django_db
def test_it_rejects_an_unknown_kind():
    problems = _rejected(GOOD + b"3,3.1,know that,Something.\n")
    assert "row 4, column 'kind'" in problems[0]


@pytest.mark.django_db
def test_it_lists_every_problem_at_once():
    problems = _rejected(b"area,code,kind,text\n0,,x,\n")
    assert len(problems) == 4


@pytest.mark.django_db
def test_it_rejects_a_file_over_the_size_limit(settings):
    settings.UPLOAD_LIMIT_BYTES = 50
    problems = _rejected(GOOD)
    assert problems == ["the file: the file is 94 bytes; the limit is 50 bytes"]


@pytest.mark.django_db
def test_it_rejects_a_second_import_of_the_same_version():
    import_framework(GOOD, name="Test", version="v1")
    with pytest.raises(ImportRejected):
        import_framework(GOOD, name="Test", version="v1")
    assert Framework.objects.count() == 1


@pytest.mark.django_db
def test_export_gives_back_the_file_it_imported():
    original = (SAMPLES / "framework.csv").read_text()
    framework = import_framework(original.encode(), name="Sample", version="v1")
    exported = export_framework(framework)
    again = import_framework(exported.encode(), name="Sample", version="v2")
    assert export_framework(again) == exported
    assert framework.statements.count() == 44


@pytest.mark.django_db
def test_the_command_imports_and_reports_problems(tmp_path):
    good = tmp_path / "framework.csv"
    good.write_bytes(GOOD)
    call_command("import_framework", good, name="Test", framework_version="v1")
    assert Framework.objects.get().statements.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"area,code,kind,text\n12,x,learn that,t\n")
    with pytest.raises(CommandError, match="row 2, column 'area'"):
        call_command("import_framework", bad, name="Test", framework_version="v2")
    assert Framework.objects.count() == 1


def test_the_upload_page_shows_each_problem_and_saves_nothing(client, cast):
    client.force_login(cast.author)
    before = Framework.objects.count()
    upload = SimpleUploadedFile("f.csv", b"area,code,kind,text\n1,1.1,learn that,\n", "text/csv")
    response = client.post(
        reverse("framework_import"), {"name": "New", "version": "1", "file": upload}
    )
    assert response.status_code == 200
    assert b"row 2, column &#x27;text&#x27;" in response.content
    assert Framework.objects.count() == before


def test_the_upload_page_imports_a_good_file(client, cast):
    client.force_login(cast.author)
    upload = SimpleUploadedFile("f.csv", GOOD, "text/csv")
    response = client.post(
        reverse("framework_import"), {"name": "New", "version": "1", "file": upload}
    )
    framework = Framework.objects.get(name="New")
    assert response["Location"] == reverse("framework_detail", args=[framework.pk])

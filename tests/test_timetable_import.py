"""Importing the school day and staff timetables: a preview before anything is saved, every
kind of bad input named by row and column with nothing saved, Excel as well as CSV, and a
lossless round trip through the export."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scheduling import importer
from scheduling.models import DayPeriod, Lesson, TimetableUpload
from tandem import factories, imports
from tandem.imports import ImportRejected

DAY_CSV = b"""day,period,starts,ends,kind
,P1,08:50,09:50,lesson
,P2,09:50,10:50,lesson
,Break,10:50,11:10,break
,P3,11:10,12:10,lesson
,Lunch,12:10,12:55,lunch
,P4,12:55,13:55,lesson
Friday,P5,13:55,14:40,lesson
"""


def staff_csv(rows: list[str]) -> bytes:
    return ("email,week,day,period,activity,class\n" + "\n".join(rows) + "\n").encode()


def problems_of(call) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        call()
    return [str(p) for p in rejected.value.problems]


@pytest.fixture
def day(cast):
    importer.apply_day(cast.school_a, importer.parse_day(cast.school_a, DAY_CSV, "day.csv"))
    return cast.school_a


def test_the_day_imports_periods_for_every_day_and_one_for_friday(day):
    assert DayPeriod.objects.filter(school=day, code="P1").count() == 5
    assert list(DayPeriod.objects.filter(school=day, code="P5").values_list("day", flat=True)) == [
        4
    ]
    assert DayPeriod.objects.get(school=day, day=0, code="Lunch").kind == "lunch"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("Funday,P6,14:00,15:00,lesson", "Row 2, column day: 'Funday' is not a weekday"),
        (",P6,9.60,10:00,lesson", "Row 2, column starts: '9.60' is not a time"),
        (",P6,10:00,09:00,lesson", "Row 2, column ends: the period ends before it starts"),
        (",P6,05:00,06:00,lesson", "Row 2: the period falls outside the school day"),
        (",P6,15:00,16:00,assembly", "Row 2, column kind: 'assembly' is not a kind"),
        (",,15:00,16:00,lesson", "Row 2, column period"),
    ],
)
def test_bad_day_rows_are_named_and_nothing_is_saved(cast, row, expected):
    data = f"day,period,starts,ends,kind\n{row}\n".encode()
    found = problems_of(lambda: importer.parse_day(cast.school_a, data, "day.csv"))
    assert any(p.startswith(expected) for p in found), found
    assert not DayPeriod.objects.exists()


def test_overlapping_and_repeated_periods_are_refused(cast):
    data = b"day,period,starts,ends\n,P1,09:00,10:00\n,P2,09:30,10:30\nMonday,P1,11:00,12:00\n"
    found = problems_of(lambda: importer.parse_day(cast.school_a, data, "day.csv"))
    assert any("P2 overlaps P1 (row 2) on Monday" in p for p in found)
    assert any("Row 4, column period: Monday already has a period P1 (row 2)" in p for p in found)


def test_missing_columns_are_named(cast):
    found = problems_of(lambda: importer.parse_day(cast.school_a, b"period,start\nP1,9\n", "d.csv"))
    assert found == [
        "d.csv, row 1: missing columns starts, ends; the columns are period, starts, ends"
    ]


def test_a_staff_timetable_imports_for_the_people_named(day, cast):
    data = staff_csv(
        [
            f"{cast.mentor.email},,Monday,P1,teaching,9X/Sc1",
            f"{cast.mentor.email},,Monday,P2,ppa,",
            f"{cast.ect.email},,Tuesday,P3,release,",
        ]
    )
    plan = importer.parse_staff(day, data, "staff.csv")
    assert importer.apply_staff(day, plan) == 3
    assert Lesson.objects.get(person=cast.mentor, period__code="P2").activity == "busy"
    assert Lesson.objects.get(person=cast.ect).activity == "release"


def test_a_new_file_replaces_only_the_timetables_of_the_people_in_it(day, cast):
    first = staff_csv([f"{cast.mentor.email},,Monday,P1,,", f"{cast.ect.email},,Monday,P2,,"])
    importer.apply_staff(day, importer.parse_staff(day, first, "a.csv"))
    second = staff_csv([f"{cast.mentor.email},,Friday,P5,,"])
    importer.apply_staff(day, importer.parse_staff(day, second, "b.csv"))
    assert list(
        Lesson.objects.filter(person=cast.mentor).values_list("period__code", flat=True)
    ) == ["P5"]
    assert Lesson.objects.filter(person=cast.ect).count() == 1


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "nobody@example.test,,Monday,P1,,",
            "Row 2, column email: 'nobody@example.test' is not a member of staff",
        ),
        ("{mentor},C,Monday,P1,,", "Row 2, column week: 'C' is not a week"),
        ("{mentor},B,Monday,P1,,", "Row 2, column week: 'B' is not a week"),
        ("{mentor},,Monday,P5,,", "Row 2, column period: 'P5' is not a period of the school day"),
        ("{mentor},,Caturday,P1,,", "Row 2, column day"),
        ("{mentor},,Monday,P1,napping,", "Row 2, column activity: 'napping' is not an activity"),
        ("{outsider},,Monday,P1,,", "Row 2, column email"),
    ],
)
def test_bad_staff_rows_are_named_and_nothing_is_saved(day, cast, row, expected):
    data = staff_csv([row.format(mentor=cast.mentor.email, outsider=cast.outsider.email)])
    found = problems_of(lambda: importer.parse_staff(day, data, "staff.csv"))
    assert any(p.startswith(expected) for p in found), found
    assert not Lesson.objects.exists()


def test_two_lessons_for_one_person_at_once_are_refused(day, cast):
    data = staff_csv([f"{cast.mentor.email},,Monday,P1,,", f"{cast.mentor.email},,monday,p1,,"])
    found = problems_of(lambda: importer.parse_staff(day, data, "staff.csv"))
    assert any("Row 3" in p and "(row 2)" in p and "two lessons" in p for p in found)


def test_staff_cannot_be_imported_before_the_day(cast):
    data = staff_csv([f"{cast.mentor.email},,Monday,P1,,"])
    found = problems_of(lambda: importer.parse_staff(cast.school_a, data, "staff.csv"))
    assert "import the school day first" in found[0]


def test_a_huge_file_is_refused(cast, settings):
    settings.UPLOAD_LIMIT_BYTES = 1000
    found = problems_of(lambda: importer.parse_day(cast.school_a, DAY_CSV * 20, "day.csv"))
    assert "the limit is 1,000 bytes" in found[0]


def test_too_many_rows_are_refused(cast, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    found = problems_of(lambda: importer.parse_day(cast.school_a, DAY_CSV, "day.csv"))
    assert "the limit is 3" in found[0]


def test_an_excel_workbook_imports_like_a_csv(day, cast):
    from datetime import time

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Email", "Week", "Day", "Period", "Activity", "Class"])
    sheet.append([cast.mentor.email, None, "Wed", "P3", "Teaching", "8Y"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = importer.parse_staff(day, buffer.getvalue(), "staff.xlsx")
    importer.apply_staff(day, plan)
    assert Lesson.objects.get(person=cast.mentor).label == "8Y"
    # Times typed into Excel arrive as times, not text.
    day_book = openpyxl.Workbook()
    day_book.active.append(["period", "starts", "ends"])
    day_book.active.append(["P9", time(15, 0), time(16, 0)])
    buffer = io.BytesIO()
    day_book.save(buffer)
    assert importer.parse_day(day, buffer.getvalue(), "day.xlsx").periods[0]["starts_at"] == time(
        15, 0
    )


def test_a_damaged_workbook_is_explained(cast):
    found = problems_of(lambda: importer.parse_day(cast.school_a, b"PK\x03\x04junk", "day.xlsx"))
    assert "not an Excel workbook" in found[0]


def test_the_export_imports_back_to_the_same_timetable(day, cast):
    data = staff_csv(
        [f"{cast.mentor.email},,Monday,P1,teaching,9X", f"{cast.ect.email},,Friday,P5,busy,"]
    )
    importer.apply_staff(day, importer.parse_staff(day, data, "s.csv"))
    before = set(Lesson.objects.values_list("person", "week", "period", "activity", "label"))
    exported = importer.export_staff(day).encode()
    Lesson.objects.all().delete()
    importer.apply_staff(day, importer.parse_staff(day, exported, "export.csv"))
    after = set(Lesson.objects.values_list("person", "week", "period", "activity", "label"))
    assert after == before
    day_export = importer.export_day(day).encode()
    assert importer.parse_day(day, day_export, "day.csv").removed == []


def test_renaming_a_period_removes_the_old_one_with_its_lessons(day, cast):
    importer.apply_staff(
        day, importer.parse_staff(day, staff_csv([f"{cast.mentor.email},,Monday,P1,,"]), "s.csv")
    )
    renamed = DAY_CSV.replace(b",P1,", b",Period 1,")
    plan = importer.parse_day(day, renamed, "day.csv")
    assert "Monday P1" in plan.removed
    importer.apply_day(day, plan)
    assert not Lesson.objects.exists()


# --- the pages --------------------------------------------------------------------------------


def test_the_tutor_previews_then_imports(client, cast):
    client.force_login(cast.tutor)
    upload = SimpleUploadedFile("day.csv", DAY_CSV, content_type="text/csv")
    response = client.post(
        reverse("timetable_upload", args=[cast.school_a.pk, "day"]), {"file": upload}
    )
    pending = TimetableUpload.objects.get()
    assert response["Location"] == reverse("timetable_preview", args=[cast.school_a.pk, pending.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "Friday" in preview and "P5" in preview
    assert not DayPeriod.objects.exists()  # nothing saved by looking
    client.post(response["Location"])
    assert DayPeriod.objects.filter(school=cast.school_a).count() == 6 * 5 + 1
    pending.refresh_from_db()
    assert pending.imported_at is not None
    # The same upload cannot be applied twice.
    assert client.post(response["Location"]).status_code == 404


def test_the_preview_lists_every_problem_and_offers_no_import(client, cast):
    client.force_login(cast.tutor)
    bad = b"day,period,starts,ends\nMonday,P1,9am,10:00\nMonday,P2,10:00,25:00\n"
    response = client.post(
        reverse("timetable_upload", args=[cast.school_a.pk, "day"]),
        {"file": SimpleUploadedFile("day.csv", bad)},
    )
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was imported: fix 2 problems" in page
    assert "Row 2, column starts" in page and "Row 3, column ends" in page
    assert ">Import</button>" not in page
    client.post(response["Location"])
    assert not DayPeriod.objects.exists()


def test_the_coordinator_may_upload_but_a_headteacher_may_not(client, cast):
    url = reverse("timetable_upload", args=[cast.school_a.pk, "staff"])
    client.force_login(cast.coordinator)
    assert client.get(url).status_code == 200
    client.force_login(cast.head)
    assert client.get(url).status_code == 403


def test_another_schools_upload_is_not_found(client, cast):
    pending = TimetableUpload.objects.create(
        school=cast.school_b,
        kind="day",
        filename="x.csv",
        content=DAY_CSV,
        uploaded_by=cast.outsider,
    )
    client.force_login(cast.tutor)
    url = reverse("timetable_preview", args=[cast.school_a.pk, pending.pk])
    assert client.get(url).status_code == 404


def test_the_timetable_page_says_who_has_no_timetable(client, day, cast):
    factories.give_timetable(cast.mentor, day, {("A", 0, "P1"): "teaching"})
    client.force_login(cast.tutor)
    page = client.get(reverse("timetable", args=[day.pk])).content.decode()
    assert "have no timetable yet" in page
    assert "Cast mentor" in page

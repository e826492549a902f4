"""Protected time in a real browser: the tutor imports the school day and staff timetables
through the preview, fixes a bad file, runs the scheduler, moves and pins a slot; the
mentor sees the time on a phone and subscribes to their calendar; the coordinator places a
trust event. axe-core on each page."""

import pytest
from django.urls import reverse

from scheduling.models import CalendarFeed, DayPeriod, Lesson, ScheduleSettings, Slot, TrustEvent
from tests.browser.test_roles_in_browser import assert_accessible, sign_in
from tests.test_timetable_import import DAY_CSV

pytestmark = pytest.mark.browser

DAY = DAY_CSV.decode()


def _staff(cast) -> str:
    rows = ["email,week,day,period,activity,class"]
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        for period in ("P1", "P3", "P4"):
            rows.append(f"{cast.mentor.email},,{day},{period},teaching,9X")
        rows.append(f"{cast.ect.email},,{day},P3,teaching,8Y")
    rows.append(f"{cast.ect.email},,Tuesday,P2,release,")
    return "\n".join(rows) + "\n"


def _upload(page, live_server, school, kind, name, text):
    page.goto(live_server.url + reverse("timetable_upload", args=[school.pk, kind]))
    page.wait_for_load_state("networkidle")
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("networkidle")


def test_tutor_imports_timetables_and_schedules_the_pair(page, live_server, cast):
    school = cast.school_a
    ScheduleSettings.objects.create(school=school)
    sign_in(page, live_server, cast.tutor)
    page.get_by_role("link", name="Protected time: timetables").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)

    # A bad file first: every problem named, nothing imported.
    _upload(page, live_server, school, "day", "day.csv", DAY.replace(",08:50,", ",8.5O,"))
    assert "Row 2, column starts" in page.content()
    assert_accessible(page)
    assert not DayPeriod.objects.exists()

    # The good day, then the staff timetables, each through the preview.
    _upload(page, live_server, school, "day", "day.csv", DAY)
    assert_accessible(page)
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state("networkidle")
    assert DayPeriod.objects.filter(school=school).count() == 31
    _upload(page, live_server, school, "staff", "staff.csv", _staff(cast))
    assert "Cast mentor" in page.content()
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state("networkidle")
    assert Lesson.objects.filter(person=cast.mentor).count() == 15
    assert_accessible(page)

    # Run the scheduler: the pair meets on Tuesday P2, the ECT's release period.
    page.goto(live_server.url + reverse("schedule", args=[school.pk]))
    page.get_by_role("button", name="Run the scheduler").click()
    page.wait_for_load_state("networkidle")
    page.get_by_text("placed").first.wait_for()
    assert "ECT release time" in page.content()
    assert_accessible(page)
    meeting = Slot.objects.get(kind="meeting", week="A")
    assert (meeting.period.day, meeting.period.code) == (1, "P2")

    # Move week B's meeting to Wednesday P2 by hand: it is pinned.
    page.get_by_role("link", name="Move mentor meeting in week B for Cast ect").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_label("Week B, Wednesday, P2", exact=False).check()
    page.get_by_role("button", name="Move and pin").click()
    page.wait_for_load_state("networkidle")
    moved = Slot.objects.get(kind="meeting", week="B")
    assert (moved.period.day, moved.period.code, moved.pinned) == (2, "P2", True)
    assert "Pinned" in page.content()


def test_mentor_sees_protected_time_on_a_phone_and_subscribes(browser, live_server, cast):
    from tandem import factories

    periods = factories.make_school_day(cast.school_a, "secondary")
    ScheduleSettings.objects.create(school=cast.school_a)
    Slot.objects.create(
        school=cast.school_a,
        task_key="m:meeting:A",
        kind="meeting",
        induction=cast.induction,
        mentorship=cast.induction.mentorships.get(),
        week="A",
        period=periods[1, "P2"],
        minutes=45,
    )
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, live_server, cast.mentor)
    assert "My protected time" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    page.get_by_role("link", name="My calendar, and adding it").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Make a private address").click()
    page.wait_for_load_state("networkidle")
    feed = CalendarFeed.objects.get(person=cast.mentor)
    assert feed.token in page.get_by_label("Your private calendar address").input_value()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    context.close()


def test_coordinator_places_a_mentor_event(page, live_server, cast):
    sign_in(page, live_server, cast.coordinator)
    page.goto(live_server.url + reverse("trust_events", args=[cast.trust_a.pk]))
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_label("Title").fill("Mentor training: modelling")
    page.get_by_label("Mentor training", exact=True).check()
    page.get_by_label("Length in minutes").fill("60")
    page.get_by_label("Weeks it runs").fill("13/01/2027\nsoon")
    page.get_by_role("button", name="Add the event").click()
    page.wait_for_load_state("networkidle")
    assert "is not a date like" in page.content()
    assert_accessible(page)
    page.get_by_label("Weeks it runs").fill("13/01/2027")
    page.get_by_role("button", name="Add the event").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Place the events").click()
    page.wait_for_load_state("networkidle")
    assert TrustEvent.objects.get().starts_at is not None
    assert "Last placed" in page.content()
    assert_accessible(page)

"""Oversight in a real browser: the ECT answers the pulse check on their phone without a
reload; the tutor reads the school's pairs and writes to a mentor; the coordinator reads the
trust's charts and tables. axe-core on each page."""

from datetime import date

import pytest
from django.urls import reverse

from oversight.models import PairNote, PulseCheck
from tandem import factories
from tests.browser.test_roles_in_browser import assert_accessible, sign_in
from tests.test_oversight import answer_pulse

pytestmark = pytest.mark.browser


def test_ect_answers_the_pulse_check_on_a_phone(browser, live_server, cast):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, live_server, cast.ect)
    assert_accessible(page)
    for legend, answer in (
        ("My workload is manageable", "Agree"),
        ("I feel confident in my teaching", "Neither agree nor disagree"),
        ("I feel supported", "Strongly agree"),
    ):
        page.get_by_role("group", name=legend).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("status").wait_for()
    assert "Thank you." in page.get_by_role("status").inner_text()
    check = PulseCheck.objects.get()
    assert (check.workload, check.confidence, check.supported) == (4, 3, 5)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    context.close()


def test_tutor_reads_the_pairs_and_writes_to_a_mentor(page, live_server, cast):
    answer_pulse(cast.ect, cast.school_a, date(2026, 11, 16), 2)
    sign_in(page, live_server, cast.tutor)
    assert "Wellbeing low: 2.0 of 5" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Talk with the mentor about Cast ect").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_label("Your message").fill("Could you check in with Cast this week?")
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state("networkidle")
    assert PairNote.objects.get().author == cast.tutor
    assert "Could you check in with Cast this week?" in page.content()


def test_coordinator_reads_the_trust_with_charts_and_tables(page, live_server, cast):
    for week in (date(2026, 11, 9), date(2026, 11, 16)):
        for _ in range(5):
            PulseCheck.objects.create(
                person=factories.make_person(),
                role="ect",
                school=cast.school_a,
                week_of=week,
                workload=4,
                confidence=3,
                supported=4,
            )
    sign_in(page, live_server, cast.coordinator)
    assert page.locator(".tandem-chart svg[role=img]").count() >= 2
    assert "3.67 (5 people)" in page.content()
    assert_accessible(page)
    page.goto(live_server.url + reverse("trust_home", args=[cast.trust_a.pk]) + "?weeks=nine")
    assert "is not a number of weeks from 4 to 26" in page.content()
    assert_accessible(page)

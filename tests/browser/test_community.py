"""Open classrooms in a real browser: a mentor opens their lesson, an ECT books it on a
phone and records what they learned. axe-core on each page."""

import pytest

from community.models import Booking, LearningNote
from tests.browser.test_roles_in_browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_mentor_opens_a_classroom_and_an_ect_books_it(browser, page, live_server, cast):
    sign_in(page, live_server, cast.mentor)
    page.get_by_role("link", name="Open classrooms: open yours").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_label("What you will show").fill("Cold calling with wait time")
    page.get_by_label("Framework area").select_option(index=2)
    page.get_by_role("textbox", name="Class", exact=True).fill("Year 5")
    page.get_by_label("Date").fill("2026-11-26")
    page.get_by_label("Starts at").fill("10:30")
    page.get_by_role("button", name="Offer it").click()
    page.wait_for_load_state("networkidle")
    assert "Cold calling with wait time" in page.content()

    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    sign_in(phone, live_server, cast.ect)
    phone.get_by_role("link", name="Open classrooms at my school").click()
    phone.wait_for_load_state("networkidle")
    phone.get_by_role("button", name="Book a place at Cold calling with wait time").click()
    phone.wait_for_load_state("networkidle")
    assert Booking.objects.get().induction == cast.induction
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone)
    phone.get_by_role("link", name="Record what you learned").click()
    phone.wait_for_load_state("networkidle")
    phone.get_by_label("Framework area").select_option(index=2)
    phone.get_by_label("What I learned").fill("Wait time brought in quieter pupils.")
    phone.get_by_label("What I will try in my own teaching").fill("Count to three first.")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_load_state("networkidle")
    assert LearningNote.objects.get().try_next == "Count to three first."
    assert_accessible(phone)
    context.close()

"""The pathway in a real browser: the ECT and mentor complete the starting-point review,
the ECT sees the pathway with its reasons, works through this week's parts on the home page
(htmx, no reload) and marks one not relevant; the mentor sees it. axe-core on each page."""

import pytest
from django.urls import reverse

from pathways.models import PartProgress, StartingPointReview
from tests.browser.test_roles_in_browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_review_pathway_and_this_weeks_study(page, live_server, cast):
    # The ECT opens the review from their home page, with their mentor beside them.
    sign_in(page, live_server, cast.ect)
    page.get_by_role("link", name="do the starting-point review with your mentor").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    for number in range(1, 9):
        group = page.locator("fieldset").nth(number - 1)
        choice = "A need now" if number == 6 else "Developing"
        if number == 7:
            choice = "Secure"
        group.get_by_label(choice, exact=False).check()
    page.get_by_label("Prior experience").fill("Two years as a teaching assistant.")
    page.get_by_role("button", name="Save the starting point").click()
    page.wait_for_load_state("networkidle")
    assert StartingPointReview.objects.get().areas["6"] == "need"

    # The pathway, each session with its reason.
    assert page.locator("h1").inner_text() == "My pathway"
    assert "Comes early: the starting-point review found this area a need." in page.content()
    assert "Optional refreshers" in page.content()
    assert_accessible(page)

    # This week's study on the home page: every part done with its time, one marked not
    # relevant; each saves in place (htmx) without a reload.
    page.goto(live_server.url + reverse("ect_home"))
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    parts = page.locator(".tandem-part")
    count = parts.count()
    assert count >= 2
    for index in range(count):
        part = parts.nth(index)
        part.get_by_label("Done").check()
        part.get_by_label("Time spent in minutes").fill("9")
        if index == 1:
            part.get_by_label("Not relevant to me now").check()
            part.get_by_label("Note (optional)").fill("Did this on placement.")
        else:
            part.get_by_label("Useful").check()
        part.get_by_role("button", name="Save").click()
        parts.nth(index).get_by_role("status").wait_for()
    assert_accessible(page)
    assert PartProgress.objects.filter(done_on__isnull=False).count() == count
    assert PartProgress.objects.get(verdict="not_relevant").note == "Did this on placement."

    # On a phone the home page still fits.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)


def test_the_mentor_sees_progress_and_what_was_not_relevant(page, live_server, cast):
    part = cast.programme.sessions_in_order().first().parts.first()
    PartProgress.objects.create(
        induction=cast.induction, part=part, verdict="not_relevant", note="Known already."
    )
    sign_in(page, live_server, cast.mentor)
    assert "1 part marked not relevant now" in page.content()
    page.get_by_role("link", name="0 sessions done by Cast ect: open the pathway").click()
    page.wait_for_load_state("networkidle")
    assert "Known already." in page.content()
    assert_accessible(page)

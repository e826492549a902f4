"""The implementation planner in a real browser: a tutor starts the school's plan, gives an
item to a mentor, ticks another off in place; the mentor sees theirs at home. axe-core on
each page."""

import re

import pytest

from planning.models import Item, Plan
from tests.browser.test_roles_in_browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_tutor_plans_and_ticks_off_an_item(page, live_server, cast):
    sign_in(page, live_server, cast.tutor)
    page.get_by_role("link", name="Implementation plans").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_label("The September the programme starts").fill("2027")
    page.get_by_role("button", name="Start the plan for School A").click()
    page.wait_for_load_state("networkidle")
    plan = Plan.objects.get()
    assert_accessible(page)

    # Give the tutor-mentor dialogue to the mentor.
    page.get_by_role("link", name="Change the owner or date of Set up a regular").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_label("Who owns it").select_option(label="Cast mentor")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert plan.items.get(key="dialogue").owner == cast.mentor

    # Tick off the timetable item in place (htmx).
    page.get_by_role("button", name=re.compile(r"^Mark as done\W+Put protected time")).click()
    page.locator("#item-{}".format(plan.items.get(key="timetable").pk)).get_by_text(
        "Done 23 Nov"
    ).wait_for()
    assert Item.objects.get(key="timetable").done_by == cast.tutor
    assert_accessible(page)

    # The mentor sees their item on their home page.
    page.context.clear_cookies()
    sign_in(page, live_server, cast.mentor)
    assert "My implementation actions" in page.content()
    assert "Set up a regular conversation between tutor and mentor" in page.content()
    assert_accessible(page)

"""The mentor development strand in a real browser: a mentor opens this half term's unit,
reads it, does its practice task and reflects, and sees the unit done. axe-core on each
page."""

import re

import pytest

from development.models import PartDone
from tandem import factories
from tests.browser.test_roles_in_browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_mentor_does_a_unit_and_its_practice_task(page, live_server, cast):
    strand = factories.load_sample_strand()
    unit = strand.sessions_in_order().first()
    sign_in(page, live_server, cast.mentor)
    page.get_by_role("link", name="My development as a mentor").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_role("link", name=unit.title).click()
    page.wait_for_load_state("networkidle")
    assert "Practice task" in page.content()
    assert_accessible(page)
    for part in unit.parts.all():
        section = page.locator(f"section[aria-labelledby='part-{part.pk}']")
        section.get_by_label("Time spent in minutes").fill(str(part.minutes))
        if part.kind == "try":
            section.get_by_label("Reflection (optional)").fill(
                "Asked about the hardest lesson first; the ECT told me about Year 9."
            )
        section.get_by_role("button", name=re.compile("^Mark as done")).click()
        page.wait_for_load_state("networkidle")
    assert PartDone.objects.filter(mentor=cast.mentor).count() == unit.parts.count()
    assert_accessible(page)
    page.get_by_role("link", name="Back to my development").click()
    page.wait_for_load_state("networkidle")
    assert "1 of 4" in page.content() and "Completed" in page.content()
    assert_accessible(page)

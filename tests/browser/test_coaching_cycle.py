"""One full coaching cycle in a real browser, as the mentor and the ECT: observation with a
target, the ECT's private reflection shared once, a follow-up observation; axe on each page.
It also counts the interactions a mentor needs to record an observation with a target."""

import pytest
from django.urls import reverse

from coaching.models import Observation, Reflection, Target
from tests.browser.test_roles_in_browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


class Counted:
    """Wraps a page so each fill, choice and click the mentor makes is counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def fill(self, label, value):
        self.count += 1
        self.page.get_by_label(label, exact=True).fill(value)

    def choose(self, label, value):
        self.count += 1
        self.page.get_by_label(label, exact=True).select_option(value=str(value))

    def check(self, label):
        self.count += 1
        self.page.get_by_label(label, exact=True).check()

    def click(self, role, name):
        self.count += 1
        self.page.get_by_role(role, name=name).first.click()
        self.page.wait_for_load_state("networkidle")


def test_a_full_coaching_cycle(page, live_server, cast, capsys):
    # The mentor records an observation with one target, from their home page.
    sign_in(page, live_server, cast.mentor)
    mentor = Counted(page)
    mentor.click("link", "Record an observation of Cast ect")
    assert_accessible(page)
    mentor.fill("Class", "Year 4")
    statement = cast.programme.framework.statements.get(code="7.4")
    mentor.choose("Focus area", statement.area_id)
    mentor.fill("What you saw", "Four minutes to settle after lunch.")
    mentor.choose("Statement the target is tied to", statement.pk)
    mentor.fill("The target", "First task on the board before pupils arrive.")
    mentor.check("Not yet doing it")
    mentor.fill("How you will model it", "Watch my Year 5 entry on Tuesday.")
    mentor.fill("What the ECT will practise", "Rehearse the entry routine twice.")
    mentor.fill("Try it by", "2026-11-27")
    mentor.click("button", "Save observation")
    assert page.locator("h1").inner_text() == "Coaching with Cast ect"
    assert_accessible(page)
    with capsys.disabled():
        print(
            "\n[measure] mentor interactions to record an observation with a target:",
            mentor.count,
        )
    assert Target.objects.get().status == "open"

    # The ECT sees the target, writes two reflections and shares one.
    page.context.clear_cookies()
    sign_in(page, live_server, cast.ect)
    page.goto(live_server.url + reverse("coaching_timeline", args=[cast.induction.pk]))
    assert "First task on the board before pupils arrive." in page.content()
    assert_accessible(page)
    page.goto(live_server.url + reverse("my_reflections"))
    for text in ("The board task helped a lot.", "I still dread Friday afternoons."):
        page.get_by_label("Your reflection").fill(text)
        page.get_by_role("button", name="Save reflection").click()
        page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_role("button", name="Share with my mentor").nth(1).click()  # the older one
    page.wait_for_load_state("networkidle")
    shared = Reflection.objects.get(shared_at__isnull=False)
    assert shared.text == "The board task helped a lot."

    # The mentor follows up: the open target comes first, and is secure.
    page.context.clear_cookies()
    sign_in(page, live_server, cast.mentor)
    page.goto(live_server.url + reverse("coaching_timeline", args=[cast.induction.pk]))
    assert "The board task helped a lot." in page.content()
    assert "Friday afternoons" not in page.content()
    page.goto(live_server.url + reverse("new_observation", args=[cast.induction.pk]))
    page.get_by_label("Secure: close the target").check()
    page.get_by_label("Class", exact=True).fill("Year 4")
    page.get_by_label("Focus area").select_option(label="7. Managing behaviour")
    page.get_by_label("What you saw", exact=True).fill("Settled in under a minute.")
    page.get_by_role("button", name="Save observation").click()
    page.wait_for_load_state("networkidle")
    assert Target.objects.get().status == "secure"
    assert Observation.objects.count() == 2
    assert_accessible(page)


def test_a_draft_survives_a_reload(page, live_server, cast):
    sign_in(page, live_server, cast.mentor)
    url = live_server.url + reverse("new_observation", args=[cast.induction.pk])
    page.goto(url)
    page.get_by_label("What you saw", exact=True).fill("Notes typed in the lesson")
    page.get_by_label("Not yet doing it").check()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert (
        page.get_by_label("What you saw", exact=True).input_value() == "Notes typed in the lesson"
    )
    assert page.get_by_label("Not yet doing it").is_checked()
    assert "We restored what you had typed" in page.content()
    assert_accessible(page)


@pytest.mark.parametrize("member", ["mentor", "ect"])
def test_the_agenda_page_is_accessible(page, live_server, cast, member):
    sign_in(page, live_server, getattr(cast, member))
    page.goto(live_server.url + reverse("next_meeting", args=[cast.induction.pk]))
    assert page.locator("h1").inner_text() == "Agenda for the next meeting"
    assert_accessible(page)

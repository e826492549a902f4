"""Each role signs in through the real form, lands on its home page, and the pages pass
axe-core's WCAG 2.2 A and AA checks, on a desktop and on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

pytestmark = pytest.mark.browser

PASSWORD = "a-long-demo-password"
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}
axe = Axe()

HOMES = [
    ("ect", "My induction"),
    ("mentor", "My ECTs"),
    ("tutor", "School A: early career teachers"),
    ("head", "School A"),
    ("coordinator", "Trust A"),
    ("author", "Programmes and frameworks"),
    ("evaluator", "Trust A"),
]


def assert_accessible(page):
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page, live_server, person):
    person.set_password(PASSWORD)
    person.save(update_fields=["password"])
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(("member", "heading"), HOMES, ids=[m for m, _ in HOMES])
def test_each_role_signs_in_to_an_accessible_home(page, live_server, cast, member, heading):
    sign_in(page, live_server, getattr(cast, member))
    assert page.locator("h1").inner_text() == heading
    assert_accessible(page)


def test_the_sign_in_page_and_its_errors_are_accessible(page, live_server, cast):
    page.goto(live_server.url + reverse("account_login"))
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)


def test_a_form_with_errors_is_accessible(page, live_server, cast):
    sign_in(page, live_server, cast.tutor)
    page.goto(live_server.url + reverse("add_role", args=[cast.school_a.pk]))
    assert_accessible(page)
    page.get_by_role("button", name="Add person").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)


def test_session_page_works_on_a_phone(browser, live_server, cast):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    sign_in(page, live_server, cast.ect)
    page.get_by_role("link", name="Open").first.click()
    page.wait_for_load_state("networkidle")
    # Nothing is done yet, so this week on the pathway is the programme's first session.
    assert "The first five minutes" in page.locator("h1").inner_text()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    context.close()


def test_the_accessibility_check_can_fail(page, live_server, cast):
    # Guards the checks above: a page with a known violation must be reported.
    page.goto(live_server.url + reverse("account_login"))
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x>')")
    assert axe.run(page, options=WCAG).violations_count > 0


def test_choosing_a_tutor_as_mentor_warns_at_once(page, live_server, cast):
    from people.models import Role
    from tandem import factories

    factories.give_role(cast.tutor, Role.MENTOR, school=cast.school_a)
    sign_in(page, live_server, cast.tutor)
    page.goto(live_server.url + reverse("change_mentor", args=[cast.induction.pk]))
    page.get_by_label("Mentor", exact=True).select_option(label="Cast tutor")
    page.locator("#tutor-warning .govuk-warning-text").wait_for()
    assert "also an induction tutor" in page.locator("#tutor-warning").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize(("member", "heading"), HOMES, ids=[m for m, _ in HOMES])
def test_each_home_fits_a_phone(browser, live_server, cast, member, heading):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    sign_in(page, live_server, getattr(cast, member))
    assert page.locator("h1").inner_text() == heading
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("term_dates", lambda c: [c.school_a.pk]),
        ("edit_induction", lambda c: [c.induction.pk]),
        ("change_mentor", lambda c: [c.induction.pk]),
        ("induction_detail", lambda c: [c.induction.pk]),
        ("school_audit", lambda c: [c.school_a.pk]),
        ("schedule_settings", lambda c: [c.school_a.pk]),
        ("timetable", lambda c: [c.school_a.pk]),
        ("plans", None),
        ("groups", None),
        ("strand_skills", None),
        ("framework_import", None),
        ("programme_import", None),
    ],
)
def test_tutor_and_author_pages_are_accessible(page, live_server, cast, name, args):
    member = "author" if "import" in name else "mentor" if name == "strand_skills" else "tutor"
    sign_in(page, live_server, getattr(cast, member))
    page.goto(live_server.url + reverse(name, args=args(cast) if args else None))
    assert page.locator("h1").is_visible()
    assert_accessible(page)

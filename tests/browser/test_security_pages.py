"""The trust-and-safety pages in a real browser, with axe-core: setting up a second factor
(on a phone), your data, and API tokens."""

import pytest
from django.urls import reverse

from tests.browser.test_roles_in_browser import PASSWORD, assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_tutor_is_sent_to_set_up_a_second_factor_on_a_phone(browser, live_server, cast, settings):
    settings.MFA_REQUIRED = True
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, live_server, cast.tutor)
    page.wait_for_load_state("networkidle")
    # allauth asks for the password again before a second factor is set up.
    assert "/accounts/reauthenticate/" in page.url
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/2fa/totp/activate/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize(
    ("member", "name", "args"),
    [("ect", "my_data", None), ("coordinator", "api_tokens", "trust")],
)
def test_your_data_and_api_tokens_are_accessible(page, live_server, cast, member, name, args):
    sign_in(page, live_server, getattr(cast, member))
    page.goto(live_server.url + reverse(name, args=[cast.trust_a.pk] if args else None))
    assert page.locator("h1").is_visible()
    assert_accessible(page)
    if name == "api_tokens":
        page.get_by_label("Name").fill("MIS sync")
        page.get_by_label("Read schools, people and their roles").check()
        page.get_by_role("button", name="Issue the token").click()
        page.wait_for_load_state("networkidle")
        assert "tdm_" in page.locator(".tandem-token").inner_text()
        assert_accessible(page)

"""A second factor for induction tutors, headteachers, coordinators and admins: sent to set
up an authenticator app before anything else, then asked for a code at every sign-in."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED = True


def _code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def _sign_in(client, person):
    person.set_password(PASSWORD)
    person.save()
    return client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})


@pytest.mark.parametrize("member", ["tutor", "head", "coordinator"])
def test_the_roles_that_need_it_are_sent_to_set_it_up(client, cast, required, member):
    _sign_in(client, getattr(cast, member))
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before a second factor is set up.
    confirm = client.get(response["Location"], follow=True)
    assert confirm.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert b"authenticator app" in confirm.content


@pytest.mark.parametrize("member", ["ect", "mentor", "evaluator", "author"])
def test_other_roles_sign_in_with_a_password(client, cast, required, member):
    _sign_in(client, getattr(cast, member))
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert reverse("mfa_activate_totp") not in [url for url, _ in response.redirect_chain]


def test_setting_up_the_app_then_signing_in_with_a_code(client, cast, required):
    _sign_in(client, cast.tutor)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and not Authenticator.objects.exists()
    client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert Authenticator.objects.filter(user=cast.tutor, type="totp").exists()
    assert Authenticator.objects.filter(user=cast.tutor, type="recovery_codes").exists()
    assert client.get(reverse("school_home", args=[cast.school_a.pk])).status_code == 200

    client.logout()
    response = _sign_in(client, cast.tutor)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("school_home", args=[cast.school_a.pk])).status_code == 302
    bad = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert bad.status_code == 200
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert client.get(reverse("school_home", args=[cast.school_a.pk])).status_code == 200


def test_an_admin_needs_it_too(client, cast, required):
    cast.ect.is_superuser = True
    cast.ect.save()
    _sign_in(client, cast.ect)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


def test_a_person_with_the_app_is_checked_once_a_session(client, cast, required):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    TOTP.activate(cast.tutor, generate_totp_secret())
    client.force_login(cast.tutor)
    url = reverse("notifications")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert any("mfa_authenticator" in q["sql"] for q in first.captured_queries)
    assert client.session["tandem_mfa"] is True
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert not any("mfa_authenticator" in q["sql"] for q in second.captured_queries)

"""Single sign-on through an organisation's own identity provider (Microsoft Entra ID or
Google Workspace, as OpenID Connect), with the provider's side simulated: no network here.
Invite-only: only people Tandem knows at that organisation, with an address in its domains."""

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Client
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.urls import reverse

ISSUER = "https://login.microsoftonline.com/riverside-tenant/v2.0"
CONFIG = {
    "issuer": ISSUER,
    "authorization_endpoint": f"{ISSUER}/authorize",
    "token_endpoint": f"{ISSUER}/token",
    "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
    "jwks_uri": f"{ISSUER}/keys",
}


@pytest.fixture
def entra(cast, monkeypatch):
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="trust-a-entra",
        name="Trust A (Microsoft)",
        client_id="client-id",
        secret="client-secret",
        settings={
            "server_url": ISSUER,
            "trust_id": cast.trust_a.pk,
            "domains": ["example.test"],
        },
    )
    monkeypatch.setattr(OpenIDConnectOAuth2Adapter, "openid_config", property(lambda s: CONFIG))
    monkeypatch.setattr(
        OAuth2Client,
        "get_access_token",
        lambda self, code, **kw: {"access_token": f"token-for-{code}", "token_type": "Bearer"},
    )
    return app


def _sign_in_as(client, monkeypatch, claims):
    monkeypatch.setattr(OpenIDConnectOAuth2Adapter, "_fetch_user_info", lambda s, t: claims)
    start = client.post(reverse("openid_connect_login", args=["trust-a-entra"]))
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert authorize.netloc == "login.microsoftonline.com"
    state = parse_qs(authorize.query)["state"][0]
    return client.get(
        reverse("openid_connect_callback", args=["trust-a-entra"]),
        {"code": "abc", "state": state},
    )


def test_the_login_page_offers_the_organisations_sign_in(client, entra):
    page = client.get(reverse("account_login"))
    assert b"Trust A (Microsoft)" in page.content


def test_a_known_person_signs_in_through_their_organisation(client, cast, entra, monkeypatch):
    response = _sign_in_as(
        client, monkeypatch, {"sub": "entra-1", "email": cast.mentor.email, "name": "M"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code in (200, 302)
    assert int(client.session["_auth_user_id"]) == cast.mentor.pk
    assert SocialAccount.objects.get(uid="entra-1").user == cast.mentor
    # The second time, the linked account signs them straight in.
    client.logout()
    _sign_in_as(client, monkeypatch, {"sub": "entra-1", "email": cast.mentor.email})
    assert int(client.session["_auth_user_id"]) == cast.mentor.pk


@pytest.mark.parametrize(
    ("email", "why"),
    [
        ("stranger@example.test", "no account"),
        ("outsider@example.test", "no account"),  # known, but at another trust
        ("mentor@elsewhere.test", "not one of its"),
        ("", "not one of its"),
    ],
)
def test_nobody_else_gets_in(client, cast, entra, monkeypatch, email, why):
    response = _sign_in_as(client, monkeypatch, {"sub": "x", "email": email})
    assert response.status_code == 403
    assert why in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    from accounts.models import User

    assert not User.objects.filter(email="stranger@example.test").exists()

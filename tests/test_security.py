"""Security headers, the content security policy, sign-in rate limits and session expiry."""

import base64
import hashlib
import re
from datetime import datetime

import time_machine
from django.core.cache import cache
from django.urls import reverse


def test_every_page_carries_a_content_security_policy_that_allows_its_own_script(client, cast):
    client.force_login(cast.tutor)
    response = client.get(reverse("school_home", args=[cast.school_a.pk]))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-eval" not in policy
    script_src = re.search(r"script-src ([^;]+)", policy)[1]
    assert "unsafe-inline" not in script_src
    # Every inline script on the page is allowed by its hash, and nothing else inline runs.
    inline = re.findall(r"<script>(.*?)</script>", response.content.decode(), re.S)
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_security_headers(client, cast):
    response = client.get(reverse("account_login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    cast.ect.set_password("a-long-test-password-1")
    cast.ect.save()
    signed_in = client.post(
        reverse("account_login"), {"login": cast.ect.email, "password": "a-long-test-password-1"}
    )
    cookie = signed_in.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_repeated_failed_sign_ins_are_slowed_down(client, cast):
    cache.clear()
    url = reverse("account_login")
    for _ in range(5):
        page = client.post(url, {"login": cast.tutor.email, "password": "wrong"})
        assert b"Too many" not in page.content
    page = client.post(url, {"login": cast.tutor.email, "password": "wrong"})
    assert page.status_code in (200, 429)
    assert b"Too many" in page.content or page.status_code == 429
    cache.clear()


def test_a_session_expires_after_twelve_hours(client, cast):
    with time_machine.travel(datetime(2026, 11, 23, 8, 0), tick=False):
        client.force_login(cast.tutor)
        assert client.get(reverse("notifications")).status_code == 200
    with time_machine.travel(datetime(2026, 11, 23, 20, 30), tick=False):
        response = client.get(reverse("notifications"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

"""Settings parsers refuse values they do not understand, instead of guessing."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tandem.env import env_bool, env_email, env_int, env_list, env_str


def test_booleans(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be one of"):
        env_bool("FLAG")


def test_integers_and_lists(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert env_int("N", 1) == 12
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_a_required_string_must_be_set(monkeypatch):
    monkeypatch.delenv("MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="MISSING must be set"):
        env_str("MISSING")


def test_email_urls(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://user%40x:p%40ss@mail.example:587?tls=true")
    settings = env_email("EMAIL_URL", "console:")
    assert settings["EMAIL_HOST"] == "mail.example" and settings["EMAIL_PORT"] == 587
    assert settings["EMAIL_HOST_USER"] == "user@x" and settings["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert settings["EMAIL_USE_TLS"] is True
    monkeypatch.setenv("EMAIL_URL", "carrier-pigeon://loft")
    with pytest.raises(ImproperlyConfigured):
        env_email("EMAIL_URL", "console:")

"""Strict parsers for settings read from environment variables.

A typo in production configuration should stop the server at start-up, not quietly fall back
to a default, so each parser raises ImproperlyConfigured on a value it does not understand.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_email(name: str, default: str) -> dict[str, object]:
    """Parse EMAIL_URL: `console:` or `smtp://user:password@host:port?tls=true`."""
    from urllib.parse import parse_qs, unquote, urlsplit

    raw = os.environ.get(name, default)
    url = urlsplit(raw)
    if url.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if url.scheme in {"smtp", "smtps"}:
        query = parse_qs(url.query)
        tls = query.get("tls", ["false"])[0].lower() in _TRUE
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": url.hostname or "",
            "EMAIL_PORT": url.port or (465 if url.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(url.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(url.password or ""),
            "EMAIL_USE_TLS": tls,
            "EMAIL_USE_SSL": url.scheme == "smtps",
        }
    raise ImproperlyConfigured(f"{name} must start with console:, locmem:, smtp:// or smtps://.")

"""Tokens for the API: each belongs to one trust or LA, carries scopes, and is shown once.
Only a hash of the token is stored, so a copy of the database holds no usable token."""

import hashlib
import secrets

from django.conf import settings
from django.db import models

from organisations.models import Trust

SCOPES = {
    "people:read": "Read schools, people and their roles",
    "people:write": "Add people and roles at the trust's schools",
    "timetables:read": "Read schools' timetables",
    "timetables:write": "Replace staff timetables",
    "schedules:read": "Read protected-time schedules",
    "progress:read": "Read ECTs' progress figures (no developmental or assessment records)",
}


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. 'MIS sync'.")
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, trust, name: str, scopes: list[str], by) -> tuple["ApiToken", str]:
        """A new token and its secret, which is never stored and shown only this once."""
        raw = f"tdm_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(
            trust=trust,
            name=name,
            prefix=raw[4:12],
            key_hash=hash_token(raw),
            scopes=sorted(scopes),
            created_by=by,
        )
        return token, raw

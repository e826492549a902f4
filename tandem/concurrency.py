"""Optimistic concurrency for records two people may edit at once (an induction tutor and a
headteacher on the same review, say): each record carries a version number, the form sends
back the version it showed, and a save only happens if nobody saved in between. The second
person is told and keeps what they typed; nothing is silently overwritten."""

from django import forms
from django.db import models
from django.db.models import F


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=0, required=False, **kwargs)


def save_if_unchanged(instance: models.Model, *, seen_version: int, fields: list[str]) -> bool:
    """Write `fields` and bump the version, only if the stored version is still the one the
    person saw. Returns False, writing nothing, if someone else saved first."""
    values = {name: getattr(instance, name) for name in fields}
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=seen_version)
        .update(version=F("version") + 1, **values)
    )
    if updated:
        instance.version = seen_version + 1
    return bool(updated)

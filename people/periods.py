"""Date-range periods: who is where, in which role, from when to when.

Every role, placement and mentorship is a period, so a transfer, a change of mentor or a new
working pattern starts a new period instead of overwriting a field, and history is kept.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PeriodQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        day = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)

    def overlapping(self, starts_on: date, ends_on: date | None):
        """Periods that share at least one day with [starts_on, ends_on] (open-ended if None)."""
        overlap = Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
        if ends_on is not None:
            overlap &= Q(starts_on__lte=ends_on)
        return self.filter(overlap)


class Period(models.Model):
    starts_on = models.DateField()
    ends_on = models.DateField(
        null=True, blank=True, help_text="Leave empty while the period is still running."
    )

    class Meta:
        abstract = True

    def is_current(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    def clean_dates(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be on or after the start date."})

    def overlap_key(self) -> dict:
        """Fields that make two periods 'the same role', so that they may not overlap."""
        return {}

    def same_kind_overlaps(self) -> models.QuerySet:
        others = type(self)._default_manager.filter(**self.overlap_key())
        return others.exclude(pk=self.pk) if self.pk else others

    def clean(self) -> None:
        self.clean_dates()
        if self.starts_on and self.same_kind_overlaps().overlapping(self.starts_on, self.ends_on):
            raise ValidationError(
                "This overlaps another period of the same role. End the earlier one first, "
                "or choose dates that do not overlap."
            )

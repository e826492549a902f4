"""Trusts, local authorities and their schools, with the school calendar that scheduling and
statutory deadlines depend on."""

from datetime import date, timedelta

from django.db import models


class Trust(models.Model):
    """A group of schools: a multi-academy trust or a local authority."""

    class Kind(models.TextChoices):
        MAT = "mat", "Multi-academy trust"
        LA = "la", "Local authority"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=3, choices=Kind.choices, default=Kind.MAT)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Phase(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all-through", "All-through"
        SPECIAL = "special", "Special"

    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=8, unique=True, help_text="Unique reference number")
    phase = models.CharField(max_length=12, choices=Phase.choices)
    trust = models.ForeignKey(
        Trust, null=True, blank=True, on_delete=models.PROTECT, related_name="schools"
    )
    timetable_weeks = models.PositiveSmallIntegerField(
        default=1,
        choices=[(1, "One-week timetable"), (2, "Two-week timetable (week A and week B)")],
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def academic_year(day: date) -> int:
    """The calendar year in which the school year containing this day began (September)."""
    return day.year if day.month >= 9 else day.year - 1


def half_term_week(terms: list["Term"], day: date) -> tuple[int, int] | None:
    """Which half term of the school year (1 to 6) and which week of it this day falls in,
    from the school's term dates; None in a holiday or where no term dates are known."""
    this_year = sorted(
        (t for t in terms if academic_year(t.starts_on) == academic_year(day)),
        key=lambda t: t.starts_on,
    )
    for index, term in enumerate(this_year[:3]):
        if not term.starts_on <= day <= term.ends_on:
            continue
        if term.half_term_starts_on and term.half_term_ends_on:
            if term.half_term_starts_on <= day <= term.half_term_ends_on:
                return None
            if day > term.half_term_ends_on:
                start = term.half_term_ends_on + timedelta(days=1)
                return index * 2 + 2, (day - start).days // 7 + 1
        return index * 2 + 1, (day - term.starts_on).days // 7 + 1
    return None


class Term(models.Model):
    """One term of a school year, with its half-term break. Induction is counted in terms."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=40, help_text="For example 'Autumn 2026'")
    starts_on = models.DateField()
    ends_on = models.DateField()
    half_term_starts_on = models.DateField(null=True, blank=True)
    half_term_ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["school", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"
            ),
            models.UniqueConstraint(fields=["school", "starts_on"], name="one_term_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school})"

"""The trust's, LA's or school's own professional development, mapped to the framework, and
the decisions taken where it and the programme cover the same ground.

An item belongs to a trust (its coordinators keep it) or to one school (its induction
tutors keep it). Matches to statements start as suggestions and count once confirmed.
Decisions are kept as a record: a later decision on the same overlap replaces the earlier
one in effect, and both stay in the history.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from frameworks.models import Statement
from organisations.models import School, Trust
from programmes.models import Session


def owner_kind(owner: Trust | School) -> str:
    """The field (and URL word) an item's owner goes in: 'trust' or 'school'."""
    return "trust" if isinstance(owner, Trust) else "school"


class Audience(models.TextChoices):
    ECTS = "ects", "Early career teachers"
    MENTORS = "mentors", "Mentors"
    BOTH = "both", "Both"


class ProvisionItem(models.Model):
    trust = models.ForeignKey(
        Trust, null=True, blank=True, on_delete=models.CASCADE, related_name="provision"
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="provision"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(
        help_text="What it covers, in a few sentences: Tandem matches it to the framework "
        "from these words."
    )
    audience = models.CharField(max_length=7, choices=Audience.choices, default=Audience.ECTS)
    induction_year = models.PositiveSmallIntegerField(
        "induction year",
        null=True,
        blank=True,
        choices=[(1, "Year 1"), (2, "Year 2")],
        help_text="Leave empty if it is for ECTs in either year.",
    )
    starts_on = models.DateField("first date")
    ends_on = models.DateField("last date")
    hours = models.DecimalField(
        "hours per person",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(200)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trust__isnull=False, school=None) | Q(trust=None, school__isnull=False),
                name="provision_has_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="provision_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self) -> Trust | School:
        return self.trust or self.school

    @property
    def for_ects(self) -> bool:
        return self.audience in (Audience.ECTS, Audience.BOTH)

    @property
    def for_mentors(self) -> bool:
        return self.audience in (Audience.MENTORS, Audience.BOTH)


class StatementMatch(models.Model):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Not covered"

    item = models.ForeignKey(ProvisionItem, on_delete=models.CASCADE, related_name="matches")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(null=True, blank=True)  # empty: added by hand
    score = models.FloatField(null=True, blank=True)
    words = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.SUGGESTED)

    class Meta:
        ordering = ["item", "rank", "statement__position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "statement"], name="one_match_per_statement")
        ]

    def __str__(self) -> str:
        return f"{self.item} covers {self.statement.code}: {self.status}"


class Decision(models.Model):
    """What to do where a local item and a programme session cover the same statements in
    the same term."""

    class Choice(models.TextChoices):
        INTEGRATE = "integrate", "Integrate: the local session counts as the programme session"
        REPLACE = "replace", "Replace: drop the local session, keep the programme session"
        KEEP_BOTH = "keep", "Keep both"
        STOP = "stop", "Stop the local session altogether"

    item = models.ForeignKey(ProvisionItem, on_delete=models.CASCADE, related_name="decisions")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=9, choices=Choice.choices)
    reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Needed when both are kept: why ECTs should spend time on both.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(choice="keep") | ~Q(reason=""), name="keeping_both_has_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} / {self.session}: {self.choice}"

    @property
    def short(self) -> str:
        return self.get_choice_display().split(":")[0]

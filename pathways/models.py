"""What shapes an ECT's pathway and what they do on it: the starting-point review (revisited
each term, every version kept), topics pulled forward for a pressing need, and progress on
each study part (done, time spent, useful or not relevant now).

The plan itself is not stored: pathways.sequencing works it out from these records, the
programme and the school calendar, and gives the same plan for the same records.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from pathways.sequencing import DEVELOPING, NEED, SECURE
from people.models import Induction


class Standing(models.TextChoices):
    SECURE = SECURE, "Secure: practise it already; a refresher at most"
    DEVELOPING = DEVELOPING, "Developing: follow the programme as planned"
    NEED = NEED, "A need now: bring it earlier"


class StartingPointReview(models.Model):
    """Where the ECT is in each of the eight areas, agreed by the ECT and their mentor."""

    induction = models.ForeignKey(
        Induction, on_delete=models.CASCADE, related_name="starting_points"
    )
    reviewed_on = models.DateField(default=timezone.localdate)
    areas = models.JSONField(help_text="Area number -> secure, developing or need.")
    ite_targets = models.TextField(
        "targets carried over from training",
        blank=True,
        help_text="From the ITE provider's final report, in a line or two.",
    )
    prior_experience = models.TextField(
        blank=True, help_text="For example 'three years as a teaching assistant in Year 2'."
    )
    school_priorities = models.JSONField(
        default=list, blank=True, help_text="Area numbers the school is working on this year."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_as = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Starting point of {self.induction.ect} on {self.reviewed_on}"

    def standing(self, area: int) -> str:
        return self.areas.get(str(area), DEVELOPING)


class PullForward(models.Model):
    """A topic brought forward for a pressing need. The mentor's say-so makes it count; an
    ECT's request waits for it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Asked for by the ECT"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Not now"

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="pulls")
    session = models.ForeignKey("programmes.Session", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(
        max_length=300, help_text="For example 'First A-level class starts next week'."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_as = models.CharField(max_length=12, editable=False)
    status = models.CharField(max_length=9, choices=Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.session} pulled forward: {self.reason}"


class PartProgress(models.Model):
    """The ECT's progress on one study part, and whether it helped."""

    class Verdict(models.TextChoices):
        USEFUL = "useful", "Useful"
        NOT_RELEVANT = "not_relevant", "Not relevant to me now"

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="progress")
    part = models.ForeignKey("programmes.StudyPart", on_delete=models.CASCADE, related_name="+")
    done_on = models.DateField(null=True, blank=True)
    minutes = models.PositiveSmallIntegerField("time spent in minutes", null=True, blank=True)
    verdict = models.CharField(max_length=12, choices=Verdict.choices, blank=True)
    note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["induction", "part"], name="one_progress_per_part")
        ]

    def __str__(self) -> str:
        return f"{self.part} ({'done' if self.done_on else 'not done'})"

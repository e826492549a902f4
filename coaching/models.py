"""Instructional coaching between a mentor and an ECT: short focused observations, one precise
target at a time, a deliberate-practice plan, and a follow-up, plus the ECT's own reflections.

These are developmental records. Their audience is the ECT and their mentor only; the
induction tutor and headteacher do not see them (see tandem.permissions), so the ECT can
speak openly. Each record keeps the role in which it was written, because one person can be
both mentor and induction tutor.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from frameworks.models import Area, Statement
from people.models import Induction


class Observation(models.Model):
    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="observations")
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="observations_made"
    )
    written_as = models.CharField(max_length=12, default="mentor", editable=False)
    observed_on = models.DateField("date of the observation")
    minutes = models.PositiveSmallIntegerField("length in minutes")
    class_taught = models.CharField(
        "class", max_length=120, help_text="For example 'Year 9 science' or 'Reception'."
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name="focus area"
    )
    statements = models.ManyToManyField(Statement, blank=True, related_name="+")
    what_seen = models.TextField("what you saw")
    strengths = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_on", "-created_at"]

    def __str__(self) -> str:
        return f"Observation of {self.induction.ect} on {self.observed_on}"


class TargetQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Target.Status.OPEN)


class Target(models.Model):
    """One precise target tied to one statement, with how it will be modelled and practised."""

    class Grade(models.TextChoices):
        NOT_YET = "not_yet", "Not yet doing it"
        REFINING = "refining", "Doing it, needs refining"
        SECURE = "secure", "Secure, needs stretch"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SECURE = "secure", "Secure"
        CHANGED = "changed", "Changed"

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="targets")
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_as = models.CharField(max_length=12, default="mentor", editable=False)
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    description = models.TextField("the target", help_text="One precise, observable step.")
    grade = models.CharField(max_length=10, choices=Grade.choices)
    modelling = models.TextField("how you will model it")
    practice = models.TextField("what the ECT will practise")
    practise_by = models.DateField("try it by")
    set_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["-set_on", "-pk"]
        constraints = [
            # One open target at a time keeps the coaching focused.
            models.UniqueConstraint(
                fields=["induction"], condition=Q(status="open"), name="one_open_target"
            ),
            models.CheckConstraint(
                condition=Q(practise_by__gte=models.F("set_on")), name="practice_after_setting"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class FollowUp(models.Model):
    """How an open target went, recorded at the next observation or meeting."""

    class Outcome(models.TextChoices):
        SECURE = "secure", "Secure: close the target"
        KEEP = "keep", "Keep working on it"
        CHANGE = "change", "Change the target"

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="follow_ups")
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField()
    outcome = models.CharField(max_length=6, choices=Outcome.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.recorded_on}"


class Reflection(models.Model):
    """The ECT's own note. Private to them unless they share this one reflection."""

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="reflections")
    written_on = models.DateField(default=timezone.localdate)
    text = models.TextField()
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Meeting(models.Model):
    """A coaching meeting or a quick informal check-in, with the time it took."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        CHECK_IN = "check_in", "Check-in"

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="meetings")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_as = models.CharField(max_length=12, default="mentor", editable=False)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.MEETING)
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField("time spent in minutes")
    session = models.ForeignKey(
        "programmes.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcomes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class AgendaItem(models.Model):
    """Something the ECT wants to talk about; it waits for the next meeting."""

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="agenda_items")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="agenda_items"
    )
    text = models.CharField("what I want to talk about", max_length=500)
    added_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["added_on", "pk"]

    def __str__(self) -> str:
        return self.text


class SupportLevel(models.TextChoices):
    MODELLED = "modelled", "Modelled: the mentor models, the ECT practises a scripted step"
    GUIDED = "guided", "Guided: the ECT proposes the step, the mentor refines it"
    INDEPENDENT = "independent", "Independent: the ECT sets targets, with lighter observation"


# How many targets in an area must become secure before a lighter structure is suggested.
SECURE_TARGETS_TO_FADE = 2


class AreaSupport(models.Model):
    """How much structure the coaching gives the ECT in one framework area. It fades as the
    ECT's targets there become secure; the mentor decides, and each change is kept."""

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="area_support")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=12, choices=SupportLevel.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.area}: {self.level}"

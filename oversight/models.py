"""Oversight: weekly pulse checks, the induction tutor's conversation with each mentor, and
notifications (in the app and by email), with each person's choice of what they receive."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from organisations.models import School
from people.models import Mentorship

SCALE = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
]
_scale = {"choices": SCALE, "validators": [MinValueValidator(1), MaxValueValidator(5)]}


class PulseCheck(models.Model):
    """Three quick questions, once a week, for ECTs and mentors. A person sees their own
    answers; the induction tutor sees their ECTs'; anything wider is aggregated."""

    class Role(models.TextChoices):
        ECT = "ect", "Early career teacher"
        MENTOR = "mentor", "Mentor"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pulse_checks"
    )
    role = models.CharField(max_length=6, choices=Role.choices)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    week_of = models.DateField(help_text="The Monday of the week answered for.")
    workload = models.PositiveSmallIntegerField("My workload is manageable", **_scale)
    confidence = models.PositiveSmallIntegerField("I feel confident in my teaching", **_scale)
    supported = models.PositiveSmallIntegerField("I feel supported", **_scale)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week_of"]
        constraints = [
            models.UniqueConstraint(fields=["person", "role", "week_of"], name="one_pulse_a_week")
        ]
        # Trust and school results are read by school and week.
        indexes = [models.Index(fields=["school", "week_of"], name="pulse_by_school_week")]

    def __str__(self) -> str:
        return f"Pulse of {self.person} for {self.week_of}"

    @property
    def score(self) -> float:
        return (self.workload + self.confidence + self.supported) / 3


class PairNote(models.Model):
    """One message in the conversation between the induction tutor and a mentor about a
    pair: how it is going, what help is needed. Not seen by the ECT."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Kind(models.TextChoices):
    DIGEST = "digest", "Weekly summary of what needs attention (induction tutors)"
    REMINDER = "reminder", "Reminder the day before a protected meeting"
    NOT_RECORDED = "not_recorded", "A planned meeting was not recorded"
    PULSE = "pulse", "This week's pulse check"
    NOTE = "note", "A new message about a pair"
    SURVEY = "survey", "An invitation or reminder to answer a survey"


class Notification(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # What it is about, so the same thing is never sent twice (a meeting on a date, a week).
    key = models.CharField(max_length=80)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "key"], name="one_notification")
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """What one person wants to receive, and how. Without a row, both are on."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_choices"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    in_app = models.BooleanField(default=True)
    by_email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="one_choice")]

    def __str__(self) -> str:
        return f"{self.person}: {self.kind}"

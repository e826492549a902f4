"""Surveys in waves, as the evaluation itself was run: a questionnaire, who it is for, and
waves (say start, middle and end of year). Each person in the audience is invited once per
wave, reminded once, and may answer once.

Answers are kept apart from names: a response points to its invitation (so nobody answers
twice), and everything shown or exported from it is either aggregated over five or more
people or keyed by a pseudonym (see evaluation.pseudonyms).
"""

from django.conf import settings
from django.db import models

from organisations.models import Trust

THEMES = [
    ("time", "Time for induction"),
    ("relevance", "Relevance to needs"),
    ("mentoring", "Quality of mentoring"),
    ("workload", "Workload"),
    ("confidence", "Confidence"),
    ("leaders", "Support from leaders"),
    ("other", "Other"),
]
LIKERT = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
]


class Audience(models.TextChoices):
    ECTS = "ect", "Early career teachers"
    MENTORS = "mentor", "Mentors"
    TUTORS = "tutor", "Induction tutors"


class Survey(models.Model):
    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(max_length=200)
    introduction = models.TextField(
        blank=True, help_text="Shown at the top: why you are asking and who sees the answers."
    )
    audience = models.JSONField(help_text="Roles invited: ect, mentor, tutor.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def audience_labels(self) -> list[str]:
        return [Audience(a).label for a in Audience.values if a in self.audience]


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", "Agree or disagree (five points)"
        CHOICE = "choice", "One of several options"
        TEXT = "text", "Free text"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=10, choices=THEMES)
    kind = models.CharField(max_length=6, choices=Kind.choices)
    text = models.CharField(max_length=300)
    options = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["survey", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def code(self) -> str:
        return f"q{self.position}"


class Wave(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    name = models.CharField(max_length=80, help_text="For example 'Start of year'.")
    opens_on = models.DateField()
    closes_on = models.DateField()
    remind_after_days = models.PositiveSmallIntegerField(
        "remind after (days)", default=7, help_text="One reminder to those who have not answered."
    )

    class Meta:
        ordering = ["survey", "opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="wave_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.name}"

    def is_open(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Invitation(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    role = models.CharField(max_length=6, choices=Audience.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="one_invitation_a_wave")
        ]

    def __str__(self) -> str:
        return f"{self.person} invited to {self.wave}"


class Response(models.Model):
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    answers = models.JSONField(help_text="Question code -> the answer.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Response to {self.invitation.wave}"

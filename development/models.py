"""A mentor's own development record: the units of their mentor strand done (with time and
a reflection on each part), units marked as known after a short check, and a self-review of
the skills mentors asked to learn, revisited each term. The record is the mentor's: the
induction tutor sees only progress (units done, time), the trust only aggregates."""

from django.conf import settings
from django.db import models

from programmes.models import Session, StudyPart

SKILLS = [
    ("safety", "Creating psychological safety, so the ECT can take risks"),
    ("difficult", "Holding difficult conversations without defensiveness"),
    ("goals", "Co-constructing goals and keeping the ECT motivated"),
    ("modelling", "Modelling with my thinking made visible"),
    ("practice", "Setting up and guiding deliberate practice"),
    ("responsive", "Responsive coaching that fades support as the ECT grows"),
    ("adults", "Working with adult learners who are not complete novices"),
]
LEVELS = [
    (1, "New to me"),
    (2, "Developing"),
    (3, "Confident"),
    (4, "Could help other mentors"),
]


class PartDone(models.Model):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strand_progress"
    )
    part = models.ForeignKey(StudyPart, on_delete=models.CASCADE, related_name="+")
    done_on = models.DateField()
    minutes = models.PositiveSmallIntegerField("time spent in minutes")
    note = models.TextField("reflection", blank=True, max_length=3000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentor", "part"], name="one_done_a_part")]

    def __str__(self) -> str:
        return f"{self.mentor}: {self.part}"


class UnitKnown(models.Model):
    """An experienced mentor's unit, marked as known after answering its check."""

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    answer = models.TextField()
    marked_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentor", "session"], name="one_known_a_unit")
        ]

    def __str__(self) -> str:
        return f"{self.mentor} knows {self.session}"


class SkillReview(models.Model):
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reviewed_on = models.DateField()
    ratings = models.JSONField(help_text="Skill key to level, 1 to 4.")
    note = models.TextField("what I want to work on next", blank=True, max_length=3000)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Skills review of {self.mentor} on {self.reviewed_on}"

"""Programme content: programme, year, module (a term or half term), weekly session.

A session holds the ECT's study (about 40 minutes, in parts) and the mentor's materials for
that week's coaching conversation. Sessions map to framework statements and carry phase and
subject tags so that examples can be matched to the ECT.
"""

from django.db import models

from frameworks.models import Framework, Statement
from organisations.models import Trust


class Programme(models.Model):
    class Audience(models.TextChoices):
        ECT = "ect", "Early career teachers"
        MENTOR = "mentor", "Mentors"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    audience = models.CharField(max_length=6, choices=Audience.choices, default=Audience.ECT)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="programmes")
    owner = models.ForeignKey(
        Trust,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text="The trust whose authors may edit it. Empty for Tandem's shared samples.",
    )
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def sessions_in_order(self):
        return Session.objects.filter(module__year__programme=self).order_by(
            "module__year__number", "module__position", "position"
        )


class ProgrammeYear(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="years")
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="one_year_per_number")
        ]

    def __str__(self) -> str:
        return f"Year {self.number}"


HALF_TERMS = {
    1: "Autumn, first half",
    2: "Autumn, second half",
    3: "Spring, first half",
    4: "Spring, second half",
    5: "Summer, first half",
    6: "Summer, second half",
}


class Module(models.Model):
    """The sessions for one half term of one programme year, one a week in order. Weeks of
    the half term beyond the last session are for consolidation."""

    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="modules")
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    half_term = models.PositiveSmallIntegerField(choices=sorted(HALF_TERMS.items()))
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["year", "position"]
        constraints = [models.UniqueConstraint(fields=["year", "slug"], name="module_slug_in_year")]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text="Markdown: what this week is about.")
    phases = models.JSONField(default=list, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    statements = models.ManyToManyField(Statement, blank=True, related_name="sessions")
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="unlocks",
        help_text="Sessions this one builds on: a pathway always places them first.",
    )
    variant_group = models.SlugField(
        max_length=80,
        blank=True,
        help_text=(
            "Sessions sharing a group are versions of one another (say for primary and for "
            "secondary); each ECT gets the one that matches their phase and subjects."
        ),
    )
    mentor_focus = models.TextField("focus of the conversation", blank=True)
    mentor_look_fors = models.TextField("what to look for in a short observation", blank=True)
    mentor_modelling = models.TextField("how to model it", blank=True)
    mentor_practice = models.TextField("what to practise", blank=True)

    class Meta:
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="session_slug_in_module")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def study_minutes(self) -> int:
        return sum(part.minutes for part in self.parts.all())


class StudyPart(models.Model):
    class Kind(models.TextChoices):
        WATCH = "watch", "Watch"
        READ = "read", "Read"
        TRY = "try", "Try"
        REFLECT = "reflect", "Reflect"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    title = models.CharField(max_length=200)
    minutes = models.PositiveSmallIntegerField()
    url = models.URLField(blank=True)
    body = models.TextField(blank=True, help_text="Markdown.")

    class Meta:
        ordering = ["session", "position"]

    def __str__(self) -> str:
        return self.title

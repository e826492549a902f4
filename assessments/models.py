"""Statutory induction records kept by the induction tutor: absences, progress reviews and
formal assessments against the Teachers' Standards (never against the framework).

These are assessment records. Their audience is the ECT's induction tutors and headteacher,
the ECT once a record is complete, and the appropriate body; mentors do not see them (see
tandem.permissions), just as the tutor does not see coaching notes. Each record keeps the
role it was written in and a version number, so that two people editing it at once cannot
silently overwrite each other (tandem.concurrency).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from organisations.models import School
from people.models import Induction

# Short titles of our own for the parts of the Teachers' Standards, which every progress
# review and formal assessment is judged against.
TEACHERS_STANDARDS = [
    ("ts1", "1. High expectations that inspire and challenge pupils"),
    ("ts2", "2. Promoting good progress"),
    ("ts3", "3. Subject and curriculum knowledge"),
    ("ts4", "4. Planning and teaching well-structured lessons"),
    ("ts5", "5. Adapting teaching to every pupil"),
    ("ts6", "6. Accurate and productive assessment"),
    ("ts7", "7. Managing behaviour for a safe learning environment"),
    ("ts8", "8. Wider professional responsibilities"),
    ("part2", "Part two: personal and professional conduct"),
]


class Absence(models.Model):
    """Time the ECT was away. Once absences reach 30 working days, induction is extended by
    all of them. The reason is not recorded here: it may be medical, and it does not change
    the rule."""

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField("first day absent")
    ends_on = models.DateField("last day absent")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="absence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"Absent {self.starts_on} to {self.ends_on}"


class StatutoryRecord(models.Model):
    """What a progress review and a formal assessment share: who wrote it, in which role,
    for which term and school, its version, and when it went to the appropriate body."""

    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="+")
    term_label = models.CharField(max_length=40)
    due_on = models.DateField()
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(
        "summary of evidence",
        help_text=(
            "Drawn from the ECT's everyday work: planning, teaching, pupils' work and progress. "
            "The ECT is not asked to create evidence."
        ),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_as = models.CharField(max_length=12, editable=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField("sent to the appropriate body on", null=True, blank=True)

    class Meta:
        abstract = True


class ProgressReview(StatutoryRecord):
    class OnTrack(models.TextChoices):
        YES = "yes", "On track to meet the Teachers' Standards by the end of induction"
        NO = "no", "Not on track: extra support is being put in place"

    induction = models.ForeignKey(
        Induction, on_delete=models.CASCADE, related_name="progress_reviews"
    )
    number = models.PositiveSmallIntegerField()
    on_track = models.CharField("is the ECT on track?", max_length=3, choices=OnTrack.choices)
    targets = models.TextField("targets until the next review")
    support = models.TextField(
        "support being put in place", blank=True, help_text="Needed when the ECT is not on track."
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["induction", "number"]
        constraints = [
            models.UniqueConstraint(fields=["induction", "number"], name="one_review_per_number")
        ]

    def __str__(self) -> str:
        return f"Progress review {self.number} of {self.induction.ect}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class FormalAssessment(StatutoryRecord):
    class Point(models.IntegerChoices):
        MIDPOINT = 1, "Midpoint formal assessment"
        FINAL = 2, "Final formal assessment"

    class Judgement(models.TextChoices):
        SATISFACTORY = "satisfactory", "Making satisfactory progress towards the standards"
        UNSATISFACTORY = "unsatisfactory", "Not making satisfactory progress"
        MEETS = "meets", "Meets the Teachers' Standards: recommend that induction is passed"
        DOES_NOT_MEET = "not_met", "Does not meet the Teachers' Standards"

    # Which judgements fit which assessment point.
    JUDGEMENTS = {
        Point.MIDPOINT: [Judgement.SATISFACTORY, Judgement.UNSATISFACTORY],
        Point.FINAL: [Judgement.MEETS, Judgement.DOES_NOT_MEET],
    }

    induction = models.ForeignKey(
        Induction, on_delete=models.CASCADE, related_name="formal_assessments"
    )
    point = models.PositiveSmallIntegerField(choices=Point.choices)
    judgement = models.CharField(max_length=14, choices=Judgement.choices)
    standards = models.JSONField(
        default=dict, blank=True, help_text="A short comment for each part of the standards."
    )
    tutor_confirmed_at = models.DateTimeField(null=True, blank=True)
    tutor_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    head_confirmed_at = models.DateTimeField(null=True, blank=True)
    head_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ect_confirmed_at = models.DateTimeField(null=True, blank=True)
    ect_comments = models.TextField("your comments", blank=True)

    class Meta:
        ordering = ["induction", "point"]
        constraints = [
            models.UniqueConstraint(fields=["induction", "point"], name="one_assessment_per_point"),
            # Confirmations come in order: tutor, then headteacher, then the ECT.
            models.CheckConstraint(
                condition=Q(head_confirmed_at__isnull=True) | Q(tutor_confirmed_at__isnull=False),
                name="head_confirms_after_tutor",
            ),
            models.CheckConstraint(
                condition=Q(ect_confirmed_at__isnull=True) | Q(head_confirmed_at__isnull=False),
                name="ect_confirms_after_head",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_point_display()} of {self.induction.ect}"

    @property
    def is_complete(self) -> bool:
        return self.ect_confirmed_at is not None

    @property
    def next_to_confirm(self) -> str | None:
        """The role whose confirmation is awaited: 'tutor', 'head', 'ect', or None."""
        if self.tutor_confirmed_at is None:
            return "tutor"
        if self.head_confirmed_at is None:
            return "head"
        if self.ect_confirmed_at is None:
            return "ect"
        return None

    def standard_comments(self) -> list[tuple[str, str]]:
        return [(label, self.standards.get(code, "")) for code, label in TEACHERS_STANDARDS]

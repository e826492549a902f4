"""De-privatised mentoring: teachers open their classrooms for ECTs to see a practice,
ECTs book a place and record what they learned, and what a pair found useful is shared with
the wider staff. Learning from a colleague is recorded as learning, never as a judgement of
that colleague: there is no rating, and the host never sees the notes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from frameworks.models import Area
from organisations.models import School
from people.models import Induction


class OpenClassroom(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="open_classrooms")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    practice = models.CharField(
        "what you will show",
        max_length=200,
        help_text="For example 'Cold calling and wait time in Year 8 science'.",
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name="framework area"
    )
    class_taught = models.CharField("class", max_length=120)
    held_on = models.DateField("date")
    starts_at = models.TimeField("starts at")
    minutes = models.PositiveSmallIntegerField(
        "length in minutes", default=20, validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    places = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "starts_at"]

    def __str__(self) -> str:
        return self.practice


class Booking(models.Model):
    classroom = models.ForeignKey(OpenClassroom, on_delete=models.CASCADE, related_name="bookings")
    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="bookings")
    booked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["classroom", "induction"], name="one_booking_each")
        ]

    def __str__(self) -> str:
        return f"{self.induction.ect} at {self.classroom}"


class LearningNote(models.Model):
    """What an ECT took from watching a colleague: developmental, for the ECT and their
    mentor only."""

    class Kind(models.TextChoices):
        OPEN_CLASSROOM = "open", "Open classroom"
        PEER = "peer", "Another ECT's lesson"
        COLLEAGUE = "colleague", "A colleague's lesson"

    induction = models.ForeignKey(
        Induction, on_delete=models.CASCADE, related_name="learning_notes"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    classroom = models.ForeignKey(
        OpenClassroom, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seen_on = models.DateField("date")
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name="framework area"
    )
    what_learned = models.TextField("what I learned")
    try_next = models.TextField("what I will try in my own teaching")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-seen_on", "-pk"]

    def __str__(self) -> str:
        return self.what_learned[:60]


class SharedMaterial(models.Model):
    """Something a pair found useful, shared with everyone at the school."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="materials")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name="framework area"
    )
    why_useful = models.TextField("why we found it useful")
    link = models.URLField(blank=True, help_text="Where to find it, if it is online.")
    shared_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["-shared_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class MentorGroup(models.Model):
    """A peer-learning group of mentors in a school or across a trust, with a facilitator
    (the induction tutor or the trust's coordinator) and a shared space for questions and
    what worked. Its meetings are placed by the trust's event scheduler."""

    name = models.CharField(max_length=120)
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="mentor_groups"
    )
    trust = models.ForeignKey(
        "organisations.Trust",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentor_groups",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="mentor_groups")
    meetings = models.ForeignKey(
        "scheduling.TrustEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The trust event that holds this group's meetings.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(school__isnull=False, trust=None)
                | models.Q(trust__isnull=False, school=None),
                name="group_in_school_or_trust",
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupPost(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "A question"
        WORKED = "worked", "What worked"

    group = models.ForeignKey(MentorGroup, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.TextField(max_length=3000)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]

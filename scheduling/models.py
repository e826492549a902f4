"""Protected time: the school day, each person's timetable, what the school asks the
scheduler for, its runs, the resulting slots, trust events and private calendar feeds.

The scheduler itself lives in scheduling/solver and knows nothing of these models;
scheduling/loader.py turns them into its problem and its solution back into slots.
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisations.models import School, Trust
from people.models import Induction, Mentorship
from scheduling.solver.schema import DAYS

DAY_CHOICES = list(enumerate(DAYS))
WEEK_CHOICES = [("A", "Week A"), ("B", "Week B")]


class DayPeriod(models.Model):
    """One period of a school day. A school may run a different day on Fridays, so each day
    has its own rows."""

    class Kind(models.TextChoices):
        LESSON = "lesson", "Lesson"
        LUNCH = "lunch", "Lunch"
        AFTER_SCHOOL = "after-school", "After school"
        BREAK = "break", "Break"
        REGISTRATION = "registration", "Registration or form time"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="day_periods")
    day = models.PositiveSmallIntegerField(choices=DAY_CHOICES)
    code = models.CharField(max_length=20, help_text="As the timetable names it: P1, Lunch…")
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.LESSON)

    class Meta:
        ordering = ["school", "day", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["school", "day", "code"], name="one_period_per_code"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{DAYS[self.day]} {self.code}"

    @property
    def minutes(self) -> int:
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (
            self.starts_at.hour * 60 + self.starts_at.minute
        )


class Lesson(models.Model):
    """One entry of a person's timetable. A period with no entry is free."""

    class Activity(models.TextChoices):
        TEACHING = "teaching", "Teaching a class"
        RELEASE = "release", "Induction or mentoring time"
        BUSY = "busy", "PPA, a duty or another commitment"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="lessons")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons"
    )
    week = models.CharField(max_length=1, choices=WEEK_CHOICES, default="A")
    period = models.ForeignKey(DayPeriod, on_delete=models.CASCADE, related_name="lessons")
    activity = models.CharField(max_length=8, choices=Activity.choices)
    label = models.CharField(max_length=60, blank=True, help_text="Class or group, e.g. 9X/Sc1")

    class Meta:
        ordering = ["person", "week", "period__day", "period__starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "week", "period"], name="one_lesson_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} week {self.week} {self.period}: {self.activity}"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every fortnight"


# Where a school names no week A, the cycle counts from this Monday.
DEFAULT_WEEK_A = date(2024, 9, 2)


def _first_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class ScheduleSettings(models.Model):
    """What a school asks the scheduler for, and which times count as 'tired'."""

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, related_name="schedule_settings"
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        "length of a mentor meeting in minutes",
        default=45,
        validators=[MinValueValidator(15), MaxValueValidator(120)],
    )
    meeting_cadence = models.CharField(
        "how often mentor and ECT meet",
        max_length=11,
        choices=Cadence.choices,
        default=Cadence.WEEKLY,
    )
    observation_minutes = models.PositiveSmallIntegerField(
        "length of a fortnightly observation in minutes",
        default=25,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
        help_text="0 if observations are arranged by hand.",
    )
    review_minutes = models.PositiveSmallIntegerField(
        "length of a progress-review meeting in minutes",
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
        help_text="The induction tutor meets each ECT before a review or assessment is due. "
        "0 to leave these out.",
    )
    mentor_minutes_per_ect = models.PositiveSmallIntegerField(
        "mentor's weekly time for each ECT, in minutes",
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
        help_text="The protected time the school gives a mentor for each ECT, summed over "
        "their ECTs. The evaluation found mentors need 90 to 120 minutes a week per ECT.",
    )
    week_a_starts_on = models.DateField(
        "a Monday in week A",
        null=True,
        blank=True,
        help_text="Weeks alternate A, B, A… from this Monday. Leave empty on a one-week timetable.",
    )
    use_lunch = models.BooleanField("meetings may be held at lunch", default=True)
    use_after_school = models.BooleanField("meetings may be held after school", default=False)
    avoid_last_period = models.BooleanField("avoid the last lesson of the day", default=True)
    avoid_lunch = models.BooleanField("avoid lunch", default=True)
    avoid_after_school = models.BooleanField("avoid after school", default=True)
    allow_cover = models.BooleanField(
        "observations may ask for the mentor's class to be covered", default=True
    )

    def __str__(self) -> str:
        return f"Scheduling settings of {self.school}"

    def week_of(self, day: date) -> str:
        """Week A or B of the cycle for the week containing this day. A one-week timetable
        has the same lessons in both, but fortnightly meetings still alternate."""
        anchor = self.week_a_starts_on or DEFAULT_WEEK_A
        weeks = (_first_monday(day) - _first_monday(anchor)).days // 7
        return "A" if weeks % 2 == 0 else "B"

    def usable(self, period: DayPeriod) -> bool:
        kind = DayPeriod.Kind
        return period.kind == kind.LESSON or (
            (period.kind == kind.LUNCH and self.use_lunch)
            or (period.kind == kind.AFTER_SCHOOL and self.use_after_school)
        )

    def tired(self, period: DayPeriod, last_lesson: bool) -> bool:
        kind = DayPeriod.Kind
        return (
            (last_lesson and self.avoid_last_period)
            or (period.kind == kind.LUNCH and self.avoid_lunch)
            or (period.kind == kind.AFTER_SCHOOL and self.avoid_after_school)
        )


def settings_for(school: School) -> ScheduleSettings:
    found = ScheduleSettings.objects.filter(school=school).select_related("school").first()
    return found or ScheduleSettings(school=school)


class TimetableUpload(models.Model):
    """A file waiting to be imported: checked and previewed before anything is saved."""

    class Kind(models.TextChoices):
        DAY = "day", "School day"
        STAFF = "staff", "Staff timetables"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.filename


class ScheduleRun(models.Model):
    """One run of the scheduler for a school (meetings, observations, review meetings) or a
    trust (central events), with its progress and what it found."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="schedule_runs"
    )
    trust = models.ForeignKey(
        Trust, null=True, blank=True, on_delete=models.CASCADE, related_name="schedule_runs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    parts_done = models.PositiveIntegerField(default=0)
    parts_total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    solver_status = models.CharField(max_length=10, blank=True)
    objective = models.IntegerField(null=True, blank=True)
    bound = models.IntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    placed = models.PositiveIntegerField(default=0)
    tasks = models.PositiveIntegerField(default=0)
    # [{"who": ..., "what": ..., "reason": ..., "fixes": [...]}], in words for the page.
    unplaced = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False, trust=None) | Q(trust__isnull=False, school=None),
                name="run_for_school_or_trust",
            )
        ]

    def __str__(self) -> str:
        return f"Schedule run {self.pk} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Slot(models.Model):
    """A recurring time in the two-week cycle: a mentor meeting, an observation or an
    induction tutor's review meeting. It repeats every fortnight in term time; a review
    meeting happens once, in the fortnight before its record is due."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Mentor meeting"
        OBSERVATION = "observation", "Observation"
        REVIEW = "review", "Progress review meeting"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="slots")
    run = models.ForeignKey(
        ScheduleRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="slots"
    )
    # The solver's task id: stable across runs, so pins survive a re-run.
    task_key = models.CharField(max_length=80)
    kind = models.CharField(max_length=11, choices=Kind.choices)
    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="slots")
    mentorship = models.ForeignKey(
        Mentorship, null=True, blank=True, on_delete=models.CASCADE, related_name="slots"
    )
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_slots",
    )
    week = models.CharField(max_length=1, choices=WEEK_CHOICES)
    period = models.ForeignKey(DayPeriod, on_delete=models.CASCADE, related_name="slots")
    minutes = models.PositiveSmallIntegerField()
    needs_cover = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    tired = models.BooleanField(default=False)
    on_release = models.BooleanField(default=False)
    due_on = models.DateField(null=True, blank=True, help_text="Review meetings: the deadline.")
    # Meetings before this day were not planned by this slot, so drift counts from here.
    since = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["week", "period__day", "period__starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["school", "task_key"], name="one_slot_per_task")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: week {self.week}, {self.period}"


class TrustEvent(models.Model):
    """A central event for a trust's mentors (training, a peer-learning group), placed by
    the scheduler where it clashes least with the schools' timetables."""

    class Kind(models.TextChoices):
        TRAINING = "training", "Mentor training"
        PEER_GROUP = "peer-group", "Mentor peer-learning group"

    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField(
        "length in minutes", validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    weeks = models.JSONField(
        default=list, help_text="The Mondays of the weeks it runs, as ISO dates."
    )
    schools = models.ManyToManyField(
        School, blank=True, related_name="+", help_text="Leave empty for every school's mentors."
    )
    # A mentor peer-learning group's meetings are for its members only.
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Only these people; leave empty for the mentors of the schools.",
    )
    day = models.PositiveSmallIntegerField(choices=DAY_CHOICES, null=True, blank=True)
    starts_at = models.TimeField(null=True, blank=True)
    clashes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Mentors who teach or meet at the chosen time."
    )
    pinned = models.BooleanField(default=False)
    run = models.ForeignKey(
        ScheduleRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )

    class Meta:
        ordering = ["trust", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def dates(self) -> list[date]:
        if self.day is None:
            return []
        return [date.fromisoformat(w) + timedelta(days=self.day) for w in self.weeks]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private, revocable address from which a calendar app reads one person's protected
    time. Whoever has the address can read it, so it is long, random and can be replaced."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"

"""People in dated roles: ECTs and their inductions, mentors, induction tutors, headteachers,
trust or LA coordinators, programme authors and evaluators."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisations.models import School, Trust
from people.periods import Period, PeriodQuerySet


class Role(models.TextChoices):
    ECT = "ect", "Early career teacher"
    MENTOR = "mentor", "Mentor"
    INDUCTION_TUTOR = "tutor", "Induction tutor"
    HEADTEACHER = "head", "Headteacher"
    COORDINATOR = "coordinator", "Trust or LA coordinator"
    PROGRAMME_AUTHOR = "author", "Programme author"
    EVALUATOR = "evaluator", "Evaluator"


SCHOOL_ROLES = {Role.ECT, Role.MENTOR, Role.INDUCTION_TUTOR, Role.HEADTEACHER}
TRUST_ROLES = {Role.COORDINATOR, Role.PROGRAMME_AUTHOR, Role.EVALUATOR}


class RolePeriodQuerySet(PeriodQuerySet):
    def at_school(self, school: School):
        return self.filter(school=school)

    def of_role(self, *roles: str):
        return self.filter(role__in=roles)


class RolePeriod(Period):
    """One person holding one role at one school (or, for trust-wide roles, one trust)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_periods"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="role_periods"
    )
    trust = models.ForeignKey(
        Trust, null=True, blank=True, on_delete=models.PROTECT, related_name="role_periods"
    )
    fte = models.DecimalField(
        "working pattern (FTE)",
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.10")), MaxValueValidator(Decimal("1.00"))],
        help_text="Full-time equivalent, for example 0.6 for three days a week.",
    )

    objects = RolePeriodQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(SCHOOL_ROLES), school__isnull=False, trust=None)
                    | Q(role__in=sorted(TRUST_ROLES), trust__isnull=False, school=None)
                ),
                name="role_period_has_right_organisation",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_period_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["role", "school", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} at {self.organisation}"

    @property
    def organisation(self) -> School | Trust | None:
        return self.school or self.trust

    def overlap_key(self) -> dict:
        # An ECT is placed at one school at a time; other roles may be held at several
        # organisations at once, but not twice at the same one.
        if self.role == Role.ECT:
            return {"person_id": self.person_id, "role": self.role}
        return {
            "person_id": self.person_id,
            "role": self.role,
            "school_id": self.school_id,
            "trust_id": self.trust_id,
        }


class InductionQuerySet(models.QuerySet):
    def placed_at(self, school: School, on: date | None = None):
        """Inductions of the ECTs placed at this school on that day."""
        placements = RolePeriod.objects.current(on).filter(role=Role.ECT, school=school)
        return self.filter(ect__in=placements.values("person"))

    def with_current_details(self, on: date | None = None):
        """Fetch the ECT, the current placement and the current mentor in a fixed number of
        queries, whatever the number of ECTs (dashboards list dozens)."""
        day = on or timezone.localdate()
        return self.select_related("ect", "programme").prefetch_related(
            models.Prefetch(
                "mentorships",
                queryset=Mentorship.objects.current(day).select_related("mentor"),
                to_attr="current_mentorships",
            ),
            models.Prefetch(
                "ect__role_periods",
                queryset=RolePeriod.objects.current(day)
                .filter(role=Role.ECT)
                .select_related("school")
                .prefetch_related("school__terms"),
                to_attr="current_placements",
            ),
        )


class Induction(models.Model):
    """One ECT's statutory induction: two years' equivalent, across however many schools."""

    class Phase(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        EARLY_YEARS = "early-years", "Early years"
        SPECIAL = "special", "Special"

    ect = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="induction"
    )
    started_on = models.DateField()
    phase = models.CharField(max_length=12, choices=Phase.choices)
    subjects = models.JSONField(default=list, blank=True, help_text="Subjects the ECT teaches.")
    ite_provider = models.CharField("ITE provider", max_length=200, blank=True)
    trn = models.CharField(
        "teacher reference number (TRN)",
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^\d{7}$", "A TRN is 7 digits, for example 1234567.")],
        help_text="7 digits. The appropriate body identifies the ECT by it.",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inductions",
    )
    completed_on = models.DateField(null=True, blank=True)

    objects = InductionQuerySet.as_manager()

    class Meta:
        ordering = ["started_on"]

    def __str__(self) -> str:
        return f"Induction of {self.ect}"

    def year(self, on: date | None = None) -> int:
        """Induction year 1 or 2: the second begins a year after the start."""
        day = on or timezone.localdate()
        anniversary = self.started_on.replace(year=self.started_on.year + 1)
        return 1 if day < anniversary else 2

    # Set by InductionQuerySet.with_current_details().
    current_mentorships: list["Mentorship"]

    @property
    def current_mentor(self):
        mentorships = getattr(self, "current_mentorships", None)
        if mentorships is None:
            mentorships = list(self.mentorships.current().select_related("mentor"))
        return mentorships[0].mentor if mentorships else None

    @property
    def current_placement(self) -> "RolePeriod | None":
        placements = getattr(self.ect, "current_placements", None)
        if placements is None:
            placements = list(
                self.ect.role_periods.current().filter(role=Role.ECT).select_related("school")
            )
        return placements[0] if placements else None


class MentorshipQuerySet(PeriodQuerySet):
    def for_mentor(self, user):
        return self.filter(mentor=user)


class Mentorship(Period):
    """Which mentor supports which ECT, from when to when."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentorships"
    )
    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="mentorships")
    safeguards = models.TextField(
        blank=True,
        help_text=(
            "Where the mentor is also the ECT's induction tutor: how mentoring and assessment "
            "are kept apart."
        ),
    )

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mentorship_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.induction.ect}"

    def overlap_key(self) -> dict:
        # One lead mentor at a time per ECT keeps responsibility clear.
        return {"induction_id": self.induction_id}

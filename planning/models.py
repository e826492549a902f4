"""Implementation planning: a school's or trust's plan for taking on the induction
programme, across the three levels the evaluation named (trust or LA, school, pair), with
an implementation team, a checklist with owners and due dates starting well before
September, and the leaders' reflections on their own context."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from organisations.models import School, Trust


class Level(models.TextChoices):
    TRUST = "trust", "Trust or local authority"
    SCHOOL = "school", "School"
    PAIR = "pair", "Mentor and ECT"


class Plan(models.Model):
    trust = models.ForeignKey(
        Trust, null=True, blank=True, on_delete=models.CASCADE, related_name="plans"
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="plans"
    )
    starts_year = models.PositiveSmallIntegerField(
        help_text="The calendar year of the September in which the programme starts."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trust__isnull=False, school=None) | Q(school__isnull=False, trust=None),
                name="plan_for_trust_or_school",
            ),
            models.UniqueConstraint(fields=["trust", "starts_year"], name="one_trust_plan_a_year"),
            models.UniqueConstraint(
                fields=["school", "starts_year"], name="one_school_plan_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"Plan for {self.organisation}, September {self.starts_year}"

    @property
    def organisation(self):
        return self.trust or self.school


class TeamMember(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    responsibility = models.CharField(max_length=120, help_text="For example 'Timetabling'.")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="one_place_in_a_team")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.responsibility}"


class Item(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=40, help_text="Which checklist entry this came from.")
    level = models.CharField(max_length=6, choices=Level.choices)
    title = models.CharField(max_length=200)
    why = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Reflection(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reflections")
    prompt = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "prompt"], name="one_reflection_a_prompt")
        ]

    def __str__(self) -> str:
        return f"{self.prompt}: {self.text[:40]}"

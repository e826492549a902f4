"""The audit log: who read or changed a statutory assessment record, who exported what, and
who changed someone's role, with when. Assessment records are confidential and kept for
years, so their induction tutors and headteacher can see every access to them."""

from django.conf import settings
from django.db import models

from organisations.models import School
from people.models import Induction


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"
        PERMISSION = "permission", "Changed a role"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=80, help_text="For example 'progress review 2'.")
    induction = models.ForeignKey(
        Induction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    path = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["school", "-at"], name="audit_by_school")]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display().lower()} {self.what} at {self.at}"

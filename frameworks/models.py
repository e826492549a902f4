"""A professional development framework (ECF 2019, ITTECF 2024, or Tandem's sample): eight
areas matching the Teachers' Standards, each with numbered 'learn that' and 'learn how to'
statements. Frameworks are national, so every signed-in person may read them."""

from django.db import models

# The eight areas every framework in England is organised by, numbered as in the
# Teachers' Standards. Imports name an area by this number.
AREAS = {
    1: "High expectations",
    2: "How pupils learn",
    3: "Subject and curriculum",
    4: "Classroom practice",
    5: "Adaptive teaching",
    6: "Assessment",
    7: "Managing behaviour",
    8: "Professional behaviours",
}


class Framework(models.Model):
    name = models.CharField(max_length=120)
    version = models.CharField(max_length=40, help_text="For example 'ITTECF 2024'")
    is_sample = models.BooleanField(
        default=False, help_text="Written by the Tandem project for demonstration, not official."
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="framework_name_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(choices=sorted(AREAS.items()))
    title = models.CharField(max_length=120)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="one_area_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Statement(models.Model):
    class Kind(models.TextChoices):
        LEARN_THAT = "learn_that", "Learn that"
        LEARN_HOW = "learn_how", "Learn how to"

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="statements")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="statements")
    code = models.CharField(max_length=20, help_text="Unique within the framework, e.g. '2.3'")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="statement_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

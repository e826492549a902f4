"""Forms for open classrooms, learning notes and shared materials."""

from django import forms
from django.utils import timezone

from community.models import LearningNote, OpenClassroom, SharedMaterial
from frameworks.models import Area, Framework
from tandem.forms import DateInput, GovukModelForm


def areas(framework: Framework | None = None):
    """The framework's areas: the ECT's programme's, or the most recently imported."""
    framework = framework or Framework.objects.order_by("-imported_at").first()
    return Area.objects.filter(framework=framework).order_by("number")


class _AreaMixin:
    def setup_area(self, framework=None):
        self.fields["area"].queryset = areas(framework)
        self.fields["area"].label_from_instance = lambda a: f"{a.number}. {a.title}"


class OpenClassroomForm(_AreaMixin, GovukModelForm):
    class Meta:
        model = OpenClassroom
        fields = ["practice", "area", "class_taught", "held_on", "starts_at", "minutes", "places"]
        widgets = {"held_on": DateInput(), "starts_at": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area()

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day < timezone.localdate():
            raise forms.ValidationError("The date must be today or later.")
        if day.weekday() > 4:
            raise forms.ValidationError("Choose a school day, Monday to Friday.")
        return day


class LearningNoteForm(_AreaMixin, GovukModelForm):
    class Meta:
        model = LearningNote
        fields = ["kind", "seen_on", "area", "what_learned", "try_next"]
        labels = {"kind": "What you watched"}
        widgets = {
            "kind": forms.RadioSelect,
            "seen_on": DateInput(),
            "what_learned": forms.Textarea(attrs={"rows": 3}),
            "try_next": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "what_learned": "About the practice, not the teacher: this is your learning, not "
            "a judgement of a colleague.",
        }

    def __init__(self, *args, framework=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area(framework)
        self.fields["kind"].choices = LearningNote.Kind.choices

    def clean_seen_on(self):
        day = self.cleaned_data["seen_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return day


class SharedMaterialForm(_AreaMixin, GovukModelForm):
    link = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="Where to find it, if it is online.",
    )

    class Meta:
        model = SharedMaterial
        fields = ["title", "area", "why_useful", "link"]
        widgets = {"why_useful": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_area()

"""Forms for open classrooms, learning notes and shared materials."""

from django import forms
from django.utils import timezone

from community.models import GroupPost, LearningNote, OpenClassroom, SharedMaterial
from frameworks.models import Area, Framework
from tandem.forms import DateInput, GovukForm, GovukModelForm


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


class GroupForm(GovukForm):
    name = forms.CharField(label="Name of the group", max_length=120)
    members = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Mentors in the group"
    )

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = mentors
        self.fields["members"].label_from_instance = lambda person: person.full_name
        self.fields["members"].error_messages["required"] = "Choose at least one mentor."


class PostForm(GovukForm):
    kind = forms.ChoiceField(
        label="What are you adding?", choices=GroupPost.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="Your post", max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplyForm(GovukForm):
    text = forms.CharField(
        label="Your reply", max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )


class GroupMeetingsForm(GovukForm):
    minutes = forms.IntegerField(
        label="Length of each meeting in minutes", min_value=15, max_value=180
    )
    weeks_text = forms.CharField(
        label="Weeks it meets",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One date per line, as DD/MM/YYYY: any day in the week. The trust's event "
        "scheduler chooses the day and time that suit the members best.",
    )

    def clean_weeks_text(self):
        from scheduling.forms import mondays_from

        return mondays_from(self.cleaned_data["weeks_text"])

"""The observation form: one page that records what the mentor saw, follows up the open
target and sets the next one, so a mentor can do it on a phone straight after a lesson."""

from django import forms
from django.utils import timezone

from coaching.models import AgendaItem, FollowUp, Reflection, Target
from frameworks.models import Framework
from people.models import Induction
from tandem.forms import DateInput, GovukForm, GovukModelForm

TARGET_FIELDS = ["statement", "description", "grade", "modelling", "practice", "practise_by"]


def statement_choices(framework: Framework) -> list:
    """Statements grouped by area, for a select a mentor can scan on a phone. The field only
    accepts these, so a statement from another framework is refused there."""
    groups: dict[str, list] = {}
    for statement in framework.statements.select_related("area").order_by("position"):
        label = f"{statement.area.number}. {statement.area.title}"
        text = statement.text if len(statement.text) < 90 else statement.text[:87] + "…"
        groups.setdefault(label, []).append((statement.pk, f"{statement.code} {text}"))
    return [("", "Choose a statement")] + list(groups.items())


class ObservationForm(GovukForm):
    observed_on = forms.DateField(label="Date of the observation", widget=DateInput)
    minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=5,
        max_value=120,
        initial=15,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    class_taught = forms.CharField(
        label="Class", max_length=120, help_text="For example 'Year 9 science'."
    )
    area = forms.ModelChoiceField(queryset=None, label="Focus area", empty_label="Choose an area")
    what_seen = forms.CharField(label="What you saw", widget=forms.Textarea(attrs={"rows": 5}))
    strengths = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    outcome = forms.ChoiceField(
        label="How did the open target go?",
        choices=FollowUp.Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    follow_up_note = forms.CharField(
        label="Note on the open target", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    statement = forms.TypedChoiceField(
        label="Statement the target is tied to", coerce=int, required=False
    )
    description = forms.CharField(
        label="The target",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "One precise step the ECT can practise, for example 'Wait three seconds after "
            "each question before taking answers'."
        ),
    )
    grade = forms.ChoiceField(
        label="Where the ECT is with it",
        choices=Target.Grade.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    modelling = forms.CharField(
        label="How you will model it", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    practice = forms.CharField(
        label="What the ECT will practise", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    practise_by = forms.DateField(label="Try it by", required=False, widget=DateInput)

    def __init__(
        self,
        *args,
        induction: Induction,
        framework: Framework,
        open_target: Target | None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.induction = induction
        self.open_target = open_target
        self.fields["area"].queryset = framework.areas.all()
        self.fields["statement"].choices = statement_choices(framework)
        if open_target is None:
            del self.fields["outcome"]
            del self.fields["follow_up_note"]
        else:
            self.fields["outcome"].required = True

    def clean_observed_on(self):
        return not_future_nor_before_start(self.cleaned_data["observed_on"], self.induction)

    def wants_new_target(self) -> bool:
        return any(self.cleaned_data.get(name) for name in TARGET_FIELDS)

    def clean(self):
        data = super().clean()
        if not self.wants_new_target():
            return data
        if self.open_target is not None and data.get("outcome") == FollowUp.Outcome.KEEP:
            raise forms.ValidationError(
                "The open target is still being worked on, so a second target cannot be set. "
                "Choose 'secure' or 'change the target' to set a new one."
            )
        for name in TARGET_FIELDS:
            if not data.get(name) and name not in self.errors:
                message = {
                    "statement": "Choose the statement the target is tied to.",
                    "grade": "Choose where the ECT is with this target.",
                    "practise_by": "Enter the date by which the ECT will try it.",
                }.get(name, "Enter this to set the target, or leave every target field empty.")
                self.add_error(name, message)
        practise_by, observed_on = data.get("practise_by"), data.get("observed_on")
        if practise_by and observed_on and practise_by < observed_on:
            self.add_error("practise_by", "The practice date cannot be before the observation.")
        return data


class ReflectionForm(GovukModelForm):
    class Meta:
        model = Reflection
        fields = ["text"]
        labels = {"text": "Your reflection"}
        help_texts = {
            "text": "Only you can see this, unless you choose to share it with your mentor."
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


def not_future_nor_before_start(day, induction: Induction):
    """Coaching records happen between the start of induction and today."""
    if day > timezone.localdate():
        raise forms.ValidationError("The date cannot be in the future.")
    if day < induction.started_on:
        raise forms.ValidationError(
            f"The date cannot be before the induction started ({induction.started_on:%-d %B %Y})."
        )
    return day


class MeetingForm(GovukForm):
    held_on = forms.DateField(label="Date of the meeting", widget=DateInput)
    minutes = forms.IntegerField(
        label="Time spent in minutes", min_value=5, max_value=180, initial=30
    )
    outcomes = forms.CharField(
        label="Outcomes",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you agreed, in a few lines. No evidence to collect.",
    )

    def __init__(self, *args, induction: Induction, **kwargs):
        super().__init__(*args, **kwargs)
        self.induction = induction

    def clean_held_on(self):
        return not_future_nor_before_start(self.cleaned_data["held_on"], self.induction)


class CheckInForm(GovukForm):
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=60, initial=5)
    outcomes = forms.CharField(label="Note (optional)", required=False, max_length=300)


class AgendaItemForm(GovukModelForm):
    class Meta:
        model = AgendaItem
        fields = ["text"]
        labels = {"text": "What I want to talk about at the next meeting"}

"""The starting-point review, a pull-forward, and progress on one study part."""

from django import forms

from frameworks.models import AREAS
from pathways.models import PartProgress, Standing, StartingPointReview
from tandem.forms import GovukForm, GovukModelForm

AREA_CHOICES = [(n, f"{n}. {title}") for n, title in AREAS.items()]


class StartingPointForm(GovukModelForm):
    school_priorities = forms.TypedMultipleChoiceField(
        label="The school's priorities this year",
        choices=AREA_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Areas the school is working on; they come a little earlier.",
    )

    class Meta:
        model = StartingPointReview
        fields = ["ite_targets", "prior_experience"]
        widgets = {
            "ite_targets": forms.Textarea(attrs={"rows": 2}),
            "prior_experience": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, previous: StartingPointReview | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for number, label in AREA_CHOICES:
            self.fields[f"area_{number}"] = forms.ChoiceField(
                label=label,
                choices=Standing.choices,
                widget=forms.RadioSelect,
                initial=previous.standing(number) if previous else None,
                error_messages={"required": f"Choose where the ECT is in {label[3:].lower()}."},
            )
            self.fields[f"area_{number}"].widget.template_name = "forms/widgets/govuk_radios.html"
        if previous is not None:
            self.fields["ite_targets"].initial = previous.ite_targets
            self.fields["prior_experience"].initial = previous.prior_experience
            self.fields["school_priorities"].initial = previous.school_priorities
        # Areas first, as the review is mostly about them.
        order = [f"area_{n}" for n, _ in AREA_CHOICES]
        self.order_fields(order + ["ite_targets", "prior_experience", "school_priorities"])

    def areas(self) -> dict[str, str]:
        return {str(n): self.cleaned_data[f"area_{n}"] for n, _ in AREA_CHOICES}


class PullForwardForm(GovukForm):
    session = forms.TypedChoiceField(label="Topic to bring forward", coerce=int)
    reason = forms.CharField(
        label="Why now?",
        max_length=300,
        help_text="For example 'My first A-level class starts next week'.",
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", "Choose a session")] + [
            (s.pk, s.title) for s in sessions
        ]


class PartProgressForm(GovukModelForm):
    done = forms.BooleanField(label="Done", required=False)

    class Meta:
        model = PartProgress
        fields = ["minutes", "verdict", "note"]
        labels = {"minutes": "Time spent (minutes)", "verdict": "Was it useful?"}
        widgets = {
            "minutes": forms.NumberInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}
            ),
            "verdict": forms.RadioSelect,
            "note": forms.TextInput(attrs={"placeholder": ""}),
        }
        help_texts = {"note": "Optional: what made it useful, or why not now."}

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        if minutes is not None and not 1 <= minutes <= 240:
            raise forms.ValidationError("Enter the minutes you spent, from 1 to 240.")
        return minutes

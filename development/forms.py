"""Forms for the mentor's record: a part done, a unit known, the skills review."""

from django import forms

from development.models import LEVELS, SKILLS
from tandem.forms import GovukForm

KNOWN_CHECK_MIN = 100


class PartForm(GovukForm):
    minutes = forms.IntegerField(label="Time spent in minutes", min_value=1, max_value=240)
    note = forms.CharField(
        label="Reflection (optional)",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class KnownForm(GovukForm):
    answer = forms.CharField(
        label="In your own words: how do you already do what this unit is about, and what "
        "happened the last time you did it with an ECT?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if len(answer) < KNOWN_CHECK_MIN:
            raise forms.ValidationError(
                f"Write at least {KNOWN_CHECK_MIN} characters: a few sentences from your own "
                "practice."
            )
        return answer


class SkillReviewForm(GovukForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SKILLS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=LEVELS, coerce=int, widget=forms.RadioSelect
            )
            self.fields[key].error_messages["required"] = f"Choose a level for '{label}'."
        self.fields["note"] = forms.CharField(
            label="What I want to work on next",
            required=False,
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

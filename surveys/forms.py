"""Forms to define a survey, its questions and waves, and the form a person answers."""

from django import forms
from django.utils import timezone

from surveys.models import LIKERT, THEMES, Audience, Question, Survey, Wave
from tandem.forms import DateInput, GovukForm, GovukModelForm


class SurveyForm(GovukModelForm):
    audience = forms.MultipleChoiceField(
        choices=Audience.choices, widget=forms.CheckboxSelectMultiple, label="Who is asked"
    )
    sample = forms.BooleanField(
        required=False,
        label="Start from Tandem's sample questionnaire",
        help_text="Sixteen questions on time, relevance, mentoring, workload, confidence and "
        "support from leaders. You can add your own after.",
        initial=True,
    )

    class Meta:
        model = Survey
        fields = ["title", "introduction", "audience"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(GovukModelForm):
    options_text = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For 'one of several options' only: one option a line, two to eight.",
    )

    class Meta:
        model = Question
        fields = ["text", "theme", "kind"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Choose a theme"), *THEMES]

    def clean(self):
        data = super().clean()
        options = [o.strip() for o in data.get("options_text", "").splitlines() if o.strip()]
        if data.get("kind") == Question.Kind.CHOICE:
            if not 2 <= len(options) <= 8:
                self.add_error("options_text", "Give two to eight options, one a line.")
            elif len(set(options)) != len(options):
                self.add_error("options_text", "Each option must be different.")
            elif any(len(o) > 100 for o in options):
                self.add_error("options_text", "Keep each option under 100 characters.")
        elif options:
            self.add_error("options_text", "Only 'one of several options' questions have options.")
        self.instance.options = options if data.get("kind") == Question.Kind.CHOICE else []
        return data


class WaveForm(GovukModelForm):
    class Meta:
        model = Wave
        fields = ["name", "opens_on", "closes_on", "remind_after_days"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The wave must close on or after the day it opens.")
        if closes and closes < timezone.localdate():
            self.add_error("closes_on", "The closing date has passed; choose a later one.")
        remind = data.get("remind_after_days")
        if remind is not None and not 1 <= remind <= 60:
            self.add_error("remind_after_days", "Remind after 1 to 60 days.")
        return data


class AnswerForm(GovukForm):
    """One field per question; none is required, since people may skip what they prefer
    not to answer."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for q in questions:
            if q.kind == Question.Kind.LIKERT:
                field = forms.TypedChoiceField(
                    choices=LIKERT, coerce=int, widget=forms.RadioSelect, required=False
                )
            elif q.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(
                    choices=[(o, o) for o in q.options], widget=forms.RadioSelect, required=False
                )
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
                )
            field.label = q.text
            self.fields[q.code] = field
        self.govuk_widgets()

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def clean(self):
        data = super().clean()
        if not any(v not in (None, "") for v in data.values()):
            raise forms.ValidationError("Answer at least one question, or leave the survey.")
        return data

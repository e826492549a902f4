"""Forms for the statutory records. Each editable record carries its version, so a save
that would overwrite someone else's change is refused (tandem.concurrency)."""

from django import forms
from django.utils import timezone

from assessments.models import TEACHERS_STANDARDS, Absence, FormalAssessment, ProgressReview
from people.models import Induction
from tandem.concurrency import VersionField
from tandem.forms import DateInput, GovukForm, GovukModelForm


class AbsenceForm(GovukModelForm):
    class Meta:
        model = Absence
        fields = ["starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def __init__(self, *args, induction: Induction, **kwargs):
        super().__init__(*args, **kwargs)
        self.induction = induction

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and starts_on < self.induction.started_on:
            self.add_error(
                "starts_on",
                "Absence before induction started "
                f"({self.induction.started_on:%-d %B %Y}) does not count.",
            )
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", "The last day absent must be on or after the first.")
            else:
                clash = self.induction.absences.filter(
                    starts_on__lte=ends_on, ends_on__gte=starts_on
                ).first()
                if clash:
                    self.add_error(
                        "starts_on",
                        f"This overlaps the absence already recorded from "
                        f"{clash.starts_on:%-d %B %Y} to {clash.ends_on:%-d %B %Y}.",
                    )
        return data


class ProgressReviewForm(GovukModelForm):
    version = VersionField()

    class Meta:
        model = ProgressReview
        fields = ["on_track", "evidence", "targets", "support"]
        widgets = {
            "on_track": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 5}),
            "targets": forms.Textarea(attrs={"rows": 3}),
            "support": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("on_track") == ProgressReview.OnTrack.NO and not data.get("support"):
            self.add_error(
                "support", "Say what support is being put in place, as the ECT is not on track."
            )
        return data


class FormalAssessmentForm(GovukModelForm):
    version = VersionField()

    class Meta:
        model = FormalAssessment
        fields = ["judgement", "evidence"]
        widgets = {"judgement": forms.RadioSelect, "evidence": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, point: int, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = FormalAssessment.JUDGEMENTS[point]
        self.fields["judgement"].choices = [(j.value, j.label) for j in allowed]
        saved = self.instance.standards if self.instance.pk else {}
        for code, label in TEACHERS_STANDARDS:
            self.fields[f"standard_{code}"] = forms.CharField(
                label=label,
                required=False,
                initial=saved.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def standards(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"standard_{code}"].strip()
            for code, _ in TEACHERS_STANDARDS
            if self.cleaned_data.get(f"standard_{code}", "").strip()
        }


class EctConfirmForm(GovukForm):
    ect_comments = forms.CharField(
        label="Your comments (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="They are added to the record that goes to the appropriate body.",
    )


class SentForm(GovukForm):
    sent_on = forms.DateField(label="Date sent to the appropriate body", widget=DateInput)

    def __init__(self, *args, completed_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.completed_on = completed_on

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on > timezone.localdate():
            raise forms.ValidationError("The date sent cannot be in the future.")
        if self.completed_on and sent_on < self.completed_on:
            raise forms.ValidationError(
                f"The record was completed on {self.completed_on:%-d %B %Y}; it cannot have "
                "been sent before then."
            )
        return sent_on

"""Forms for the provision map: an item, an upload, a statement added by hand, a decision."""

from django import forms

from frameworks.models import Statement
from provision.models import Decision, ProvisionItem
from tandem.forms import DateInput, GovukForm, GovukModelForm


class ItemForm(GovukModelForm):
    class Meta:
        model = ProvisionItem
        fields = [
            "title",
            "description",
            "audience",
            "induction_year",
            "starts_on",
            "ends_on",
            "hours",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.RadioSelect,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["induction_year"].choices = [("", "Either year"), (1, "Year 1"), (2, "Year 2")]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last date must be on or after the first date.")
        return data


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="CSV (UTF-8) or Excel (.xlsx), with the columns described on this page.",
    )


class AddStatementForm(GovukForm):
    statement = forms.ModelChoiceField(
        queryset=Statement.objects.none(),
        label="Add a statement it covers",
        help_text="If the suggestions missed one.",
        empty_label="Choose a statement",
    )

    def __init__(self, *args, framework=None, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["statement"]
        field.queryset = Statement.objects.filter(framework=framework).exclude(pk__in=exclude)
        field.label_from_instance = lambda s: f"{s.code} {s.text[:90]}"


class DecisionForm(GovukModelForm):
    class Meta:
        model = Decision
        fields = ["choice", "reason"]
        labels = {"choice": "What should happen?"}
        widgets = {"choice": forms.RadioSelect}

    def clean(self):
        data = super().clean()
        if data.get("choice") == Decision.Choice.KEEP_BOTH and not data.get("reason", "").strip():
            self.add_error("reason", "Say why ECTs should spend time on both.")
        return data

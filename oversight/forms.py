"""Forms: a pulse check, a message to the tutor or mentor, notification choices."""

from django import forms

from oversight.models import Kind, PairNote, PulseCheck
from tandem.forms import GovukForm, GovukModelForm


class PulseForm(GovukModelForm):
    class Meta:
        model = PulseCheck
        fields = ["workload", "confidence", "supported"]
        widgets = dict.fromkeys(fields, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.choices = [c for c in field.choices if c[0] != ""]
            field.error_messages["required"] = f"Choose an answer for '{field.label}'."


class NoteForm(GovukModelForm):
    class Meta:
        model = PairNote
        fields = ["text"]
        labels = {"text": "Your message"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class PreferencesForm(GovukForm):
    """Two checkboxes a kind: in Tandem, and by email."""

    def __init__(self, *args, chosen: dict[str, tuple[bool, bool]], kinds: list[str], **kw):
        super().__init__(*args, **kw)
        for kind in kinds:
            in_app, by_email = chosen.get(kind, (True, True))
            label = Kind(kind).label
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=f"{label}: in Tandem", required=False, initial=in_app
            )
            self.fields[f"{kind}__by_email"] = forms.BooleanField(
                label=f"{label}: by email", required=False, initial=by_email
            )

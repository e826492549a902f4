from django import forms

from api.models import SCOPES
from tandem.forms import GovukForm


class TokenForm(GovukForm):
    name = forms.CharField(max_length=100, help_text="What will use it, e.g. 'MIS sync'.")
    scopes = forms.MultipleChoiceField(
        choices=sorted(SCOPES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Give it only what it needs.",
    )

from django import forms

from tandem.forms import GovukForm


class FrameworkImportForm(GovukForm):
    name = forms.CharField(max_length=120, help_text="For example 'Early Career Framework'")
    version = forms.CharField(max_length=40, help_text="For example 'ITTECF 2024'")
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: area, code, kind, text. See the format guide below.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

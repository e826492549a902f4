"""GOV.UK Frontend markup for every Django form (ours and allauth's), so each form looks and
behaves like the DfE services school staff already use: labels, hints, inline errors and an
error summary that links to each field."""

from django import forms
from django.forms.renderers import DjangoTemplates

# (widget class, GOV.UK class, GOV.UK error modifier); the first match wins.
_GOVUK_CLASSES = [
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "govuk-radios__input", ""),
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.Widget, "govuk-input", "govuk-input--error"),
]


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


def govuk_widget_attrs(field: forms.BoundField) -> dict[str, str]:
    """The class and aria-describedby a GOV.UK field's control needs."""
    widget = field.field.widget
    css, error_css = next((c, e) for kind, c, e in _GOVUK_CLASSES if isinstance(widget, kind))
    classes = [css, widget.attrs.get("class", "")]
    if field.errors and error_css:
        classes.append(error_css)
    attrs = {"class": " ".join(c for c in classes if c)}
    described_by = [f"{field.auto_id}-hint"] if field.help_text else []
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return attrs


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class GovukMixin:
    """Gives multiple-choice widgets the GOV.UK checkbox and radio markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.govuk_widgets()

    def govuk_widgets(self) -> None:
        """Apply the GOV.UK markup; call again after adding fields."""
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.template_name = "forms/widgets/govuk_checkboxes.html"
            elif isinstance(field.widget, forms.RadioSelect):
                field.widget.template_name = "forms/widgets/govuk_radios.html"
                if field.required and hasattr(field, "choices"):
                    # A model field's choices come with Django's "---------" for a select;
                    # as a radio button it would be an option nobody may choose.
                    field.choices = [(k, v) for k, v in field.choices if k not in ("", None)]


class GovukForm(GovukMixin, forms.Form):
    pass


class GovukModelForm(GovukMixin, forms.ModelForm):
    pass

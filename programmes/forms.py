from django import forms

from programmes.content_files import PHASES
from programmes.models import Session, StudyPart
from tandem.forms import GovukForm, GovukModelForm


class ProgrammeImportForm(GovukForm):
    file = forms.FileField(
        label="Zip file of the programme folder",
        help_text="The folder holds programme.yaml and a sessions folder: see the guide below.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    owner = forms.ModelChoiceField(queryset=None, label="Trust", empty_label=None)

    def __init__(self, *args, trusts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = trusts


class SessionForm(GovukModelForm):
    statement_codes = forms.CharField(
        label="Framework statements",
        required=False,
        help_text="Codes separated by commas, for example 7.1, 7.4",
    )
    phases = forms.MultipleChoiceField(
        choices=[(p, p.replace("-", " ").capitalize()) for p in sorted(PHASES)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty if the session suits every phase.",
    )
    subject_list = forms.CharField(
        label="Subjects",
        required=False,
        help_text="Leave empty if the session suits every subject; otherwise separate with commas.",
    )

    class Meta:
        model = Session
        fields = [
            "title",
            "summary",
            "mentor_focus",
            "mentor_look_fors",
            "mentor_modelling",
            "mentor_practice",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[1:]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        session = self.instance
        self.fields["statement_codes"].initial = ", ".join(
            s.code for s in session.statements.order_by("position")
        )
        self.fields["phases"].initial = session.phases
        self.fields["subject_list"].initial = ", ".join(session.subjects)
        self.framework = session.module.year.programme.framework

    def clean_statement_codes(self):
        codes = [c.strip() for c in self.cleaned_data["statement_codes"].split(",") if c.strip()]
        found = {s.code: s for s in self.framework.statements.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                f"Unknown statement{'s' if len(unknown) > 1 else ''} in {self.framework}: "
                + ", ".join(unknown)
            )
        return [found[c] for c in codes]

    def save(self, commit=True):
        session = super().save(commit=False)
        session.phases = self.cleaned_data["phases"]
        session.subjects = [
            s.strip() for s in self.cleaned_data["subject_list"].split(",") if s.strip()
        ]
        session.save()
        session.statements.set(self.cleaned_data["statement_codes"])
        return session


class StudyPartForm(GovukModelForm):
    url = forms.URLField(label="Link (optional)", required=False, assume_scheme="https")

    class Meta:
        model = StudyPart
        fields = ["kind", "title", "minutes", "url", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


StudyPartFormSet = forms.inlineformset_factory(
    Session,
    StudyPart,
    form=StudyPartForm,
    extra=1,
    can_delete=True,
    min_num=1,
    validate_min=True,
)

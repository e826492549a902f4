"""Term dates, which decide when programme sessions run and when statutory reviews fall due."""

from django import forms

from organisations.models import School, Term
from tandem.forms import DateInput, GovukModelForm


class TermForm(GovukModelForm):
    class Meta:
        model = Term
        fields = ["name", "starts_on", "half_term_starts_on", "half_term_ends_on", "ends_on"]
        labels = {
            "starts_on": "First day of term",
            "half_term_starts_on": "First day of the half-term break",
            "half_term_ends_on": "Last day of the half-term break",
            "ends_on": "Last day of term",
        }
        widgets = {name: DateInput() for name in fields[1:]}

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        break_starts, break_ends = data.get("half_term_starts_on"), data.get("half_term_ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The last day of term must be after the first day.")
            return data
        if bool(break_starts) != bool(break_ends):
            self.add_error(
                "half_term_ends_on" if break_starts else "half_term_starts_on",
                "Give both days of the half-term break, or neither.",
            )
        elif break_starts and starts and ends:
            if break_ends < break_starts:
                self.add_error("half_term_ends_on", "The break must end on or after it starts.")
            elif not (starts < break_starts and break_ends < ends):
                self.add_error(
                    "half_term_starts_on", "The half-term break must fall inside the term."
                )
        if starts and ends:
            clash = (
                self.school.terms.filter(starts_on__lte=ends, ends_on__gte=starts)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash:
                raise forms.ValidationError(f"These dates overlap {clash.name}.")
        return data

    def save(self, commit: bool = True) -> Term:
        self.instance.school = self.school
        return super().save(commit)

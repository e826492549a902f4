"""Forms for timetables, scheduling settings, moving a slot and trust events."""

from datetime import date

from django import forms

from organisations.models import School
from scheduling.models import ScheduleSettings, TrustEvent
from tandem.forms import DateInput, GovukForm, GovukModelForm


class TimetableUploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="CSV (UTF-8) or Excel (.xlsx), with the columns described on this page.",
    )


class ScheduleSettingsForm(GovukModelForm):
    class Meta:
        model = ScheduleSettings
        fields = [
            "meeting_minutes",
            "meeting_cadence",
            "observation_minutes",
            "review_minutes",
            "mentor_minutes_per_ect",
            "week_a_starts_on",
            "use_lunch",
            "use_after_school",
            "avoid_last_period",
            "avoid_lunch",
            "avoid_after_school",
            "allow_cover",
        ]
        widgets = {"week_a_starts_on": DateInput(), "meeting_cadence": forms.RadioSelect}

    def clean_week_a_starts_on(self):
        day = self.cleaned_data.get("week_a_starts_on")
        if day and day.weekday() != 0:
            raise forms.ValidationError("Give a Monday: the first day of a week A.")
        return day

    def clean(self):
        data = super().clean()
        school = self.instance.school
        longest = max((p.minutes for p in school.day_periods.all()), default=None)
        minutes = data.get("meeting_minutes")
        if longest is not None and minutes and minutes > longest:
            self.add_error(
                "meeting_minutes",
                f"A meeting must fit in one period; the longest period is {longest} minutes.",
            )
        if school.timetable_weeks == 2 and not data.get("week_a_starts_on"):
            self.add_error(
                "week_a_starts_on", "On a two-week timetable, say which Monday starts a week A."
            )
        return data


class MoveSlotForm(GovukForm):
    choice = forms.ChoiceField(label="New time", widget=forms.RadioSelect)

    def __init__(self, *args, options: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = options
        self.fields["choice"].error_messages["invalid_choice"] = (
            "Choose one of the times listed: the others are no longer free."
        )
        self.fields["choice"].error_messages["required"] = "Choose a new time."


def mondays_from(text: str) -> list[str]:
    """The Mondays (ISO dates) of the weeks named one date per line, or a ValidationError
    naming each line that is not a date."""
    mondays, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry:
            continue
        try:
            day_, month, year = (int(part) for part in entry.split("/"))
            day = date(year, month, day_)
        except ValueError:
            problems.append(f"Line {number}: '{entry}' is not a date like 14/01/2027.")
            continue
        monday = date.fromordinal(day.toordinal() - day.weekday()).isoformat()
        if monday not in mondays:
            mondays.append(monday)
    if problems:
        raise forms.ValidationError(problems)
    if not mondays:
        raise forms.ValidationError("Give at least one date.")
    return sorted(mondays)


class TrustEventForm(GovukModelForm):
    weeks_text = forms.CharField(
        label="Weeks it runs",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One date per line, as DD/MM/YYYY: any day in the week. Tandem chooses the "
        "day and time.",
    )

    class Meta:
        model = TrustEvent
        fields = ["title", "kind", "minutes", "schools"]
        widgets = {"schools": forms.CheckboxSelectMultiple, "kind": forms.RadioSelect}

    def __init__(self, *args, trust, **kwargs):
        super().__init__(*args, **kwargs)
        self.trust = trust
        self.fields["schools"].queryset = School.objects.filter(trust=trust)
        self.fields["schools"].required = False
        self.fields["kind"].choices = TrustEvent.Kind.choices  # no empty choice among radios

    def clean_weeks_text(self) -> list[str]:
        return mondays_from(self.cleaned_data["weeks_text"])

    def save(self, commit: bool = True) -> TrustEvent:
        self.instance.trust = self.trust
        self.instance.weeks = self.cleaned_data["weeks_text"]
        return super().save(commit)

"""Forms that change who is where: adding a person in a role, ending a role, changing a
mentor. Each validates dates (no end before start, no overlapping periods of one role)."""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from organisations.models import School
from people.models import Induction, Mentorship, Role, RolePeriod
from tandem.forms import DateInput, GovukForm, GovukModelForm

User = get_user_model()


class AddRoleForm(GovukForm):
    email = forms.EmailField(help_text="Their school email address: they sign in with it.")
    full_name = forms.CharField(
        max_length=200, help_text="Needed only for someone new to Tandem.", required=False
    )
    role = forms.ChoiceField(
        choices=[
            (r.value, r.label)
            for r in Role
            if r in (Role.ECT, Role.MENTOR, Role.INDUCTION_TUTOR, Role.HEADTEACHER)
        ],
        widget=forms.RadioSelect,
    )
    starts_on = forms.DateField(label="Starts on", widget=DateInput)
    ends_on = forms.DateField(label="Ends on (optional)", widget=DateInput, required=False)
    fte = forms.DecimalField(
        label="Working pattern (FTE)",
        min_value=0.1,
        max_value=1,
        decimal_places=2,
        initial=1,
        help_text="1 for full time; 0.6 for three days a week.",
    )
    phase = forms.ChoiceField(
        label="ECT's phase",
        choices=[("", "Choose a phase")] + list(Induction.Phase.choices),
        required=False,
        help_text="For a new ECT only.",
    )
    subjects = forms.CharField(
        required=False, help_text="For a new ECT only: subjects they teach, separated by commas."
    )
    ite_provider = forms.CharField(
        label="ITE provider", required=False, help_text="For a new ECT only."
    )

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean(self):
        data = super().clean()
        email = (data.get("email") or "").lower()
        self.person = User.objects.filter(email=email).first() if email else None
        if email and self.person is None and not data.get("full_name"):
            self.add_error(
                "full_name", "Enter their full name: nobody with this email is in Tandem yet."
            )
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date must be on or after the start date.")
            return data
        role = data.get("role")
        if role == Role.ECT:
            has_induction = self.person is not None and hasattr(self.person, "induction")
            if not has_induction and not data.get("phase"):
                self.add_error("phase", "Choose the ECT's phase to start their induction.")
        if self.person is not None and role and starts_on:
            period = RolePeriod(
                person=self.person,
                role=role,
                school=self.school,
                starts_on=starts_on,
                ends_on=ends_on,
            )
            if period.same_kind_overlaps().overlapping(starts_on, ends_on).exists():
                where = "another school" if role == Role.ECT else "this school"
                raise ValidationError(
                    f"{self.person} already has this role at {where} during these dates. "
                    "End that period first, or choose dates that do not overlap."
                )
        return data


class EndRoleForm(GovukForm):
    ends_on = forms.DateField(label="Last day in this role", widget=DateInput)

    def __init__(self, *args, period: RolePeriod, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on < self.period.starts_on:
            raise ValidationError(
                "The end date must be on or after the start date "
                f"({self.period.starts_on:%-d %B %Y})."
            )
        return ends_on


class ChangeMentorForm(GovukForm):
    mentor = forms.ModelChoiceField(
        queryset=User.objects.none(),
        empty_label="Choose a mentor",
        widget=forms.Select(
            attrs={
                "hx-trigger": "change",
                "hx-target": "#tutor-warning",
                "hx-swap": "innerHTML",
            }
        ),
    )
    starts_on = forms.DateField(label="New mentor starts on", widget=DateInput)
    safeguards = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=(
            "If this mentor is also the ECT's induction tutor, say how mentoring conversations "
            "are kept separate from assessment."
        ),
    )

    def __init__(self, *args, induction: Induction, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.induction = induction
        self.school = school
        mentors = RolePeriod.objects.current().at_school(school).of_role(Role.MENTOR)
        self.fields["mentor"].queryset = User.objects.filter(
            pk__in=mentors.values("person")
        ).exclude(pk=induction.ect_id)
        self.current = induction.mentorships.current().first()
        self.mentor_is_tutor = False

    def clean_mentor(self):
        mentor = self.cleaned_data["mentor"]
        self.mentor_is_tutor = (
            RolePeriod.objects.current()
            .filter(person=mentor, role=Role.INDUCTION_TUTOR, school=self.school)
            .exists()
        )
        return mentor

    def clean(self):
        data = super().clean()
        starts_on, mentor = data.get("starts_on"), data.get("mentor")
        if not starts_on:
            return data
        if self.current and mentor and self.current.mentor_id == mentor.pk:
            self.add_error("mentor", f"{mentor} is already this ECT's mentor.")
        if self.current and starts_on <= self.current.starts_on:
            self.add_error(
                "starts_on",
                f"The new mentor must start after the current mentorship began "
                f"({self.current.starts_on:%-d %B %Y}).",
            )
        later = self.induction.mentorships.filter(starts_on__gte=starts_on)
        if self.current:
            later = later.exclude(pk=self.current.pk)
        if later.exists():
            self.add_error(
                "starts_on", "Another mentorship is already planned from this date or later."
            )
        return data

    def save(self) -> Mentorship:
        """End the current mentorship the day before and start the new one, together."""
        data = self.cleaned_data
        if self.current:
            self.current.ends_on = data["starts_on"] - timedelta(days=1)
            self.current.save(update_fields=["ends_on"])
        return Mentorship.objects.create(
            induction=self.induction,
            mentor=data["mentor"],
            starts_on=data["starts_on"],
            safeguards=data["safeguards"],
        )


class InductionForm(GovukModelForm):
    """The details that shape an ECT's programme: phase, subjects, training and programme."""

    subject_list = forms.CharField(
        label="Subjects",
        required=False,
        help_text="Subjects they teach, separated by commas. Leave empty for a primary generalist.",
    )

    class Meta:
        model = Induction
        fields = ["phase", "trn", "ite_provider", "programme"]
        help_texts = {"programme": "The development programme this ECT follows."}

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = "Not chosen yet"
        self.fields["subject_list"].initial = ", ".join(self.instance.subjects)

    def save(self, commit: bool = True) -> Induction:
        induction = super().save(commit=False)
        induction.subjects = [
            s.strip() for s in self.cleaned_data["subject_list"].split(",") if s.strip()
        ]
        induction.save(update_fields=["phase", "trn", "ite_provider", "programme", "subjects"])
        return induction

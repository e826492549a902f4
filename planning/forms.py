"""Forms for a plan: starting one, an item's owner and due date, the team, reflections."""

from django import forms
from django.contrib.auth import get_user_model

from people.models import RolePeriod
from planning.checklist import PROMPTS
from planning.models import Item, TeamMember
from tandem.forms import DateInput, GovukForm, GovukModelForm


def people_of(plan):
    """Who can be given a part in the plan: anyone holding a role in its organisation (for
    a trust, at the trust or any of its schools)."""
    periods = RolePeriod.objects.current()
    if plan.trust_id:
        periods = periods.filter(trust=plan.trust) | periods.filter(school__trust=plan.trust)
    else:
        periods = periods.filter(school=plan.school)
    return get_user_model().objects.filter(pk__in=periods.values("person")).order_by("full_name")


class StartPlanForm(GovukForm):
    starts_year = forms.IntegerField(
        label="The September the programme starts",
        min_value=2024,
        max_value=2040,
        help_text="The year, for example 2027. Due dates count back from it.",
    )


class ItemForm(GovukModelForm):
    class Meta:
        model = Item
        fields = ["owner", "due_on"]
        labels = {"owner": "Who owns it", "due_on": "Due by"}
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(plan)
        self.fields["owner"].label_from_instance = lambda person: person.full_name


class TeamMemberForm(GovukModelForm):
    class Meta:
        model = TeamMember
        fields = ["person", "responsibility"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["person"].queryset = people_of(plan)
        self.fields["person"].label_from_instance = lambda person: person.full_name

    def clean_person(self):
        person = self.cleaned_data["person"]
        if self.plan.team.filter(person=person).exists():
            raise forms.ValidationError(f"{person.full_name} is already on the team.")
        return person


class ReflectionsForm(GovukForm):
    def __init__(self, *args, saved: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, prompt in PROMPTS:
            self.fields[key] = forms.CharField(
                label=prompt,
                required=False,
                max_length=3000,
                initial=saved.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

"""Changes to who is where, shared by the pages and the API."""

from django.db import transaction

from accounts.models import User
from organisations.models import School
from people.models import Induction, Role, RolePeriod


@transaction.atomic
def add_role(
    school: School, data: dict, person: User | None
) -> tuple[RolePeriod, Induction | None]:
    """Give `person` (or a new person, from the data) a role at the school; a new ECT gets an
    induction. `data` is AddRoleForm's cleaned data. Returns the role and any new induction."""
    person = person or User.objects.create_user(
        email=data["email"], full_name=data["full_name"], password=None
    )
    period = RolePeriod.objects.create(
        person=person,
        role=data["role"],
        school=school,
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        fte=data["fte"],
    )
    new_induction = None
    if data["role"] == Role.ECT and not Induction.objects.filter(ect=person).exists():
        new_induction = Induction.objects.create(
            ect=person,
            started_on=data["starts_on"],
            phase=data["phase"],
            subjects=[s.strip() for s in data["subjects"].split(",") if s.strip()],
            ite_provider=data["ite_provider"],
        )
    return period, new_induction

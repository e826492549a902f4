"""Each role's home page, in the order a person with several roles should land on them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from people.models import Role, RolePeriod

# The role whose page is most urgent for the person comes first: a mentor who is also an
# induction tutor lands on the school's overview.
ORDER = [
    Role.INDUCTION_TUTOR,
    Role.HEADTEACHER,
    Role.COORDINATOR,
    Role.MENTOR,
    Role.ECT,
    Role.PROGRAMME_AUTHOR,
    Role.EVALUATOR,
]


@dataclass
class Home:
    role: str
    label: str
    url: str
    current: bool = False


def role_homes(user) -> list[Home]:
    # Cached on the user object, which lives for one request.
    cached = user.__dict__.get("_tandem_homes")
    if cached is not None:
        return cached
    periods = (
        RolePeriod.objects.current(timezone.localdate())
        .filter(person=user)
        .select_related("school", "trust")
    )
    homes: dict[tuple, Home] = {}
    for period in periods:
        role = period.role
        if role == Role.ECT:
            key, home = (role,), Home(role, "My induction", reverse("ect_home"))
        elif role == Role.MENTOR:
            key, home = (role,), Home(role, "My ECTs", reverse("mentor_home"))
        elif role == Role.INDUCTION_TUTOR:
            key = (role, period.school_id)
            home = Home(
                role, f"{period.school.name}", reverse("school_home", args=[period.school_id])
            )
        elif role == Role.HEADTEACHER:
            key = (role, period.school_id)
            home = Home(
                role,
                f"{period.school.name} overview",
                reverse("head_home", args=[period.school_id]),
            )
        elif role == Role.COORDINATOR:
            key = (role, period.trust_id)
            home = Home(role, period.trust.name, reverse("trust_home", args=[period.trust_id]))
        elif role == Role.PROGRAMME_AUTHOR:
            key, home = (role,), Home(role, "Programmes", reverse("author_home"))
        else:
            key = (role, period.trust_id)
            home = Home(
                role,
                f"Evaluation: {period.trust.name}",
                reverse("evaluator_home", args=[period.trust_id]),
            )
        homes.setdefault(key, home)
    ordered = sorted(homes.values(), key=lambda h: (ORDER.index(h.role), h.label))
    user.__dict__["_tandem_homes"] = ordered
    return ordered

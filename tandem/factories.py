"""Plain-function factories, shared by the tests and the demo data, so both build records the
same way. Each takes keyword arguments for what matters and defaults the rest."""

from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import count
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from frameworks.importer import import_framework
from frameworks.models import Framework
from organisations.models import School, Term, Trust
from people.models import Induction, Mentorship, Role, RolePeriod
from programmes.content_files import import_programme, read_folder
from programmes.models import Programme

SAMPLES = Path(__file__).resolve().parent.parent / "content" / "samples"
_serial = count(1)


def make_trust(name: str | None = None, kind: str = Trust.Kind.MAT) -> Trust:
    return Trust.objects.create(name=name or f"Trust {next(_serial)}", kind=kind)


def make_school(
    trust: Trust | None = None,
    *,
    name: str | None = None,
    phase: str = School.Phase.PRIMARY,
    **fields,
) -> School:
    number = next(_serial)
    return School.objects.create(
        trust=trust,
        name=name or f"School {number}",
        urn=fields.pop("urn", f"{100000 + number}"),
        phase=phase,
        **fields,
    )


def make_terms(school: School, first_autumn: int) -> list[Term]:
    """Three terms a year, with half-term breaks, for each school year from first_autumn to
    the year after it. Dates follow a typical English pattern."""
    terms = []
    for year in (first_autumn, first_autumn + 1):
        spec = [
            (
                f"Autumn {year}",
                date(year, 9, 1),
                date(year, 12, 18),
                date(year, 10, 26),
                date(year, 10, 30),
            ),
            (
                f"Spring {year + 1}",
                date(year + 1, 1, 4),
                date(year + 1, 3, 26),
                date(year + 1, 2, 15),
                date(year + 1, 2, 19),
            ),
            (
                f"Summer {year + 1}",
                date(year + 1, 4, 12),
                date(year + 1, 7, 21),
                date(year + 1, 5, 31),
                date(year + 1, 6, 4),
            ),
        ]
        for name, starts, ends, break_starts, break_ends in spec:
            terms.append(
                Term.objects.create(
                    school=school,
                    name=name,
                    starts_on=starts,
                    ends_on=ends,
                    half_term_starts_on=break_starts,
                    half_term_ends_on=break_ends,
                )
            )
    return terms


@lru_cache
def _hashed(password: str) -> str:
    # Hashing is deliberately slow; demo accounts sharing a password share one hash.
    return make_password(password)


def make_person(
    full_name: str | None = None, *, email: str | None = None, password: str | None = None
):
    number = next(_serial)
    person = get_user_model().objects.create_user(
        email=email or f"person{number}@example.test",
        full_name=full_name or f"Person {number}",
    )
    if password:
        person.password = _hashed(password)
        person.save(update_fields=["password"])
    return person


def give_role(
    person,
    role: str,
    *,
    school: School | None = None,
    trust: Trust | None = None,
    starts_on: date = date(2020, 9, 1),
    ends_on: date | None = None,
    fte: Decimal | str = "1.00",
) -> RolePeriod:
    return RolePeriod.objects.create(
        person=person,
        role=role,
        school=school,
        trust=trust,
        starts_on=starts_on,
        ends_on=ends_on,
        fte=Decimal(fte),
    )


def make_ect(
    school: School,
    *,
    full_name: str | None = None,
    email: str | None = None,
    password: str | None = None,
    started_on: date = date(2026, 9, 1),
    phase: str = Induction.Phase.PRIMARY,
    subjects: list[str] | None = None,
    programme: Programme | None = None,
    fte: str = "1.00",
    ite_provider: str = "",
) -> Induction:
    person = make_person(full_name, email=email, password=password)
    give_role(person, Role.ECT, school=school, starts_on=started_on, fte=fte)
    return Induction.objects.create(
        ect=person,
        started_on=started_on,
        phase=phase,
        subjects=subjects or [],
        programme=programme,
        ite_provider=ite_provider,
    )


def make_mentorship(
    mentor,
    induction: Induction,
    *,
    starts_on: date | None = None,
    ends_on=None,
    safeguards: str = "",
) -> Mentorship:
    return Mentorship.objects.create(
        mentor=mentor,
        induction=induction,
        starts_on=starts_on or induction.started_on,
        ends_on=ends_on,
        safeguards=safeguards,
    )


def load_sample_framework() -> Framework:
    existing = Framework.objects.filter(
        name="Tandem sample framework", version="2026 sample"
    ).first()
    if existing:
        return existing
    return import_framework(
        (SAMPLES / "framework.csv").read_bytes(),
        name="Tandem sample framework",
        version="2026 sample",
        is_sample=True,
        filename="framework.csv",
    )


def load_sample_programme(owner: Trust | None = None) -> Programme:
    load_sample_framework()
    return import_programme(read_folder(SAMPLES / "ect-programme"), owner=owner)


def load_sample_strand(owner: Trust | None = None) -> Programme:
    """Tandem's sample mentor development strand (first half term)."""
    load_sample_framework()
    return import_programme(read_folder(SAMPLES / "mentor-strand"), owner=owner)


def make_school_day(school: School, phase: str = "secondary") -> dict[tuple[int, str], "object"]:
    """The generator's school day (secondary: P1 to P5 and lunch; primary: four sessions,
    lunch and after school) as the school's periods; returns them by (day, code)."""
    from datetime import time

    from scheduling.models import DayPeriod
    from scheduling.solver.generate import PRIMARY_DAY, SECONDARY_DAY

    spec = SECONDARY_DAY if phase == "secondary" else PRIMARY_DAY
    periods = {}
    for day in range(5):
        for code, starts, ends, _tired in spec:
            kind = {"Lunch": "lunch", "After school": "after-school"}.get(code, "lesson")
            periods[day, code] = DayPeriod.objects.create(
                school=school,
                day=day,
                code=code,
                starts_at=time(starts // 60, starts % 60),
                ends_at=time(ends // 60, ends % 60),
                kind=kind,
            )
    return periods


def give_timetable(person, school: School, entries: dict[tuple[str, int, str], str]) -> None:
    """entries: (week, day, period code) -> teaching, release or busy."""
    from scheduling.models import Lesson

    periods = {(p.day, p.code): p for p in school.day_periods.all()}
    Lesson.objects.bulk_create(
        Lesson(school=school, person=person, week=week, period=periods[day, code], activity=kind)
        for (week, day, code), kind in entries.items()
    )

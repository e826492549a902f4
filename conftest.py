"""The shared cast for every test: one person per role in trust A, and outsiders in trust B.

ect            ECT at school_a, following the sample programme, mentored by `mentor`
mentor         mentor at school_a          other_mentor  mentor at school_a, not of `ect`
tutor          induction tutor at school_a head          headteacher at school_a
coordinator    coordinator of trust_a      author        programme author for trust_a
evaluator      evaluator for trust_a
outsider       induction tutor at school_b (trust_b)     outsider_ect  ECT at school_b
"""

from datetime import date
from types import SimpleNamespace

import pytest
import time_machine

from people.models import Role
from tandem import factories

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _fixed_today():
    # Pages depend on today's date (current roles, this week's session): pin it.
    with time_machine.travel(date(2026, 11, 23), tick=False):
        yield


@pytest.fixture
def cast(db):
    trust_a = factories.make_trust("Trust A")
    trust_b = factories.make_trust("Trust B")
    school_a = factories.make_school(trust_a, name="School A")
    school_b = factories.make_school(trust_b, name="School B")
    for school in (school_a, school_b):
        factories.make_terms(school, 2025)
    programme = factories.load_sample_programme(owner=trust_a)

    def person(name, role, **where):
        someone = factories.make_person(f"Cast {name}", email=f"{name}@example.test")
        factories.give_role(someone, role, **where)
        return someone

    ect_induction = factories.make_ect(
        school_a, full_name="Cast ect", email="ect@example.test", programme=programme
    )
    mentor = person("mentor", Role.MENTOR, school=school_a)
    factories.make_mentorship(mentor, ect_induction)
    outsider_induction = factories.make_ect(
        school_b, full_name="Cast outsider_ect", email="outsider_ect@example.test"
    )
    return SimpleNamespace(
        trust_a=trust_a,
        trust_b=trust_b,
        school_a=school_a,
        school_b=school_b,
        programme=programme,
        induction=ect_induction,
        ect=ect_induction.ect,
        mentor=mentor,
        other_mentor=person("other_mentor", Role.MENTOR, school=school_a),
        tutor=person("tutor", Role.INDUCTION_TUTOR, school=school_a),
        head=person("head", Role.HEADTEACHER, school=school_a),
        coordinator=person("coordinator", Role.COORDINATOR, trust=trust_a),
        author=person("author", Role.PROGRAMME_AUTHOR, trust=trust_a),
        evaluator=person("evaluator", Role.EVALUATOR, trust=trust_a),
        outsider=person("outsider", Role.INDUCTION_TUTOR, school=school_b),
        outsider_induction=outsider_induction,
        outsider_ect=outsider_induction.ect,
    )

"""A national-scale data set for benchmarks and for trying the pages as a large trust would:
about 2,000 schools in 300 trusts, 30,000 ECTs and 30,000 mentors, with a year of protected
meetings, observations, study and pulse checks. Rows are written in bulk (no per-person
factories), deterministically from a seed.

The first trust is the largest (60 schools by default), so benchmarks have a clear target.
"""

import random
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from coaching.models import Meeting, Observation
from organisations.models import School, Term, Trust, academic_year
from oversight.models import PulseCheck
from pathways.models import PartProgress
from people.models import Induction, Mentorship, Role, RolePeriod
from programmes.models import StudyPart
from scheduling.models import DayPeriod, ScheduleSettings, Slot
from scheduling.solver.generate import PRIMARY_DAY, SECONDARY_DAY
from tandem import factories

BATCH = 5000


def _weeks(first: date, last: date):
    day = first - timedelta(days=first.weekday())
    while day <= last:
        yield day
        day += timedelta(weeks=1)


def _in_term(day: date, terms: list[tuple[date, date, date, date]]) -> bool:
    for starts, ends, break_starts, break_ends in terms:
        if starts <= day <= ends and not (break_starts <= day <= break_ends):
            return True
    return False


def build_national(
    *,
    trusts: int = 300,
    schools: int = 2000,
    ects: int = 30_000,
    largest: int = 60,
    today: date,
    seed: int = 1,
    out=print,
) -> dict:
    rng = random.Random(seed)
    User = get_user_model()
    programme = factories.load_sample_programme()
    area = programme.framework.areas.first()
    parts = list(StudyPart.objects.filter(session__module__year__programme=programme))
    this_year = academic_year(today)
    year_start = date(this_year - 1, 9, 1)
    out("trusts and schools")
    trust_rows = Trust.objects.bulk_create(
        Trust(name=f"National trust {n:03d}", kind=Trust.Kind.MAT if n % 5 else Trust.Kind.LA)
        for n in range(trusts)
    )
    # The largest trust first, the rest shared out unevenly.
    owners = [trust_rows[0]] * largest + [
        trust_rows[1 + rng.randrange(trusts - 1)] for _ in range(schools - largest)
    ]
    phases = [
        School.Phase.PRIMARY if rng.random() < 0.6 else School.Phase.SECONDARY for _ in owners
    ]
    school_rows = School.objects.bulk_create(
        School(name=f"National school {n:04d}", urn=f"9{n:06d}", phase=phase, trust=owner)
        for n, (owner, phase) in enumerate(zip(owners, phases, strict=True))
    )
    terms, school_terms = [], {}
    for school in school_rows:
        spec = []
        for year in (this_year - 1, this_year):
            spec += [
                (date(year, 9, 1), date(year, 12, 18), date(year, 10, 26), date(year, 10, 30)),
                (
                    date(year + 1, 1, 4),
                    date(year + 1, 3, 26),
                    date(year + 1, 2, 15),
                    date(year + 1, 2, 19),
                ),
                (
                    date(year + 1, 4, 12),
                    date(year + 1, 7, 21),
                    date(year + 1, 5, 31),
                    date(year + 1, 6, 4),
                ),
            ]
        school_terms[school.pk] = spec
        for index, (starts, ends, bs, be) in enumerate(spec):
            terms.append(
                Term(
                    school=school,
                    name=f"Term {index + 1}",
                    starts_on=starts,
                    ends_on=ends,
                    half_term_starts_on=bs,
                    half_term_ends_on=be,
                )
            )
    Term.objects.bulk_create(terms, batch_size=BATCH)
    ScheduleSettings.objects.bulk_create(
        ScheduleSettings(school=s, week_a_starts_on=date(this_year, 9, 7)) for s in school_rows
    )

    out("people")
    # ECTs per school: secondary schools take about three times as many.
    weights = [3 if p == School.Phase.SECONDARY else 1 for p in phases]
    per_school = [max(1, round(ects * w / sum(weights))) for w in weights]
    # Rounding leaves a few ECTs over or short: spread them one a school, not all on one.
    for n in range(abs(ects - sum(per_school))):
        index = n % len(per_school)
        per_school[index] += 1 if ects > sum(per_school) else -1 if per_school[index] > 1 else 0
    users, roles = [], []
    ect_people, mentor_people = [], []

    def add(key: str, name: str, role: str, school=None, trust=None) -> int:
        users.append(User(email=f"{key}@national.example", full_name=name, password="!"))
        roles.append((len(users) - 1, role, school, trust))
        return len(users) - 1

    for school, count in zip(school_rows, per_school, strict=True):
        add(f"tutor{school.pk}", f"Tutor {school.pk}", Role.INDUCTION_TUTOR, school)
        add(f"head{school.pk}", f"Head {school.pk}", Role.HEADTEACHER, school)
        for i in range(count):
            ect_people.append(
                (add(f"ect{school.pk}-{i}", f"ECT {school.pk}-{i}", Role.ECT, school), school)
            )
            mentor_people.append(
                (
                    add(f"mentor{school.pk}-{i}", f"Mentor {school.pk}-{i}", Role.MENTOR, school),
                    school,
                )
            )
    for trust in trust_rows:
        add(f"coordinator{trust.pk}", f"Coordinator {trust.pk}", Role.COORDINATOR, trust=trust)
    users = User.objects.bulk_create(users, batch_size=BATCH)
    RolePeriod.objects.bulk_create(
        (
            RolePeriod(
                person=users[index],
                role=role,
                school=school,
                trust=trust,
                # About a third of mentors are new to mentoring this year.
                starts_on=date(this_year, 9, 1)
                if role == Role.MENTOR and rng.random() < 0.35
                else date(this_year - 2, 9, 1),
            )
            for index, role, school, trust in roles
        ),
        batch_size=BATCH,
    )
    inductions = Induction.objects.bulk_create(
        (
            Induction(
                ect=users[index],
                started_on=date(this_year - rng.choice([0, 1]), 9, 1),
                phase=Induction.Phase.SECONDARY
                if school.phase == School.Phase.SECONDARY
                else Induction.Phase.PRIMARY,
                programme=programme,
            )
            for index, school in ect_people
        ),
        batch_size=BATCH,
    )
    # Most mentors have one ECT; some two, some none.
    mentors_by_school = {}
    for index, school in mentor_people:
        mentors_by_school.setdefault(school.pk, []).append(users[index])
    mentorships = []
    for induction, (_index, school) in zip(inductions, ect_people, strict=True):
        mentors = mentors_by_school[school.pk]
        mentor = (
            mentors[len(mentorships) % len(mentors)] if rng.random() < 0.8 else rng.choice(mentors)
        )
        mentorships.append(
            Mentorship(mentor=mentor, induction=induction, starts_on=induction.started_on)
        )
    mentorships = Mentorship.objects.bulk_create(mentorships, batch_size=BATCH)

    out("school days and protected-time slots")
    periods = []
    for school in school_rows:
        spec = SECONDARY_DAY if school.phase == School.Phase.SECONDARY else PRIMARY_DAY
        for day in range(5):
            for code, starts, ends, _tired in spec:
                periods.append(
                    DayPeriod(
                        school=school,
                        day=day,
                        code=code,
                        starts_at=time(starts // 60, starts % 60),
                        ends_at=time(ends // 60, ends % 60),
                        kind="lunch"
                        if code == "Lunch"
                        else "after-school"
                        if code == "After school"
                        else "lesson",
                    )
                )
    periods = DayPeriod.objects.bulk_create(periods, batch_size=BATCH)
    lessons_of = {}
    for period in periods:
        if period.kind == "lesson":
            lessons_of.setdefault(period.school_id, []).append(period)
    slots = []
    for mentorship, (_index, school) in zip(mentorships, ect_people, strict=True):
        period = rng.choice(lessons_of[school.pk])
        for week in "AB":
            slots.append(
                Slot(
                    school=school,
                    task_key=f"m{mentorship.pk}:meeting:{week}",
                    kind="meeting",
                    induction_id=mentorship.induction_id,
                    mentorship=mentorship,
                    week=week,
                    period=period,
                    minutes=45,
                    since=year_start,
                )
            )
    Slot.objects.bulk_create(slots, batch_size=BATCH)

    out("a year of meetings, observations and study")
    first_day = max(year_start, today - timedelta(days=365))
    weeks = list(_weeks(first_day, today))
    meetings, observations, progress = [], [], []
    for mentorship, (_index, school) in zip(mentorships, ect_people, strict=True):
        reliable = rng.random()
        done_parts = rng.sample(parts, k=min(len(parts), rng.randint(10, len(parts))))
        for n, monday in enumerate(weeks):
            held_on = monday + timedelta(days=rng.randrange(5))
            if held_on > today or not _in_term(held_on, school_terms[school.pk]):
                continue
            if rng.random() < 0.6 + 0.4 * reliable:
                meetings.append(
                    Meeting(
                        induction_id=mentorship.induction_id,
                        recorded_by_id=mentorship.mentor_id,
                        held_on=held_on,
                        minutes=rng.choice([30, 40, 45, 60]),
                    )
                )
            if n % 2 == 0 and rng.random() < 0.8:
                observations.append(
                    Observation(
                        induction_id=mentorship.induction_id,
                        observer_id=mentorship.mentor_id,
                        observed_on=held_on,
                        minutes=rng.choice([15, 20, 25]),
                        class_taught="Class",
                        area=area,
                        what_seen="Generated.",
                    )
                )
        for i, part in enumerate(done_parts):
            done_on = first_day + timedelta(
                days=int((today - first_day).days * (i + 1) / (len(done_parts) + 1))
            )
            progress.append(
                PartProgress(
                    induction_id=mentorship.induction_id,
                    part=part,
                    done_on=done_on,
                    minutes=rng.choice([5, 10, 15, 20]),
                )
            )
        if len(meetings) > 50_000:
            Meeting.objects.bulk_create(meetings, batch_size=BATCH)
            Observation.objects.bulk_create(observations, batch_size=BATCH)
            PartProgress.objects.bulk_create(progress, batch_size=BATCH)
            meetings, observations, progress = [], [], []
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    Observation.objects.bulk_create(observations, batch_size=BATCH)
    PartProgress.objects.bulk_create(progress, batch_size=BATCH)

    out("a year of pulse checks")
    checks = []
    people = [(users[i], s, "ect") for i, s in ect_people] + [
        (users[i], s, "mentor") for i, s in mentor_people
    ]
    for person, school, role in people:
        base = rng.choice([2, 3, 3, 4, 4, 5])
        for monday in weeks:
            if rng.random() < 0.3 or not _in_term(monday, school_terms[school.pk]):
                continue
            answer = max(1, min(5, base + rng.choice([-1, 0, 0, 1])))
            checks.append(
                PulseCheck(
                    person=person,
                    role=role,
                    school=school,
                    week_of=monday,
                    workload=answer,
                    confidence=answer,
                    supported=max(1, answer - 1),
                )
            )
        if len(checks) > 50_000:
            PulseCheck.objects.bulk_create(checks, batch_size=BATCH)
            checks = []
    PulseCheck.objects.bulk_create(checks, batch_size=BATCH)
    return {"largest trust": trust_rows[0].pk, "schools": len(school_rows), "ects": len(inductions)}


def build_national_atomic(**kwargs) -> dict:
    with transaction.atomic():
        return build_national(**kwargs)

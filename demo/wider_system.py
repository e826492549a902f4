"""Demo data for the wider system: the trust's own training mapped to the framework, with
overlaps decided; a school's own item; and the sample survey, one wave answered and one
open now. All of it is sample content written by the Tandem project."""

import csv
import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from frameworks.models import Statement
from people.models import RolePeriod
from programmes.models import Session
from provision.labelled import LABELLED
from provision.models import Decision, ProvisionItem, StatementMatch
from provision.suggest import suggest
from surveys.instrument import add_sample_questions
from surveys.models import Invitation, Question, Response, Survey, Wave

# Rows of the labelled set used as the trust's provision: (title, month offset, hours, year)
TRUST_ITEMS = [
    ("Behaviour twilight: the first six weeks", 1, "1.5", 1),
    ("Retrieval practice in every lesson", 2, "1.5", 1),
    ("Safeguarding induction", 0, "3", None),
    ("Questioning masterclass", 4, "2", None),
    ("Wellbeing and workload for ECTs", 5, "1", None),
]


def _labelled() -> dict[str, dict]:
    with open(LABELLED, newline="", encoding="utf-8") as f:
        return {row["title"]: row for row in csv.DictReader(f)}


def seed_provision(trust, coordinator, school, tutor, programme, this_year: int) -> None:
    rows = _labelled()
    items = []
    for title, months, hours, year in TRUST_ITEMS:
        row = rows[title]
        day = date(this_year, 9, 15) + timedelta(days=30 * months)
        item = ProvisionItem.objects.create(
            trust=trust,
            title=f"{title} (sample)",
            description=row["description"],
            induction_year=year,
            starts_on=day,
            ends_on=day,
            hours=Decimal(hours),
            created_by=coordinator,
        )
        suggest(item)
        # The coordinator confirmed the statements it really covers, and left the rest.
        for code in row["statements"].split(";"):
            statement = Statement.objects.get(framework=programme.framework, code=code)
            StatementMatch.objects.update_or_create(
                item=item, statement=statement, defaults={"status": "confirmed"}
            )
        items.append(item)
    routine = Session.objects.get(module__year__programme=programme, slug="teaching-a-routine")
    Decision.objects.create(
        item=items[0], session=routine, choice=Decision.Choice.INTEGRATE, decided_by=coordinator
    )
    first_five = Session.objects.get(module__year__programme=programme, slug="first-five-minutes")
    Decision.objects.create(
        item=items[0],
        session=first_five,
        choice=Decision.Choice.KEEP_BOTH,
        reason="The programme session is about the start of the lesson; ours is about the "
        "first weeks with a new class.",
        decided_by=coordinator,
    )
    ProvisionItem.objects.create(
        school=school,
        title="Staff briefing on the school behaviour policy (sample)",
        description="Walk-through of the school's behaviour policy: rewards, consequences, "
        "logging incidents and when to ask the pastoral team for help.",
        induction_year=1,
        starts_on=date(this_year, 9, 3),
        ends_on=date(this_year, 9, 3),
        hours=Decimal("1"),
        created_by=tutor,
    )
    suggest(ProvisionItem.objects.get(school=school))


def seed_survey(trust, coordinator, this_year: int, rng: random.Random) -> None:
    survey = Survey.objects.create(
        trust=trust,
        title="How induction is going (sample)",
        introduction="A few minutes on how induction is working for you. The trust sees the "
        "answers only added up over five or more people.",
        audience=["ect", "mentor"],
        created_by=coordinator,
    )
    add_sample_questions(survey)
    today = timezone.localdate()
    start = Wave.objects.create(
        survey=survey,
        name="Start of year",
        opens_on=date(this_year, 9, 22),
        closes_on=date(this_year, 10, 10),
    )
    middle = Wave.objects.create(
        survey=survey,
        name="Middle of year",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=18),
    )
    people = {}
    for period in RolePeriod.objects.current().filter(
        school__trust=trust, role__in=["ect", "mentor"]
    ):
        people.setdefault(period.person_id, period.role)
    questions = list(survey.questions.all())
    comments = [
        "More time with my mentor in the day, not after school",
        "Examples from my own subject",
        "Fewer forms to fill in",
        "Being able to skip what I covered in training",
        "A regular slot that does not move",
        "Seeing other teachers teach",
    ]
    for wave, share, lift in ((start, 0.85, 0), (middle, 0.45, 1)):
        for person_id, role in sorted(people.items()):
            invitation = Invitation.objects.create(wave=wave, person_id=person_id, role=role)
            if rng.random() > share:
                continue
            answers = {}
            for q in questions:
                if q.kind == Question.Kind.LIKERT:
                    score = rng.choice([2, 3, 3, 4, 4, 5]) + lift - rng.choice([0, 1])
                    answers[q.code] = max(1, min(5, score))
                elif q.kind == Question.Kind.CHOICE:
                    answers[q.code] = rng.choice(q.options)
                elif rng.random() < 0.6:
                    answers[q.code] = rng.choice(comments)
            Response.objects.create(invitation=invitation, answers=answers)
            invitation.answered_at = timezone.now()
            invitation.save(update_fields=["answered_at"])

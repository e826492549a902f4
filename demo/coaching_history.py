"""A realistic term of coaching for the demo: fortnightly observations since September, each
following up the open target and setting the next, and a few reflections by the ECT."""

import random
from datetime import date, timedelta

from coaching.models import AgendaItem, FollowUp, Meeting, Observation, Reflection, Target
from frameworks.models import Statement
from organisations.models import half_term_week
from people.models import Induction

# (statement code, what was seen, target, modelling, practice): written by us.
CYCLES = [
    (
        "7.4",
        "The class took about four minutes to settle after coming in; instructions were repeated.",
        "Have the first task on the board before pupils arrive, and point to it at the door.",
        "Watch my entry routine with Year 5 on Tuesday; I will say aloud where I look.",
        "Rehearse the entry routine with the class twice this week.",
    ),
    (
        "2.6",
        "The starter was a recap by the teacher; few pupils had to recall anything themselves.",
        "Open with three retrieval questions every pupil answers on a whiteboard.",
        "I will run a whiteboard starter in your room while you watch the answers.",
        "Write this week's starters mixing last lesson, last week and last term.",
    ),
    (
        "4.5",
        "Questions went to volunteers; the same five pupils answered most of them.",
        "After each key question, wait three seconds, then cold call a named pupil.",
        "We will role-play the pause and the cold call, you as the teacher.",
        "Use the pause and cold call at least five times in the Thursday lesson.",
    ),
    (
        "7.5",
        "Low-level chatter during independent work was handled from the front, out loud.",
        "Start at the bottom of the ladder: a look, then move closer, before any public word.",
        "I will model the least intrusive correction in three short role-plays.",
        "Tally which rung resolved each incident in two lessons.",
    ),
    (
        "6.3",
        "Pupils moved to independent work before anyone checked they had understood.",
        "Ask one hinge question before independent work and decide from the answers.",
        "I will write a hinge question for your next topic aloud, explaining each option.",
        "Use one hinge question in each lesson this week and note what you decided.",
    ),
]
REFLECTIONS = [
    ("The board task at the door made a real difference to how Year 4 settled.", True),
    ("I find it hard not to rescue pupils when the room goes quiet after a question.", False),
    ("Cold calling felt awkward at first; by Thursday it felt normal.", True),
]


def seed_coaching(induction: Induction, mentor, rng: random.Random, today: date) -> None:
    framework = induction.programme.framework
    statements = {s.code: s for s in Statement.objects.filter(framework=framework)}
    day = max(induction.started_on, date(today.year if today.month >= 9 else today.year - 1, 9, 1))
    day += timedelta(days=14 - day.weekday())  # a Monday two weeks in
    open_target = None
    cycle = rng.randrange(len(CYCLES))
    # One class the mentor follows, right for the ECT's phase.
    if induction.subjects:
        class_taught = f"Year {rng.randint(7, 11)} {induction.subjects[0].lower()}"
    else:
        class_taught = rng.choice(["Reception", "Year 2", "Year 4", "Year 6"])
    terms = list(induction.current_placement.school.terms.all())
    while day <= today:
        if half_term_week(terms, day) is None:  # no observations in the holidays
            day += timedelta(days=7)
            continue
        code, seen, description, modelling, practice = CYCLES[cycle % len(CYCLES)]
        observation = Observation.objects.create(
            induction=induction,
            observer=mentor,
            observed_on=day,
            minutes=rng.choice([15, 20]),
            class_taught=class_taught,
            area=statements[code].area,
            what_seen=seen,
            strengths="Warm relationships; pupils clearly trust the ECT.",
        )
        keep = open_target is not None and rng.random() < 0.3
        if open_target is not None:
            FollowUp.objects.create(
                target=open_target,
                observation=observation,
                recorded_by=mentor,
                recorded_on=day,
                outcome=FollowUp.Outcome.KEEP if keep else FollowUp.Outcome.SECURE,
                note="Getting there; keep practising." if keep else "Now routine.",
            )
            if not keep:
                open_target.status, open_target.closed_on = Target.Status.SECURE, day
                open_target.save(update_fields=["status", "closed_on"])
        if not keep:
            open_target = Target.objects.create(
                induction=induction,
                observation=observation,
                set_by=mentor,
                statement=statements[code],
                description=description,
                grade=rng.choice(list(Target.Grade.values[:2])),
                modelling=modelling,
                practice=practice,
                practise_by=day + timedelta(days=7),
                set_on=day,
            )
            observation.statements.add(statements[code])
            cycle += 1
        day += timedelta(days=14)
    for offset, (text, shared) in enumerate(REFLECTIONS):
        written = today - timedelta(days=5 + 12 * offset)
        if written >= induction.started_on:
            Reflection.objects.create(
                induction=induction,
                written_on=written,
                text=text,
                shared_at=None if not shared else f"{written.isoformat()}T16:00Z",
            )


AGENDA = [
    "How to handle the class after a wet lunch",
    "My first parents' evening next week",
    "Marking is taking my evenings: what can I drop?",
    "A pupil who shouts out answers",
]


def seed_meetings(induction: Induction, mentor, rng: random.Random, today: date) -> None:
    """A weekly meeting each term-time week this school year, and the odd check-in."""
    terms = list(induction.current_placement.school.terms.all())
    day = max(induction.started_on, date(today.year if today.month >= 9 else today.year - 1, 9, 1))
    day += timedelta(days=(3 - day.weekday()) % 7)  # Thursdays
    while day <= today:
        if half_term_week(terms, day) is not None:
            meeting = Meeting.objects.create(
                induction=induction,
                recorded_by=mentor,
                held_on=day,
                minutes=rng.choice([30, 40, 45]),
                outcomes="Reviewed the practice; agreed the next small step.",
            )
            if rng.random() < 0.4:
                AgendaItem.objects.create(
                    induction=induction,
                    meeting=meeting,
                    added_on=day - timedelta(days=2),
                    text=rng.choice(AGENDA),
                )
            if rng.random() < 0.3:
                Meeting.objects.create(
                    induction=induction,
                    recorded_by=mentor,
                    kind=Meeting.Kind.CHECK_IN,
                    held_on=day - timedelta(days=2),
                    minutes=rng.choice([5, 10]),
                    outcomes="Quick word after the lesson.",
                )
        day += timedelta(days=7)
    AgendaItem.objects.create(induction=induction, added_on=today, text=rng.choice(AGENDA))

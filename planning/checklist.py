"""The checklist a new plan starts from, in Tandem's own words, drawn from what the
evaluation found decided whether induction programmes worked. Due dates count back from
the September the programme starts, so the work begins well before it.

Each entry: key, level, title, why, (month, day) due in the calendar year of the September
the programme starts: from March, so the work begins months before it."""

from datetime import date

from planning.models import Level

ENTRIES = [
    (
        "team",
        Level.TRUST,
        "Name the implementation team and who leads it",
        "Someone has to hold the whole picture: a named lead, with people for timetabling, "
        "mentor development and IT.",
        (3, 1),
    ),
    (
        "provision",
        Level.TRUST,
        "Decide what existing provision to integrate, replace or stop",
        "Running the programme beside the trust's or authority's own sessions on the same "
        "topics doubles the load on ECTs and mentors.",
        (4, 30),
    ),
    (
        "mentor-time",
        Level.TRUST,
        "Book mentor development time across the whole year",
        "Mentoring is a skill that grows with practice; a little development each half term "
        "works better than a block in September.",
        (6, 15),
    ),
    (
        "it",
        Level.TRUST,
        "Check the platform works with every school's IT",
        "Sign-in with the schools' accounts, calendars in their mail system, and access on "
        "the devices staff use in class.",
        (7, 1),
    ),
    (
        "gatekeeper",
        Level.SCHOOL,
        "Agree the induction tutor's role as gate-keeper",
        "The induction tutor keeps the programme coherent with the school's own priorities; "
        "leaders should say so and give them the time.",
        (4, 15),
    ),
    (
        "timetable",
        Level.SCHOOL,
        "Put protected time for mentors and ECTs on the timetable",
        "Time that is not on the timetable disappears first. Plan a regular meeting in "
        "school hours, not after school or at lunch.",
        (5, 31),
    ),
    (
        "cover",
        Level.SCHOOL,
        "Arrange cover for observations and meetings",
        "Observations often fall when the mentor teaches; decide in advance how cover works "
        "so it is not cancelled at the last minute.",
        (6, 30),
    ),
    (
        "pairing",
        Level.SCHOOL,
        "Match mentors to ECTs, with safeguards where the tutor also mentors",
        "Phase and subject matter to ECTs. Where one person both mentors and assesses, "
        "write down how the two are kept apart.",
        (7, 15),
    ),
    (
        "starting-point",
        Level.PAIR,
        "Hold a starting-point review in the first fortnight",
        "Start from what the ECT already knows from their training, so nothing secure is "
        "taught again.",
        (9, 15),
    ),
    (
        "dialogue",
        Level.PAIR,
        "Set up a regular conversation between tutor and mentor",
        "Mentors who are left alone after their training drift; a short, regular check-in "
        "with the tutor keeps mentoring from becoming a tick-box.",
        (9, 30),
    ),
]

PROMPTS = [
    ("context", "What in our context (phase, size, staffing) will make this harder or easier?"),
    (
        "existing",
        "Which of our current practices already do what the programme asks, and "
        "which would it duplicate?",
    ),
    ("time", "Where will the protected time really come from, and what will stop to make it?"),
    (
        "mentors",
        "How many of our mentors are new to mentoring, and what will they need "
        "beyond their training?",
    ),
    ("success", "How will we know by February that it is working?"),
]


def due_date(starts_year: int, month: int, day: int) -> date:
    return date(starts_year, month, day)


def entries_for(level_kind: str) -> list[tuple]:
    """A trust's plan covers all three levels; a school's plan the school and its pairs."""
    if level_kind == "trust":
        return ENTRIES
    return [entry for entry in ENTRIES if entry[1] != Level.TRUST]

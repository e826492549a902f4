"""Tandem's own questionnaire on induction, written by the Tandem project (a sample, not an
official instrument). It covers the themes the evaluation of the pilot programmes looked at,
in our own words, so a trust can compare its waves with one another."""

from django.db import transaction

from surveys.models import Question, Survey

TITLE = "How induction is going (Tandem sample questionnaire)"
INTRODUCTION = (
    "A few minutes on how induction is working for you this term. Your trust sees the answers "
    "only added up over five or more people, and never with your name."
)
# (theme, kind, text, options)
QUESTIONS = [
    ("time", "likert", "I have the time I was promised for induction in most weeks.", []),
    (
        "time",
        "choice",
        "In a typical week, how much time goes on induction (study, meetings, observations)?",
        ["Under 30 minutes", "30 to 60 minutes", "1 to 2 hours", "More than 2 hours"],
    ),
    ("time", "likert", "Protected meetings happen at a time of day when I can think clearly.", []),
    (
        "relevance",
        "likert",
        "What I study builds on what I already know rather than repeating it.",
        [],
    ),
    ("relevance", "likert", "The examples fit my phase and subject.", []),
    (
        "relevance",
        "likert",
        "When something urgent came up in my teaching, induction could adapt to it.",
        [],
    ),
    ("mentoring", "likert", "Mentor meetings focus on one clear thing to improve.", []),
    (
        "mentoring",
        "likert",
        "I can be open about what is going badly without worrying that it counts against me.",
        [],
    ),
    ("mentoring", "likert", "Feedback after an observation comes soon enough to use.", []),
    ("workload", "likert", "Induction adds little work that does not help my teaching.", []),
    ("workload", "likert", "My overall workload this term is manageable.", []),
    ("confidence", "likert", "I feel more confident in the classroom than I did last term.", []),
    ("confidence", "likert", "I know what to work on next and how.", []),
    ("leaders", "likert", "Senior leaders make sure induction time is protected.", []),
    ("leaders", "likert", "I know whom to ask when induction is not working for me.", []),
    ("other", "text", "What one change would make induction more useful for you?", []),
]


@transaction.atomic
def add_sample_questions(survey: Survey) -> None:
    start = survey.questions.count()
    Question.objects.bulk_create(
        Question(
            survey=survey, position=start + n, theme=theme, kind=kind, text=text, options=options
        )
        for n, (theme, kind, text, options) in enumerate(QUESTIONS, start=1)
    )

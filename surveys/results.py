"""Survey results by wave, aggregated: response rates, the spread and mean of each closed
question, and free text only where five or more people answered it, in no order that could
point to anyone. Nothing here carries a name."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from surveys.models import LIKERT, THEMES, Invitation, Question, Response, Survey, Wave
from tandem.permissions import MIN_GROUP


def suppressed(count: int) -> bool:
    return 0 < count < MIN_GROUP


@dataclass
class QuestionResult:
    question: Question
    answered: int
    mean: float | None = None
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    hidden: bool = False  # fewer than MIN_GROUP answers


@dataclass
class WaveResult:
    wave: Wave
    invited: int
    answered: int
    by_role: list[tuple[str, int, int]]  # (role label, invited, answered)
    questions: list[QuestionResult]
    themes: dict[str, float | None]  # theme -> mean of its five-point questions

    @property
    def rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None


def results_for(survey: Survey, role: str | None = None) -> list[WaveResult]:
    """Each wave's results, for one audience role or all of them; three queries."""
    questions = list(survey.questions.all())
    invitations = Invitation.objects.filter(wave__survey=survey)
    if role:
        invitations = invitations.filter(role=role)
    invited, answered = Counter(), Counter()
    for wave_id, who, done in invitations.values_list("wave_id", "role", "answered_at"):
        invited[(wave_id, who)] += 1
        if done:
            answered[(wave_id, who)] += 1
    answers: dict[int, list[dict]] = defaultdict(list)
    for wave_id, values in Response.objects.filter(invitation__in=invitations).values_list(
        "invitation__wave_id", "answers"
    ):
        answers[wave_id].append(values)
    roles = dict(Invitation._meta.get_field("role").choices)
    results = []
    for wave in survey.waves.all():
        rows = answers[wave.pk]
        by_role = [
            (label, invited[(wave.pk, code)], answered[(wave.pk, code)])
            for code, label in roles.items()
            if invited[(wave.pk, code)]
        ]
        question_results = [_question(q, rows) for q in questions]
        themes = {}
        for theme, _ in THEMES:
            means = [
                r.mean
                for r in question_results
                if r.question.theme == theme and r.question.kind == "likert" and r.mean is not None
            ]
            themes[theme] = round(sum(means) / len(means), 2) if means else None
        results.append(
            WaveResult(
                wave,
                sum(n for _, n, _ in by_role),
                sum(n for _, _, n in by_role),
                by_role,
                question_results,
                themes,
            )
        )
    return results


def _question(question: Question, rows: list[dict]) -> QuestionResult:
    values = [row[question.code] for row in rows if row.get(question.code) not in (None, "")]
    result = QuestionResult(question, len(values))
    if len(values) < MIN_GROUP:
        result.hidden = bool(values)
        return result
    if question.kind == Question.Kind.LIKERT:
        tally = Counter(int(v) for v in values)
        result.counts = [(label, tally[n]) for n, label in LIKERT]
        result.mean = round(sum(int(v) for v in values) / len(values), 2)
    elif question.kind == Question.Kind.CHOICE:
        tally = Counter(values)
        result.counts = [(option, tally[option]) for option in question.options]
    else:
        # Sorted, so the order says nothing about who answered when.
        result.texts = sorted(str(v).strip() for v in values)
    return result

"""The evaluation export of one trust: engagement, coaching cadence, pulse checks and survey
answers, as tables keyed by pseudonyms, with small groups suppressed and nothing that names a
person. Written as CSV or Parquet, with a data dictionary, in one zip file.

What is kept out: names, email addresses, user and record ids, school names and URNs, and
every developmental or assessment text (notes, targets, reflections, reviews). Free-text
survey answers are kept only where five or more people answered the question in the wave,
unlinked from any respondent, sorted, and with emails and the trust's people's names blanked.
"""

import csv
import io
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
from django.db.models import Count, Sum
from django.utils import timezone

from coaching.models import Meeting, Observation, Target
from evaluation.pseudonyms import pseudonym, redactor
from oversight.models import PulseCheck
from pathways.models import PartProgress
from people.models import Induction, Role, RolePeriod
from surveys.models import Invitation, Question, Response, Survey
from tandem.exports import safe_cell
from tandem.permissions import MIN_GROUP


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, integer, number, boolean, date
    description: str


@dataclass
class Table:
    name: str
    description: str
    columns: list[Column]
    rows: list[dict]


ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


ECT = Column("ect", "string", "Pseudonym of the ECT: the same in every table of this export")
SCHOOL = Column(
    "school",
    "string",
    f"Pseudonym of the ECT's school; empty where the school has fewer than {MIN_GROUP} ECTs "
    "in the export",
)


def build(trust, today: date | None = None) -> list[Table]:
    today = today or timezone.localdate()
    placements = list(
        RolePeriod.objects.current(today)
        .filter(role=Role.ECT, school__trust=trust)
        .select_related("school")
    )
    school_of = {p.person_id: p for p in placements}
    inductions = list(Induction.objects.filter(ect_id__in=school_of))
    ects_per_school = Counter(p.school_id for p in placements)

    def ect(induction) -> str:
        return pseudonym("person", trust.pk, induction.ect_id)

    def school(induction) -> str:
        school_id = school_of[induction.ect_id].school_id
        if ects_per_school[school_id] < MIN_GROUP:
            return ""
        return pseudonym("school", trust.pk, school_id)

    return [
        _engagement(inductions, ect, school, school_of, today),
        _coaching(inductions, ect),
        _pulse(trust),
        *_surveys(trust),
    ]


def _engagement(inductions, ect, school, school_of, today) -> Table:
    by_induction = defaultdict(lambda: {"parts": 0, "minutes": 0, "useful": 0, "not": 0})
    sessions = defaultdict(set)
    for row in PartProgress.objects.filter(induction__in=inductions).values(
        "induction_id", "part__session_id", "done_on", "minutes", "verdict"
    ):
        stats = by_induction[row["induction_id"]]
        if row["done_on"]:
            stats["parts"] += 1
            stats["minutes"] += row["minutes"] or 0
            sessions[row["induction_id"]].add(row["part__session_id"])
        stats["useful"] += row["verdict"] == PartProgress.Verdict.USEFUL
        stats["not"] += row["verdict"] == PartProgress.Verdict.NOT_RELEVANT
    rows = []
    for induction in sorted(inductions, key=ect):
        stats = by_induction[induction.pk]
        rows.append(
            {
                "ect": ect(induction),
                "school": school(induction),
                "induction_year": induction.year(today),
                "phase": induction.phase,
                "part_time": school_of[induction.ect_id].fte < 1,
                "sessions_started": len(sessions[induction.pk]),
                "parts_done": stats["parts"],
                "study_minutes": stats["minutes"],
                "parts_useful": stats["useful"],
                "parts_not_relevant": stats["not"],
            }
        )
    return Table(
        "engagement",
        "One row per ECT: engagement with the programme so far.",
        [
            ECT,
            SCHOOL,
            Column("induction_year", "integer", "1 or 2, on the day of the export"),
            Column(
                "phase", "string", "The ECT's phase: primary, secondary, early-years or special"
            ),
            Column("part_time", "boolean", "Works less than full time"),
            Column("sessions_started", "integer", "Programme sessions with at least one part done"),
            Column("parts_done", "integer", "Study parts marked done"),
            Column("study_minutes", "integer", "Minutes of study recorded on the parts done"),
            Column("parts_useful", "integer", "Parts the ECT marked useful"),
            Column("parts_not_relevant", "integer", "Parts the ECT marked not relevant now"),
        ],
        rows,
    )


def _coaching(inductions, ect) -> Table:
    months: dict[tuple[int, str], dict] = defaultdict(
        lambda: {"meetings": 0, "meeting_minutes": 0, "observations": 0, "targets_set": 0}
    )
    for induction_id, held_on, minutes in Meeting.objects.filter(
        induction__in=inductions
    ).values_list("induction_id", "held_on", "minutes"):
        month = months[(induction_id, f"{held_on:%Y-%m}")]
        month["meetings"] += 1
        month["meeting_minutes"] += minutes
    for induction_id, day in Observation.objects.filter(induction__in=inductions).values_list(
        "induction_id", "observed_on"
    ):
        months[(induction_id, f"{day:%Y-%m}")]["observations"] += 1
    for induction_id, day in Target.objects.filter(induction__in=inductions).values_list(
        "induction_id", "set_on"
    ):
        months[(induction_id, f"{day:%Y-%m}")]["targets_set"] += 1
    by_id = {i.pk: i for i in inductions}
    rows = [
        {"ect": ect(by_id[induction_id]), "month": month, **counts}
        for (induction_id, month), counts in months.items()
    ]
    rows.sort(key=lambda r: (r["ect"], r["month"]))
    return Table(
        "coaching",
        "One row per ECT and month with any coaching recorded: how often, not what was said.",
        [
            ECT,
            Column("month", "string", "Calendar month, YYYY-MM"),
            Column("meetings", "integer", "Mentor meetings recorded"),
            Column("meeting_minutes", "integer", "Minutes of those meetings"),
            Column("observations", "integer", "Observations recorded"),
            Column("targets_set", "integer", "Development targets set"),
        ],
        rows,
    )


def _pulse(trust) -> Table:
    rows = []
    for row in (
        PulseCheck.objects.filter(school__trust=trust)
        .values("week_of", "role")
        .annotate(
            people=Count("person", distinct=True),
            workload=Sum("workload"),
            confidence=Sum("confidence"),
            supported=Sum("supported"),
            answers=Count("pk"),
        )
        .order_by("week_of", "role")
    ):
        small = row["people"] < MIN_GROUP
        rows.append(
            {
                "week_of": row["week_of"],
                "role": row["role"],
                "suppressed": small,
                "people": None if small else row["people"],
                **{
                    f"{q}_mean": None if small else round(row[q] / row["answers"], 2)
                    for q in ("workload", "confidence", "supported")
                },
            }
        )
    return Table(
        "pulse",
        f"Weekly pulse checks across the trust by role; weeks with fewer than {MIN_GROUP} "
        "people are suppressed.",
        [
            Column("week_of", "date", "Monday of the week answered for"),
            Column("role", "string", "ect or mentor"),
            Column("suppressed", "boolean", f"True where fewer than {MIN_GROUP} people answered"),
            Column("people", "integer", "People who answered"),
            Column("workload_mean", "number", "Mean of 'my workload is manageable', 1 to 5"),
            Column(
                "confidence_mean", "number", "Mean of 'I feel confident in my teaching', 1 to 5"
            ),
            Column("supported_mean", "number", "Mean of 'I feel supported', 1 to 5"),
        ],
        rows,
    )


def _surveys(trust) -> list[Table]:
    surveys = {s.pk: s for s in Survey.objects.filter(trust=trust)}
    questions = {
        (q.survey_id, q.code): q for q in Question.objects.filter(survey__in=surveys.keys())
    }
    invited, answered = Counter(), Counter()
    waves = {}
    for inv in Invitation.objects.filter(wave__survey__in=surveys.keys()).select_related("wave"):
        key = (inv.wave_id, inv.role)
        waves[inv.wave_id] = inv.wave
        invited[key] += 1
        answered[key] += inv.answered_at is not None
    wave_rows = [
        {
            "survey": surveys[waves[wave_id].survey_id].title,
            "wave": waves[wave_id].name,
            "opens_on": waves[wave_id].opens_on,
            "role": role,
            "invited": invited[(wave_id, role)],
            "answered": answered[(wave_id, role)]
            if invited[(wave_id, role)] >= MIN_GROUP
            else None,
        }
        for wave_id, role in sorted(invited, key=lambda k: (waves[k[0]].opens_on, k))
    ]
    names = list(
        RolePeriod.objects.filter(school__trust=trust).values_list("person__full_name", flat=True)
    )
    redact = redactor(names)
    closed, texts = [], defaultdict(list)
    responses = Response.objects.filter(invitation__wave__survey__in=surveys.keys()).values_list(
        "invitation__wave_id", "invitation__person_id", "invitation__role", "answers"
    )
    group = Counter((wave_id, role) for wave_id, _, role, _ in responses)
    for wave_id, person_id, role, answers in responses:
        wave = waves[wave_id]
        for code, value in answers.items():
            question = questions.get((wave.survey_id, code))
            if question is None:
                continue
            if question.kind == Question.Kind.TEXT:
                texts[(wave_id, code)].append(str(value))
            elif group[(wave_id, role)] >= MIN_GROUP:
                closed.append(
                    {
                        "survey": surveys[wave.survey_id].title,
                        "wave": wave.name,
                        "respondent": pseudonym("person", trust.pk, person_id),
                        "role": role,
                        "question": code,
                        "theme": question.theme,
                        "answer": str(value),
                    }
                )
    closed.sort(key=lambda r: (r["survey"], r["wave"], r["respondent"], r["question"]))
    free = [
        {
            "survey": surveys[waves[wave_id].survey_id].title,
            "wave": waves[wave_id].name,
            "question": code,
            "answer": redact(text),
        }
        for (wave_id, code), answers in sorted(texts.items())
        if len(answers) >= MIN_GROUP
        for text in sorted(answers)
    ]
    survey_col = Column("survey", "string", "The survey's title")
    wave_col = Column("wave", "string", "The wave's name")
    question_col = Column(
        "question", "string", "Question code (q1, q2...) as listed in questions.csv"
    )
    return [
        Table(
            "survey_waves",
            f"Invitations and answers by wave and role; answered counts for groups under "
            f"{MIN_GROUP} are left empty.",
            [
                survey_col,
                wave_col,
                Column("opens_on", "date", "The day the wave opened"),
                Column("role", "string", "ect, mentor or tutor"),
                Column("invited", "integer", "People invited"),
                Column("answered", "integer", "People who answered"),
            ],
            wave_rows,
        ),
        Table(
            "survey_answers",
            f"One row per answer to a closed question; a wave's role group with fewer than "
            f"{MIN_GROUP} respondents is left out.",
            [
                survey_col,
                wave_col,
                Column(
                    "respondent", "string", "Pseudonym of the person: the same as 'ect' elsewhere"
                ),
                Column("role", "string", "ect, mentor or tutor"),
                question_col,
                Column("theme", "string", "The question's theme"),
                Column(
                    "answer", "string", "1 to 5 for agree-or-disagree questions, else the option"
                ),
            ],
            closed,
        ),
        Table(
            "survey_free_text",
            f"Free-text answers, unlinked from respondents and sorted, only where {MIN_GROUP} "
            "or more people answered; emails and the names of the trust's people are blanked.",
            [survey_col, wave_col, question_col, Column("answer", "string", "The answer")],
            free,
        ),
        Table(
            "questions",
            "The surveys' questions, to read the codes in the other tables.",
            [
                survey_col,
                question_col,
                Column("theme", "string", "Theme"),
                Column("kind", "string", "likert, choice or text"),
                Column("text", "string", "The question as asked"),
            ],
            [
                {
                    "survey": surveys[q.survey_id].title,
                    "question": q.code,
                    "theme": q.theme,
                    "kind": q.kind,
                    "text": q.text,
                }
                for q in sorted(questions.values(), key=lambda q: (q.survey_id, q.position))
            ],
        ),
    ]


def dictionary(tables: list[Table]) -> Table:
    return Table(
        "data_dictionary",
        "What every column of every table means.",
        [
            Column("table", "string", "File name without extension"),
            Column("column", "string", "Column name"),
            Column("type", "string", "string, integer, number, boolean or date"),
            Column("description", "string", "What it holds"),
        ],
        [
            {"table": t.name, "column": c.name, "type": c.type, "description": c.description}
            for t in tables
            for c in t.columns
        ],
    )


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(_plain(row.get(c.name))) for c in table.columns])
    return out.getvalue().encode("utf-8")


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _parquet(table: Table) -> bytes:
    schema = pa.schema([(c.name, ARROW[c.type]) for c in table.columns])
    arrow = pa.Table.from_pylist(
        [{c.name: row.get(c.name) for c in table.columns} for row in table.rows], schema=schema
    )
    out = io.BytesIO()
    pq.write_table(arrow, out)
    return out.getvalue()


def write_zip(trust, fmt: str, today: date | None = None) -> bytes:
    tables = build(trust, today)
    tables.append(dictionary(tables))
    writer = _parquet if fmt == "parquet" else _csv
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        readme = [f"Tandem evaluation export, {today or timezone.localdate():%Y-%m-%d}", ""]
        for table in tables:
            archive.writestr(f"{table.name}.{fmt}", writer(table))
            readme.append(f"{table.name}.{fmt}: {table.description}")
        readme += [
            "",
            "People and schools appear only as pseudonyms, stable within this trust.",
            f"Groups smaller than {MIN_GROUP} are suppressed as each table says.",
        ]
        archive.writestr("README.txt", "\n".join(readme) + "\n")
    return out.getvalue()

"""Import and export a framework as CSV (the format is documented in docs/framework-csv.md).

Columns: area (1 to 8), code (unique), kind ('learn that' or 'learn how to'), text.
"""

import csv
import io
from dataclasses import dataclass

from django.db import transaction

from frameworks.models import AREAS, Area, Framework, Statement
from tandem.imports import ImportRejected, Problem, decode_text

COLUMNS = ["area", "code", "kind", "text"]
_KINDS = {
    "learn that": Statement.Kind.LEARN_THAT,
    "learn_that": Statement.Kind.LEARN_THAT,
    "learn how to": Statement.Kind.LEARN_HOW,
    "learn_how": Statement.Kind.LEARN_HOW,
    "learn how": Statement.Kind.LEARN_HOW,
}
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class StatementRow:
    area: int
    code: str
    kind: str
    text: str


def parse_statements(text: str, filename: str = "the file") -> list[StatementRow]:
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    f"{filename}, row 1",
                    f"missing column{'s' if len(missing) > 1 else ''} "
                    + ", ".join(f"'{m}'" for m in missing)
                    + f". The header row must name: {', '.join(COLUMNS)}",
                )
            ]
        )
    reader.fieldnames = header
    problems: list[Problem] = []
    rows: list[StatementRow] = []
    first_row_of_code: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        cells = {key: (value or "").strip() for key, value in raw.items() if key}
        if not any(cells.values()):
            continue

        def problem(column: str, message: str, number: int = number) -> None:
            problems.append(Problem(f"row {number}, column '{column}'", message))

        area = cells.get("area", "")
        if not area.isdigit() or int(area) not in AREAS:
            problem("area", f"unknown area {area!r}; use a number from 1 to 8")
        code = cells.get("code", "")
        if not code:
            problem("code", "every statement needs a code")
        elif code in first_row_of_code:
            problem("code", f"code {code!r} is already used in row {first_row_of_code[code]}")
        else:
            first_row_of_code[code] = number
        kind = _KINDS.get(cells.get("kind", "").lower())
        if kind is None:
            problem(
                "kind", f"unknown kind {cells.get('kind')!r}; use 'learn that' or 'learn how to'"
            )
        statement_text = cells.get("text", "")
        if not statement_text:
            problem("text", "the statement has no text")
        if len(problems) >= MAX_PROBLEMS:
            break
        if not problems:
            rows.append(StatementRow(int(area), code, kind, statement_text))
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([Problem(filename, "the file has a header row but no statements")])
    return rows


def import_framework(
    data: bytes, *, name: str, version: str, is_sample: bool = False, filename: str = "the file"
) -> Framework:
    """Validate the whole file, then save the framework in one transaction."""
    rows = parse_statements(decode_text(data, filename), filename)
    if Framework.objects.filter(name=name, version=version).exists():
        raise ImportRejected(
            [Problem("version", f"{name} {version} is already imported; give this a new version")]
        )
    with transaction.atomic():
        framework = Framework.objects.create(name=name, version=version, is_sample=is_sample)
        areas = {
            number: Area.objects.create(framework=framework, number=number, title=title)
            for number, title in AREAS.items()
        }
        Statement.objects.bulk_create(
            Statement(
                framework=framework,
                area=areas[row.area],
                code=row.code,
                kind=row.kind,
                text=row.text,
                position=position,
            )
            for position, row in enumerate(rows)
        )
    return framework


def export_framework(framework: Framework) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    labels = {Statement.Kind.LEARN_THAT: "learn that", Statement.Kind.LEARN_HOW: "learn how to"}
    for statement in framework.statements.select_related("area"):
        writer.writerow(
            [statement.area.number, statement.code, labels[statement.kind], statement.text]
        )
    return out.getvalue()

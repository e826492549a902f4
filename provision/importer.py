"""Importing a provision list from CSV or Excel (columns in docs/provision.md).

Every row is checked first and every problem names its row and column; nothing is saved
unless the whole file is good, and then in one transaction, with suggestions for each item.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from provision.models import Audience, ProvisionItem, owner_kind
from provision.suggest import suggest
from tandem.imports import ImportRejected, Problem, read_table, require_columns

COLUMNS = ("title", "description", "audience", "year", "starts", "ends", "hours")
REQUIRED = ("title", "description", "starts", "ends", "hours")
AUDIENCES = {
    "": Audience.ECTS,
    "ects": Audience.ECTS,
    "ect": Audience.ECTS,
    "early career teachers": Audience.ECTS,
    "mentors": Audience.MENTORS,
    "mentor": Audience.MENTORS,
    "both": Audience.BOTH,
    "ects and mentors": Audience.BOTH,
}
YEARS = {"": None, "1": 1, "2": 2, "year 1": 1, "year 2": 2, "both": None, "either": None}


@dataclass
class Row:
    title: str
    description: str
    audience: str
    induction_year: int | None
    starts_on: date
    ends_on: date
    hours: Decimal


def _date(value: str) -> date | None:
    value = value.split(" ")[0]  # a date cell from Excel reads as 'YYYY-MM-DD 00:00:00'
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def parse(data: bytes, filename: str) -> list[Row]:
    rows = read_table(data, filename)
    require_columns(rows, REQUIRED, filename)
    problems: list[Problem] = []
    parsed: list[Row] = []
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue

        def problem(column: str, message: str, number=number) -> None:
            problems.append(Problem(f"Row {number}, column {column}", message))

        for column in ("title", "description"):
            if not row.get(column):
                problem(column, f"the {column} is empty")
        if len(row.get("title", "")) > 200:
            problem("title", "the title is longer than 200 characters")
        audience = AUDIENCES.get(row.get("audience", "").lower())
        if audience is None:
            problem("audience", f"'{row['audience']}' is not ECTs, mentors or both")
        year_text = row.get("year", "").lower().removesuffix(".0")
        if year_text not in YEARS:
            problem("year", f"'{row['year']}' is not 1, 2 or empty (either year)")
        starts, ends = _date(row.get("starts", "")), _date(row.get("ends", ""))
        for column, value in (("starts", starts), ("ends", ends)):
            if value is None:
                problem(column, f"'{row.get(column, '')}' is not a date; write it as DD/MM/YYYY")
        if starts and ends and ends < starts:
            problem("ends", "the last date is before the first")
        try:
            hours = Decimal(row.get("hours", "")).quantize(Decimal("0.1"))
        except InvalidOperation:
            hours = None
        if hours is None or not Decimal("0.5") <= hours <= 200:
            problem("hours", f"'{row.get('hours', '')}' is not a number of hours from 0.5 to 200")
        if audience is not None and year_text in YEARS and starts and ends and hours:
            parsed.append(
                Row(
                    row["title"],
                    row["description"],
                    audience,
                    YEARS[year_text],
                    starts,
                    ends,
                    hours,
                )
            )
    if problems:
        raise ImportRejected(problems)
    if not parsed:
        raise ImportRejected([Problem(filename, "the file has no items")])
    return parsed


@transaction.atomic
def save(rows: list[Row], *, owner, user) -> list[ProvisionItem]:
    items = []
    for row in rows:
        item = ProvisionItem.objects.create(
            **{owner_kind(owner): owner},
            title=row.title,
            description=row.description,
            audience=row.audience,
            induction_year=row.induction_year,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            hours=row.hours,
            created_by=user,
        )
        suggest(item)
        items.append(item)
    return items

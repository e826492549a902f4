"""Importing a school's day structure and its staff timetables from CSV or Excel, as a
school's management information system exports them (columns in docs/timetables.md).

Every row is checked before anything is saved and every problem names its row and column;
the tutor sees a preview of what would change, and only then is it written, in one
transaction. A staff file replaces the timetables of the people it names, and no one else's.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import time

import tablib
from django.db import transaction

from organisations.models import School
from people.models import RolePeriod
from scheduling.models import DayPeriod, Lesson
from scheduling.solver.schema import DAYS
from tandem.imports import ImportRejected, Problem, read_table, require_columns

# The earliest and latest a school day can run; anything outside is a typing slip.
DAY_OPENS, DAY_CLOSES = time(7, 0), time(19, 0)

DAY_NAMES = {name.lower(): index for index, name in enumerate(DAYS)} | {
    name[:3].lower(): index for index, name in enumerate(DAYS)
}
KINDS = {k.value: k.value for k in DayPeriod.Kind} | {
    "after school": DayPeriod.Kind.AFTER_SCHOOL,
    "form": DayPeriod.Kind.REGISTRATION,
    "tutor time": DayPeriod.Kind.REGISTRATION,
}
ACTIVITIES = {
    "": Lesson.Activity.TEACHING,
    "teaching": Lesson.Activity.TEACHING,
    "lesson": Lesson.Activity.TEACHING,
    "release": Lesson.Activity.RELEASE,
    "induction": Lesson.Activity.RELEASE,
    "ect time": Lesson.Activity.RELEASE,
    "mentoring": Lesson.Activity.RELEASE,
    "busy": Lesson.Activity.BUSY,
    "ppa": Lesson.Activity.BUSY,
    "duty": Lesson.Activity.BUSY,
    "meeting": Lesson.Activity.BUSY,
}
DAY_COLUMNS = ("day", "period", "starts", "ends", "kind")
STAFF_COLUMNS = ("email", "week", "day", "period", "activity", "class")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def _time(value: str) -> time | None:
    match = _TIME.match(value)
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


@dataclass
class DayPlan:
    periods: list[dict] = field(default_factory=list)  # day, code, starts_at, ends_at, kind
    removed: list[str] = field(default_factory=list)  # existing periods the file drops


def parse_day(school: School, data: bytes, filename: str) -> DayPlan:
    rows = read_table(data, filename)
    require_columns(rows, ("period", "starts", "ends"), filename)
    problems: list[Problem] = []
    plan = DayPlan()
    seen: dict[tuple[int, str], int] = {}
    for number, row in enumerate(rows, start=2):
        where = f"Row {number}"
        day_text = row.get("day", "").lower()
        if day_text in ("", "all", "every day"):
            days = list(range(5))
        elif day_text in DAY_NAMES:
            days = [DAY_NAMES[day_text]]
        else:
            problems.append(Problem(f"{where}, column day", f"'{row['day']}' is not a weekday"))
            continue
        code = row.get("period", "")
        if not code or len(code) > 20:
            problems.append(
                Problem(f"{where}, column period", "give the period's name, up to 20 characters")
            )
            continue
        starts, ends = _time(row.get("starts", "")), _time(row.get("ends", ""))
        bad = False
        for column, value in (("starts", starts), ("ends", ends)):
            if value is None:
                problems.append(
                    Problem(
                        f"{where}, column {column}",
                        f"'{row.get(column, '')}' is not a time; write it as 24-hour HH:MM, "
                        "for example 09:50",
                    )
                )
                bad = True
        if bad:
            continue
        if ends <= starts:
            problems.append(Problem(f"{where}, column ends", "the period ends before it starts"))
            continue
        if starts < DAY_OPENS or ends > DAY_CLOSES:
            problems.append(
                Problem(where, "the period falls outside the school day (07:00 to 19:00)")
            )
            continue
        kind = KINDS.get(row.get("kind", "lesson").lower() or "lesson")
        if kind is None:
            problems.append(
                Problem(
                    f"{where}, column kind",
                    f"'{row['kind']}' is not a kind of period; use lesson, lunch, "
                    "after-school, break or registration",
                )
            )
            continue
        for day in days:
            if (day, code) in seen:
                problems.append(
                    Problem(
                        f"{where}, column period",
                        f"{DAYS[day]} already has a period {code} (row {seen[day, code]})",
                    )
                )
                continue
            seen[day, code] = number
            plan.periods.append(
                {
                    "day": day,
                    "day_name": DAYS[day],
                    "code": code,
                    "starts_at": starts,
                    "ends_at": ends,
                    "kind": kind,
                    "row": number,
                }
            )
    problems += _overlaps(plan.periods)
    if not plan.periods and not problems:
        problems.append(Problem(filename, "the file has no periods"))
    if problems:
        raise ImportRejected(problems)
    keep = {(p["day"], p["code"]) for p in plan.periods}
    plan.removed = [str(p) for p in school.day_periods.all() if (p.day, p.code) not in keep]
    return plan


def _overlaps(periods: list[dict]) -> list[Problem]:
    problems = []
    by_day = defaultdict(list)
    for p in periods:
        by_day[p["day"]].append(p)
    for day, items in by_day.items():
        items.sort(key=lambda p: p["starts_at"])
        for before, after in zip(items, items[1:], strict=False):
            if after["starts_at"] < before["ends_at"]:
                problems.append(
                    Problem(
                        f"Row {after['row']}",
                        f"{after['code']} overlaps {before['code']} (row {before['row']}) on "
                        f"{DAYS[day]}",
                    )
                )
    return problems


@transaction.atomic
def apply_day(school: School, plan: DayPlan) -> int:
    """Update periods in place by day and name, so timetables that refer to them survive;
    periods the file no longer has go, with their lessons and slots."""
    existing = {(p.day, p.code): p for p in school.day_periods.all()}
    keep = set()
    for spec in plan.periods:
        key = (spec["day"], spec["code"])
        keep.add(key)
        fields = {k: spec[k] for k in ("starts_at", "ends_at", "kind")}
        if key in existing:
            period = existing[key]
            for name, value in fields.items():
                setattr(period, name, value)
            period.save(update_fields=list(fields))
        else:
            DayPeriod.objects.create(school=school, day=spec["day"], code=spec["code"], **fields)
    gone = [p.pk for key, p in existing.items() if key not in keep]
    DayPeriod.objects.filter(pk__in=gone).delete()
    return len(plan.periods)


@dataclass
class StaffPlan:
    # person id -> list of (week, period id, activity, label)
    lessons: dict[int, list[tuple[str, int, str, str]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    def summary(self) -> list[dict]:
        rows = []
        for person_id, lessons in sorted(self.lessons.items(), key=lambda i: self.names[i[0]]):
            counts = defaultdict(int)
            for _week, _period, activity, _label in lessons:
                counts[activity] += 1
            rows.append({"name": self.names[person_id], **counts, "total": len(lessons)})
        return rows


def parse_staff(school: School, data: bytes, filename: str) -> StaffPlan:
    rows = read_table(data, filename)
    require_columns(rows, ("email", "day", "period"), filename)
    problems: list[Problem] = []
    periods = {(p.day, p.code.lower()): p for p in school.day_periods.all()}
    if not periods:
        raise ImportRejected(
            [Problem(filename, "import the school day first: the timetable refers to its periods")]
        )
    staff = {
        rp.person.email.lower(): rp.person
        for rp in RolePeriod.objects.current().filter(school=school).select_related("person")
    }
    weeks = ("A", "B") if school.timetable_weeks == 2 else ("A",)
    plan = StaffPlan()
    seen: dict[tuple[int, str, int], int] = {}
    for number, row in enumerate(rows, start=2):
        where = f"Row {number}"
        email = row.get("email", "").lower()
        person = staff.get(email)
        if person is None:
            problems.append(
                Problem(
                    f"{where}, column email",
                    f"'{row.get('email', '')}' is not a member of staff at {school.name} in "
                    "Tandem; add them first, or check the address",
                )
            )
            continue
        week = row.get("week", "").upper() or "A"
        if week not in weeks:
            problems.append(
                Problem(
                    f"{where}, column week",
                    f"'{row.get('week')}' is not a week of this school's timetable; use "
                    + (" or ".join(weeks) if len(weeks) > 1 else "A, or leave it empty"),
                )
            )
            continue
        day = DAY_NAMES.get(row.get("day", "").lower())
        if day is None:
            problems.append(Problem(f"{where}, column day", f"'{row.get('day')}' is not a weekday"))
            continue
        period = periods.get((day, row.get("period", "").lower()))
        if period is None:
            problems.append(
                Problem(
                    f"{where}, column period",
                    f"'{row.get('period')}' is not a period of the school day on {DAYS[day]}",
                )
            )
            continue
        activity = ACTIVITIES.get(row.get("activity", "").lower())
        if activity is None:
            problems.append(
                Problem(
                    f"{where}, column activity",
                    f"'{row.get('activity')}' is not an activity; use teaching, release "
                    "(induction or mentoring time) or busy (PPA, duties)",
                )
            )
            continue
        key = (person.pk, week, period.pk)
        if key in seen:
            problems.append(
                Problem(
                    where,
                    f"{person} already has something in week {week}, {DAYS[day]} "
                    f"{period.code} (row {seen[key]}): one person cannot be in two lessons",
                )
            )
            continue
        seen[key] = number
        plan.names[person.pk] = person.full_name
        plan.lessons.setdefault(person.pk, []).append(
            (week, period.pk, activity, row.get("class", "")[:60])
        )
    if not plan.lessons and not problems:
        problems.append(Problem(filename, "the file has no lessons"))
    if problems:
        raise ImportRejected(problems)
    return plan


@transaction.atomic
def apply_staff(school: School, plan: StaffPlan) -> int:
    Lesson.objects.filter(school=school, person_id__in=plan.lessons).delete()
    Lesson.objects.bulk_create(
        Lesson(
            school=school,
            person_id=person_id,
            week=week,
            period_id=period_id,
            activity=activity,
            label=label,
        )
        for person_id, lessons in plan.lessons.items()
        for week, period_id, activity, label in lessons
    )
    return sum(len(lessons) for lessons in plan.lessons.values())


def export_staff(school: School) -> str:
    """The school's timetables in the import format, to edit and import again."""
    dataset = tablib.Dataset(headers=list(STAFF_COLUMNS))
    lessons = Lesson.objects.filter(school=school).select_related("person", "period")
    for lesson in lessons.order_by("person__email", "week", "period__day", "period__starts_at"):
        dataset.append(
            [
                lesson.person.email,
                lesson.week if school.timetable_weeks == 2 else "",
                DAYS[lesson.period.day],
                lesson.period.code,
                lesson.activity,
                lesson.label,
            ]
        )
    return dataset.export("csv")


def export_day(school: School) -> str:
    dataset = tablib.Dataset(headers=list(DAY_COLUMNS))
    for period in school.day_periods.all():
        dataset.append(
            [
                DAYS[period.day],
                period.code,
                period.starts_at.strftime("%H:%M"),
                period.ends_at.strftime("%H:%M"),
                period.kind,
            ]
        )
    return dataset.export("csv")

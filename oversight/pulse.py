"""Pulse checks: who is asked (ECTs and mentors, in the role and school they hold today),
which week an answer is for, signed links for answering from an email, and aggregates that
hide any group of fewer than MIN_GROUP people."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.core import signing
from django.db.models import Avg, Count
from django.utils import timezone

from oversight.models import PulseCheck
from people.models import Role, RolePeriod
from tandem.permissions import MIN_GROUP

LINK_DAYS = 14  # an emailed link works for two weeks
SALT = "tandem.pulse"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def pulse_roles(user, today: date | None = None) -> list[tuple[str, int]]:
    """(role, school id) pairs the person answers in: ECT and mentor roles held today."""
    rows = (
        RolePeriod.objects.current(today)
        .filter(person=user, role__in=[Role.ECT, Role.MENTOR])
        .order_by("role", "school_id")
        .values_list("role", "school_id")
    )
    seen, out = set(), []
    for role, school_id in rows:
        if role not in seen:
            seen.add(role)
            out.append((role, school_id))
    return out


def answered(user, role: str, today: date | None = None) -> PulseCheck | None:
    week = monday(today or timezone.localdate())
    return PulseCheck.objects.filter(person=user, role=role, week_of=week).first()


def make_link_token(user_id: int, role: str, week: date) -> str:
    return signing.dumps({"p": user_id, "r": role, "w": week.isoformat()}, salt=SALT)


def read_link_token(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None


def save_answer(*, person, role: str, school_id: int, week: date, data: dict) -> PulseCheck:
    """One answer per person, role and week: answering again replaces it."""
    check, _created = PulseCheck.objects.update_or_create(
        person=person,
        role=role,
        week_of=week,
        defaults={"school_id": school_id, **data},
    )
    return check


@dataclass
class WeekResult:
    week_of: date
    people: int
    workload: float | None
    confidence: float | None
    supported: float | None


def weekly_results(checks, *, role: str | None = None) -> list[WeekResult]:
    """Averages by week over a queryset of pulse checks, hidden for weeks with fewer than
    MIN_GROUP people (one query)."""
    if role:
        checks = checks.filter(role=role)
    rows = (
        checks.values("week_of")
        .annotate(
            n=Count("person", distinct=True),
            workload=Avg("workload"),
            confidence=Avg("confidence"),
            supported=Avg("supported"),
        )
        .order_by("week_of")
    )
    out = []
    for row in rows:
        shown = row["n"] >= MIN_GROUP
        out.append(
            WeekResult(
                row["week_of"],
                row["n"],
                *(row[k] if shown else None for k in ("workload", "confidence", "supported")),
            )
        )
    return out


def by_school(checks, since: date) -> dict[int, dict]:
    """school id -> {'people': n, 'score': average of the three answers or None when fewer
    than MIN_GROUP people answered} over the period (one query)."""
    rows = (
        checks.filter(week_of__gte=since)
        .values("school")
        .annotate(
            n=Count("person", distinct=True),
            workload=Avg("workload"),
            confidence=Avg("confidence"),
            supported=Avg("supported"),
        )
    )
    out = defaultdict(lambda: {"people": 0, "score": None})
    for row in rows:
        score = (row["workload"] + row["confidence"] + row["supported"]) / 3
        out[row["school"]] = {
            "people": row["n"],
            "score": score if row["n"] >= MIN_GROUP else None,
        }
    return out

"""When slots happen in real dates, and each person's calendar as iCalendar.

A slot repeats every fortnight (every week when a weekly meeting has the same time in week
A and week B) in term time only. In the .ics each stretch of term between holidays is one
recurring event, so Outlook and Google Calendar show nothing in the holidays; times carry
the Europe/London time zone, so a 10:00 meeting stays at 10:00 when the clocks change.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.db.models import Q
from django.utils import timezone

from organisations.models import Term
from people.models import Role
from scheduling.models import ScheduleSettings, Slot, TrustEvent, settings_for
from scheduling.solver.schema import DAYS
from tandem import permissions

LONDON = ZoneInfo("Europe/London")
# A review meeting is held in the fortnight before its record is due.
REVIEW_WINDOW = timedelta(days=14)


def term_stretches(terms: list[Term]) -> list[tuple[date, date]]:
    """Stretches of school days between holidays: each term, split at its half term."""
    stretches = []
    for term in sorted(terms, key=lambda t: t.starts_on):
        if term.half_term_starts_on and term.half_term_ends_on:
            stretches.append((term.starts_on, term.half_term_starts_on - timedelta(days=1)))
            stretches.append((term.half_term_ends_on + timedelta(days=1), term.ends_on))
        else:
            stretches.append((term.starts_on, term.ends_on))
    return stretches


@dataclass
class Series:
    """One slot (or a weekly pair of slots at the same time) over one stretch of term."""

    slots: list[Slot]
    first: date
    last: date
    every_weeks: int

    def dates(self) -> list[date]:
        days, day = [], self.first
        while day <= self.last:
            days.append(day)
            day += timedelta(weeks=self.every_weeks)
        return days


def _weekly_groups(slots: list[Slot]) -> list[list[Slot]]:
    """A pair's weekly meeting at the same time in both weeks becomes one weekly series."""
    groups = defaultdict(list)
    for slot in slots:
        if slot.kind == Slot.Kind.MEETING and slot.mentorship_id:
            groups[slot.mentorship_id, slot.period_id].append(slot)
        else:
            groups["single", slot.pk].append(slot)
    return list(groups.values())


def series_for(
    slots: list[Slot], settings: ScheduleSettings, terms: list[Term], start: date, end: date
) -> list[Series]:
    out = []
    stretches = term_stretches(terms)
    for group in _weekly_groups([s for s in slots if s.kind != Slot.Kind.REVIEW]):
        slot = group[0]
        weeks = {s.week for s in group}
        every = 1 if weeks == {"A", "B"} else 2
        for first_day, last_day in stretches:
            first_day, last_day = max(first_day, start, slot.since), min(last_day, end)
            day = first_day + timedelta(days=(slot.period.day - first_day.weekday()) % 7)
            if every == 2:
                while day <= last_day and settings.week_of(day) != slot.week:
                    day += timedelta(weeks=1)
            if day > last_day:
                continue
            count = (last_day - day).days // (7 * every)
            out.append(Series(group, day, day + timedelta(weeks=every * count), every))
    return out


def review_date(slot: Slot, settings: ScheduleSettings, terms: list[Term]) -> date | None:
    """The one day a review meeting happens: its slot's last occurrence in term time before
    the record is due."""
    if slot.due_on is None:
        return None
    in_term = {d for a, b in term_stretches(terms) for d in _days(a, b)}
    day = slot.due_on
    while day > slot.due_on - REVIEW_WINDOW:
        if (
            day.weekday() == slot.period.day
            and day in in_term
            and settings.week_of(day) == slot.week
        ):
            return day
        day -= timedelta(days=1)
    return None


def _days(first: date, last: date):
    while first <= last:
        yield first
        first += timedelta(days=1)


def slots_of(user) -> list[Slot]:
    """Every current slot this person takes part in, as mentor, ECT or induction tutor."""
    today = timezone.localdate()
    current_mentorship = Q(mentorship__isnull=True) | (
        Q(mentorship__starts_on__lte=today)
        & (Q(mentorship__ends_on__isnull=True) | Q(mentorship__ends_on__gte=today))
    )
    # Only the schools where the person holds one of these roles today (known already, from
    # the permissions module): narrowing by the slot's own indexed school first saves a scan
    # of every slot in the country for the OR across joined tables below.
    schools = permissions.access_for(user).school_ids(Role.ECT, Role.MENTOR, Role.INDUCTION_TUTOR)
    return list(
        Slot.objects.filter(school__in=schools)
        .filter(Q(mentorship__mentor=user) | Q(induction__ect=user) | Q(tutor=user))
        .filter(current_mentorship)
        .select_related("period", "school", "induction__ect", "mentorship__mentor", "tutor")
        .order_by("pk")
    )


def events_of(user) -> list[TrustEvent]:
    """Placed trust events for the schools where this person mentors today: two queries,
    however many events there are."""
    today = timezone.localdate()
    mentoring = dict(
        user.role_periods.filter(role="mentor")
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)
        .values_list("school_id", "school__trust_id")
    )
    if not mentoring:
        return []
    candidates = (
        TrustEvent.objects.filter(trust__in=set(mentoring.values()), day__isnull=False)
        .select_related("trust")
        .prefetch_related("schools", "people")
    )
    return [e for e in candidates if _invited(e, user.pk, mentoring)]


def _invited(event: TrustEvent, user_id: int, mentoring: dict) -> bool:
    people = event.people.all()
    if people:
        return any(p.pk == user_id for p in people)
    return not event.schools.all() or any(s.pk in mentoring for s in event.schools.all())


def title(slot: Slot, user) -> str:
    ect = slot.induction.ect
    if slot.kind == Slot.Kind.REVIEW:
        other = slot.tutor if user.pk == ect.pk else ect
        return f"Progress review meeting with {other.full_name}"
    mentor = slot.mentorship.mentor
    other = mentor if user.pk == ect.pk else ect
    label = "Observation" if slot.kind == Slot.Kind.OBSERVATION else "Mentor meeting"
    return f"{label} with {other.full_name}"


@dataclass
class Entry:
    """One thing in a person's calendar: a single event, or a series repeating every
    `every_weeks` weeks from `starts` until `last`."""

    uid: str
    title: str
    starts: datetime
    minutes: int
    description: str
    every_weeks: int | None = None
    last: date | None = None
    slot: Slot | None = None
    event: TrustEvent | None = None

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)

    def expanded(self) -> list["Entry"]:
        """One entry per occurrence."""
        if not self.every_weeks or self.last is None:
            return [self]
        step = timedelta(weeks=self.every_weeks)
        out, day = [], self.starts.date()
        while day <= self.last:
            starts = _at(day, self.starts.timetz().replace(tzinfo=None))
            out.append(replace(self, starts=starts, every_weeks=None, last=None))
            day += step
        return out


def _at(day: date, clock) -> datetime:
    return datetime.combine(day, clock, tzinfo=LONDON)


def entries(user, start: date, end: date) -> list[Entry]:
    """Everything in this person's calendar between two days: series of meetings and
    observations, review meetings and trust events."""
    found = []
    for school, slots in _by_school(slots_of(user)).items():
        settings, terms = settings_for(school), list(school.terms.all())
        for series in series_for(slots, settings, terms, start, end):
            slot = series.slots[0]
            found.append(
                Entry(
                    uid=f"slot-{'-'.join(str(s.pk) for s in series.slots)}-{series.first}@tandem",
                    title=title(slot, user),
                    starts=_at(series.first, slot.period.starts_at),
                    minutes=slot.minutes,
                    description=_description(slot),
                    every_weeks=series.every_weeks if series.last > series.first else None,
                    last=series.last,
                    slot=slot,
                )
            )
        for slot in slots:
            day = review_date(slot, settings, terms) if slot.kind == Slot.Kind.REVIEW else None
            if day and start <= day <= end:
                found.append(
                    Entry(
                        uid=f"review-{slot.pk}@tandem",
                        title=title(slot, user),
                        starts=_at(day, slot.period.starts_at),
                        minutes=slot.minutes,
                        description="Before the progress review or assessment is due.",
                        slot=slot,
                    )
                )
    for event in events_of(user):
        for day in event.dates:
            if start <= day <= end:
                found.append(
                    Entry(
                        uid=f"event-{event.pk}-{day}@tandem",
                        title=event.title,
                        starts=_at(day, event.starts_at),
                        minutes=event.minutes,
                        description=f"{event.get_kind_display()}, {event.trust}.",
                        event=event,
                    )
                )
    return found


def occurrences(user, start: date, end: date) -> list[Entry]:
    """This person's protected time between two days, one entry a time, in date order."""
    expanded = [one for entry in entries(user, start, end) for one in entry.expanded()]
    return sorted(expanded, key=lambda e: e.starts)


def _by_school(slots: list[Slot]) -> dict:
    grouped = defaultdict(list)
    for slot in slots:
        grouped[slot.school].append(slot)
    return grouped


def ics_for(user, start: date, end: date) -> bytes:
    """The person's calendar as iCalendar: recurring series across term, single events for
    review meetings and trust events."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Tandem//Protected time//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Tandem: protected time")
    cal.add("x-wr-timezone", "Europe/London")
    stamp = datetime.now(UTC)
    for entry in entries(user, start, end):
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", entry.starts)
        event.add("dtend", entry.ends)
        event.add("description", entry.description)
        event.add("transp", "OPAQUE")
        if entry.every_weeks:
            until = _at(entry.last, entry.starts.timetz().replace(tzinfo=None)).astimezone(UTC)
            event.add("rrule", {"freq": "weekly", "interval": entry.every_weeks, "until": until})
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _description(slot: Slot) -> str:
    period = slot.period
    where = f"{DAYS[period.day]} {period.code}, week {slot.week}"
    note = " Cover is needed for the mentor's class." if slot.needs_cover else ""
    return f"Protected time scheduled by Tandem ({where}).{note}"

"""The statutory induction calendar: when each progress review and formal assessment falls.

Plain Python, no Django, so the rules can be read and tested on their own:
- induction lasts the equivalent of six full-time school terms;
- each school day served counts in proportion to the ECT's working pattern, so at 0.6 FTE
  induction takes ten terms;
- once absences add up to 30 working days or more, induction is extended by all of them:
  the days absent no longer count as served;
- a formal assessment falls on the day half of induction has been served (the midpoint,
  normally the end of term 3) and on the day all of it has (normally the end of term 6);
  every other term served holds a progress review;
- terms served at an earlier school count; each point belongs to the school the ECT is at
  when it falls.

School days are the weekdays of a term outside its half-term break. Bank holidays and
closure days are not known, so they count as school days. Where a school's term dates run
out before induction ends, later terms are projected from its last full year and marked as
estimates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache

TERMS_OF_INDUCTION = 6
MIDPOINT = Fraction(TERMS_OF_INDUCTION, 2)
ABSENCE_EXTENDS_FROM = 30  # working days
REPORT_WITHIN = 10  # working days, to the appropriate body

PROGRESS_REVIEW = "progress_review"
FORMAL_ASSESSMENT = "formal_assessment"


@dataclass(frozen=True)
class TermDates:
    label: str
    starts_on: date
    ends_on: date
    break_starts_on: date | None = None
    break_ends_on: date | None = None
    estimated: bool = False

    def school_days(self) -> tuple[date, ...]:
        return _school_days(self)

    @property
    def key(self) -> tuple[int, int]:
        """(school year, 0 for autumn, 1 spring, 2 summer): the same term at any school."""
        start = self.starts_on
        year = start.year if start.month >= 8 else start.year - 1
        season = 0 if start.month >= 8 else (1 if start.month < 4 else 2)
        return year, season

    def shifted(self, weeks: int) -> TermDates:
        step = timedelta(weeks=weeks)

        def move(day: date | None) -> date | None:
            return day + step if day else None

        years = round(weeks / 52)
        words = self.label.rsplit(" ", 1)
        label = (
            f"{words[0]} {int(words[1]) + years}"
            if len(words) == 2 and words[1].isdigit()
            else self.label
        )
        return replace(
            self,
            label=label,
            starts_on=self.starts_on + step,
            ends_on=self.ends_on + step,
            break_starts_on=move(self.break_starts_on),
            break_ends_on=move(self.break_ends_on),
            estimated=True,
        )


@lru_cache(maxsize=4096)
def _school_days(term: TermDates) -> tuple[date, ...]:
    days = []
    day = term.starts_on
    while day <= term.ends_on:
        in_break = (
            term.break_starts_on is not None
            and term.break_ends_on is not None
            and term.break_starts_on <= day <= term.break_ends_on
        )
        if day.weekday() < 5 and not in_break:
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


@dataclass(frozen=True)
class Placement:
    """The ECT at one school from one date to another, at one working pattern."""

    school: Hashable
    starts_on: date
    ends_on: date | None
    fte: Fraction
    terms: tuple[TermDates, ...]


@dataclass(frozen=True)
class Point:
    kind: str  # PROGRESS_REVIEW or FORMAL_ASSESSMENT
    number: int  # progress reviews count from 1; formal assessments are 1 (midpoint), 2 (final)
    term: TermDates
    school: Hashable
    due_on: date
    report_by: date | None = None

    @property
    def estimated(self) -> bool:
        return self.term.estimated


@dataclass
class InductionCalendar:
    points: list[Point] = field(default_factory=list)
    absence_days: int = 0
    extended: bool = False
    # Why the calendar stops short of the final assessment, if it does.
    incomplete: str = ""
    # For served_on(): per stretch of counted days in one term, (its days, the total served
    # before it, the share of a term each day adds).
    _served: list[tuple[tuple[date, ...], Fraction, Fraction]] = field(
        default_factory=list, repr=False
    )

    @property
    def ends_on(self) -> date | None:
        final = [p for p in self.points if p.kind == FORMAL_ASSESSMENT and p.number == 2]
        return final[0].due_on if final else None

    def served_on(self, day: date) -> Fraction:
        """Terms served by the end of this day."""
        served = Fraction(0)
        for days, before, share in self._served:
            if days[0] > day:
                break
            served = before + share * bisect_right(days, day)
        return min(served, Fraction(TERMS_OF_INDUCTION))

    def next_point(self, day: date) -> Point | None:
        return next((p for p in self.points if p.due_on >= day), None)


def working_days_after(day: date, count: int) -> date:
    """The date `count` weekdays after `day`."""
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _with_projection(terms: tuple[TermDates, ...], until: date) -> list[TermDates]:
    """The school's terms and, after its last full year of known dates, that year repeated
    a whole number of weeks later (so weekdays stay weekdays) until `until`."""
    known = sorted(terms, key=lambda t: t.starts_on)
    by_year: dict[int, list[TermDates]] = {}
    for term in known:
        by_year.setdefault(term.key[0], []).append(term)
    full_years = [year for year, ts in by_year.items() if len(ts) == 3]
    if not full_years:
        return known
    pattern = by_year[max(full_years)]
    projected = list(known)
    years = 1
    while projected[-1].ends_on < until:
        weeks = round(365.25 * years / 7)
        for term in pattern:
            moved = term.shifted(weeks)
            if moved.starts_on > projected[-1].ends_on:
                projected.append(moved)
        years += 1
    return projected


def _stretches(
    started_on: date, placements: list[Placement], horizon: date
) -> Iterator[tuple[Placement, TermDates, tuple[date, ...]]]:
    """The school days the ECT is placed, in order, a term of one placement at a time."""
    for index, placement in enumerate(placements):
        start = max(placement.starts_on, started_on)
        open_ended = placement.ends_on is None and index == len(placements) - 1
        end = horizon if open_ended else (placement.ends_on or start)
        terms = _with_projection(placement.terms, end) if open_ended else placement.terms
        for term in sorted(terms, key=lambda t: t.starts_on):
            if term.ends_on < start or term.starts_on > end:
                continue
            days = term.school_days()
            if start > term.starts_on or end < term.ends_on:
                days = tuple(day for day in days if start <= day <= end)
            if days:
                yield placement, term, days


def _absent_days(absences: list[tuple[date, date]]) -> set[date]:
    days: set[date] = set()
    for start, end in absences:
        day = start
        while day <= end:
            days.add(day)
            day += timedelta(days=1)
    return days


def build_calendar(
    started_on: date,
    placements: list[Placement],
    absences: list[tuple[date, date]] = (),
    *,
    horizon_years: int = 25,
) -> InductionCalendar:
    """Every statutory point of one induction, in order."""
    calendar = InductionCalendar()
    placements = sorted(placements, key=lambda p: p.starts_on)
    missing = [p.school for p in placements if not p.terms]
    if not placements or missing:
        calendar.incomplete = (
            f"No term dates are known for {missing[0]}."
            if missing
            else "The ECT is not placed at a school."
        )
        return calendar
    horizon = started_on + timedelta(days=365 * horizon_years)
    absent = _absent_days(list(absences))
    if absent:
        last_absent = max(absent)
        working_days_absent = Fraction(0)
        for placement, _, days in _stretches(started_on, placements, horizon):
            if days[0] > last_absent:
                break
            working_days_absent += placement.fte * len(absent.intersection(days))
        calendar.absence_days = round(working_days_absent)
    calendar.extended = calendar.absence_days >= ABSENCE_EXTENDS_FROM

    thresholds = [(1, MIDPOINT), (2, Fraction(TERMS_OF_INDUCTION))]
    total = Fraction(0)
    # Calendar terms in the order served, each with the term and school of its last day.
    last_day_of: dict[tuple[int, int], tuple[TermDates, Hashable]] = {}
    assessed: dict[tuple[int, int], Point] = {}
    for placement, term, days in _stretches(started_on, placements, horizon):
        last_day_of[term.key] = (term, placement.school)
        if calendar.extended and absent.intersection(days):
            days = tuple(day for day in days if day not in absent)
            if not days:
                continue
        share = placement.fte / len(term.school_days())
        calendar._served.append((days, total, share))
        gained = total + share * len(days)
        for number, threshold in thresholds:
            if total < threshold <= gained:
                # The day it is reached: the first whole number of days' shares that gets there.
                needed = -((total - threshold) // share)  # ceiling division
                day = days[int(needed) - 1]
                assessed[term.key] = Point(
                    FORMAL_ASSESSMENT,
                    number,
                    term,
                    placement.school,
                    due_on=day,
                    report_by=working_days_after(day, REPORT_WITHIN),
                )
        total = gained
        if total >= TERMS_OF_INDUCTION:
            break
    else:
        last = placements[-1]
        calendar.incomplete = (
            f"The ECT is not placed at a school after {last.ends_on:%-d %B %Y}."
            if last.ends_on
            else "Term dates run out before induction ends."
        )

    reviews = 0
    for key, (term, school) in last_day_of.items():
        if key in assessed:
            calendar.points.append(assessed[key])
            continue
        reviews += 1
        calendar.points.append(Point(PROGRESS_REVIEW, reviews, term, school, due_on=term.ends_on))
    return calendar

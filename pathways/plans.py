"""Each ECT's pathway now: loads the programme, the latest starting-point review, agreed
pull-forwards, progress and the school calendar, and asks pathways.sequencing for the plan.

Loads in batches (a fixed number of queries for any number of ECTs), because the mentor's
and tutor's pages show every ECT's place on their pathway.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from django.db.models import Prefetch
from django.utils import timezone

from assessments.calendar import InductionCalendar, TermDates
from assessments.schedule import calendars_for
from pathways.models import PartProgress, PullForward, StartingPointReview
from pathways.sequencing import (
    AREAS,
    DEVELOPING,
    Plan,
    PlanError,
    PlanItem,
    ProgrammeSpec,
    Review,
    SessionSpec,
    build_plan,
)
from pathways.sequencing import PullForward as Pull
from people.models import Induction
from programmes.models import Programme, Session, StudyPart
from provision.overlaps import covered_sessions

MINUTES_A_WEEK = 60  # the most study an ECT is asked for in a week, full time


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class Pathway:
    induction: Induction
    review: StartingPointReview | None
    plan: Plan | None
    error: str
    week_starts: list[date]  # the Monday of each week of the plan, from this week
    sessions: dict[int, Session]
    progress: dict[int, PartProgress]  # by study part
    pulls: list[PullForward] = field(default_factory=list)
    minutes_per_week: int = MINUTES_A_WEEK
    # What the plan was built from, so a change can be tried before it is saved.
    inputs: dict = field(default_factory=dict)
    calendar: InductionCalendar | None = None

    def plan_with(self, pull: Pull) -> Plan:
        """The plan if this topic were also pulled forward; PlanError if it cannot be."""
        if not self.inputs:
            raise PlanError(self.error or "There is no pathway to change yet.")
        inputs = dict(self.inputs)
        inputs["pulled"] = [*inputs["pulled"], pull]
        return build_plan(**inputs)

    @property
    def this_week(self) -> PlanItem | None:
        if self.plan is None:
            return None
        return next((i for i in self.plan.items if i.weeks[0][0] == 0), None)

    def session_of(self, item: PlanItem) -> Session:
        return self.sessions[item.session_id]

    def starts_on(self, item: PlanItem) -> date | None:
        week = item.weeks[0][0]
        return self.week_starts[week] if week < len(self.week_starts) else None

    def parts_done(self, session: Session) -> int:
        return sum(
            1
            for part in session.parts.all()
            if part.pk in self.progress and self.progress[part.pk].done_on
        )

    @property
    def feedback(self) -> list[PartProgress]:
        """Parts the ECT judged, the latest first: what helped and what did not, now."""
        judged = [p for p in self.progress.values() if p.verdict]
        return sorted(judged, key=lambda p: (p.updated_at, p.pk), reverse=True)

    @property
    def not_relevant(self) -> list[PartProgress]:
        return [p for p in self.progress.values() if p.verdict == PartProgress.Verdict.NOT_RELEVANT]

    @property
    def sessions_done(self) -> int:
        return sum(
            1
            for session in self.sessions.values()
            if session.parts.all() and self.parts_done(session) == len(session.parts.all())
        )


def _programme_spec(programme: Programme) -> tuple[ProgrammeSpec, dict[int, Session]]:
    sessions = list(
        programme.sessions_in_order().prefetch_related(
            "statements",
            "prerequisites",
            Prefetch("parts", queryset=StudyPart.objects.order_by("position")),
        )
    )
    statement_areas = dict(
        programme.framework.statements.values_list("pk", "area__number").order_by()
    )
    specs = tuple(
        SessionSpec(
            id=s.pk,
            order=order,
            title=s.title,
            statements=frozenset(st.pk for st in s.statements.all()),
            minutes=sum(p.minutes for p in s.parts.all()),
            prerequisites=frozenset(p.pk for p in s.prerequisites.all()),
            variant_group=s.variant_group,
            phases=frozenset(s.phases),
            subjects=frozenset(s.subjects),
        )
        for order, s in enumerate(sessions)
    )
    return ProgrammeSpec(specs, statement_areas), {s.pk: s for s in sessions}


def study_weeks(terms: list[TermDates], start: date, end: date) -> list[date]:
    """The Monday of every week from `start`'s week to `end` with a school day in it."""
    weeks = set()
    first = monday(start)
    for term in terms:
        for day in term.school_days():
            if first <= day <= end:
                weeks.add(monday(day))
    return sorted(weeks)


def _review_input(induction: Induction, review: StartingPointReview | None) -> Review:
    areas = {n: review.standing(n) if review else DEVELOPING for n in range(1, AREAS + 1)}
    return Review(
        areas=areas,
        phase=induction.phase,
        subjects=frozenset(induction.subjects),
        school_priorities=frozenset(review.school_priorities if review else ()),
    )


def pathways_for(inductions: list[Induction], today: date | None = None) -> dict[int, Pathway]:
    """The pathway of each induction, in a fixed number of queries."""
    today = today or timezone.localdate()
    this_monday = monday(today)
    ids = [i.pk for i in inductions]
    reviews: dict[int, StartingPointReview] = {}
    for review in StartingPointReview.objects.filter(induction_id__in=ids).order_by(
        "reviewed_on", "pk"
    ):
        reviews[review.induction_id] = review  # the latest wins
    pulls: dict[int, list[PullForward]] = defaultdict(list)
    for pull in PullForward.objects.filter(induction_id__in=ids).select_related(
        "session", "requested_by"
    ):
        pulls[pull.induction_id].append(pull)
    progress: dict[int, dict[int, PartProgress]] = defaultdict(dict)
    for row in PartProgress.objects.filter(induction_id__in=ids).select_related("part__session"):
        progress[row.induction_id][row.part_id] = row
    calendars = calendars_for(inductions)
    programmes: dict[int, tuple[ProgrammeSpec, dict[int, Session]]] = {}
    for programme in Programme.objects.filter(
        pk__in={i.programme_id for i in inductions if i.programme_id}
    ).select_related("framework"):
        programmes[programme.pk] = _programme_spec(programme)
    # Sessions the trust or school decided local training counts for (provision overlaps).
    local = covered_sessions(inductions, today)

    result = {}
    for induction in inductions:
        review = reviews.get(induction.pk)
        done_parts = progress[induction.pk]
        pathway = Pathway(induction, review, None, "", [], {}, done_parts, pulls[induction.pk])
        result[induction.pk] = pathway
        if induction.programme_id is None:
            pathway.error = "No programme has been chosen yet."
            continue
        spec, sessions = programmes[induction.programme_id]
        pathway.sessions = sessions
        calendar = calendars[induction.pk]
        pathway.calendar = calendar
        placement = induction.current_placement
        fte = Fraction(placement.fte) if placement else Fraction(1)
        pathway.minutes_per_week = max(1, round(MINUTES_A_WEEK * fte))
        end = calendar.ends_on or today + timedelta(days=2 * 365)
        # The calendar holds one point, so one TermDates, for each term of induction.
        terms = [p.term for p in calendar.points]
        pathway.week_starts = study_weeks(terms, today, end)
        # Finished before this week: not planned again. Finished this week: still shown.
        done = set()
        for session in sessions.values():
            parts = session.parts.all()
            finished = [done_parts.get(p.pk) for p in parts]
            finished_before = (
                parts
                and all(f and f.done_on for f in finished)
                and max(f.done_on for f in finished) < this_monday
            )
            if finished_before:
                done.add(session.pk)
        agreed = [
            Pull(p.session_id, p.reason)
            for p in pulls[induction.pk]
            if p.status == PullForward.Status.AGREED and p.session_id not in done
        ]
        pathway.inputs = {
            "programme": spec,
            "review": _review_input(induction, review),
            "weeks": len(pathway.week_starts),
            "minutes_per_week": pathway.minutes_per_week,
            "done": done,
            "pulled": agreed,
            "covered": local.get(induction.pk, {}),
        }
        try:
            pathway.plan = build_plan(**pathway.inputs)
        except PlanError as error:
            pathway.error = str(error)
    return result


def pathway_for(induction: Induction, today: date | None = None) -> Pathway:
    detailed = Induction.objects.with_current_details().get(pk=induction.pk)
    return pathways_for([detailed], today)[induction.pk]


def secure_skips(programme: Programme, inductions: list[Induction]) -> Counter:
    """How many of these ECTs' pathways make each session an optional refresher. Only the
    latest review and the programme decide that, so no calendar is needed."""
    spec, _ = _programme_spec(programme)
    latest: dict[int, StartingPointReview] = {}
    for review in StartingPointReview.objects.filter(induction__in=inductions).order_by(
        "reviewed_on", "pk"
    ):
        latest[review.induction_id] = review
    skips: Counter = Counter()
    for induction in inductions:
        plan = build_plan(
            spec, _review_input(induction, latest.get(induction.pk)), 0, MINUTES_A_WEEK
        )
        skips.update(sid for sid, _ in plan.optional)
    return skips

"""Each role's home page. Views only orchestrate: who may see what is decided in
tandem.permissions, and multi-row queries live on the querysets."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from assessments.schedule import calendar_for
from dashboards.homes import role_homes
from development.record import progress_of, trust_aggregate
from frameworks.models import Framework
from oversight.charts import bar_chart, line_chart
from oversight.pairs import delivered, pair_rows
from oversight.trust import load_distribution, pulse_trend, school_rows
from pathways.plans import pathways_for
from people.models import Induction, Mentorship, Role, RolePeriod
from planning.views import my_actions
from programmes.models import Programme
from scheduling.calendars import occurrences
from tandem import permissions


@login_required
def home(request: HttpRequest) -> HttpResponse:
    homes = role_homes(request.user)
    if homes:
        return redirect(homes[0].url)
    return render(request, "dashboards/no_role.html")


@login_required
def ect_home(request: HttpRequest) -> HttpResponse:
    if not permissions.access_for(request.user).has(Role.ECT):
        raise PermissionDenied("This page is for early career teachers.")
    induction = Induction.objects.with_current_details().filter(ect=request.user).first()
    if induction is None:
        return render(request, "dashboards/ect_home.html", {"induction": None})
    today = timezone.localdate()
    path = pathways_for([induction], today)[induction.pk]
    item = path.this_week
    calendar = path.calendar or calendar_for(induction)
    return render(
        request,
        "dashboards/ect_home.html",
        {
            "induction": induction,
            "pathway": path,
            "item": item,
            "session": path.session_of(item) if item else None,
            "starts_on": path.starts_on(item) if item else None,
            "today": today,
            "year": induction.year(),
            "next_point": calendar.next_point(today),
            "open_target": induction.targets.open().select_related("statement").first(),
            "protected": _next_protected(request.user, today),
            **_pulse_panel(request.user, Role.ECT),
        },
    )


def _pulse_panel(user, role: str) -> dict:
    """This week's pulse form, unless the person has answered it."""
    from oversight.forms import PulseForm
    from oversight.pulse import answered

    done = answered(user, role) is not None
    return {"pulse_role": role, "pulse_done": done, "pulse_form": None if done else PulseForm()}


def _next_protected(user, today, count: int = 3) -> list:
    """The person's next few protected meetings, observations and events."""
    return occurrences(user, today, today + timedelta(days=21))[:count]


@login_required
def mentor_home(request: HttpRequest) -> HttpResponse:
    if not permissions.access_for(request.user).has(Role.MENTOR):
        raise PermissionDenied("This page is for mentors.")
    mentee_ids = Mentorship.objects.current().for_mentor(request.user).values("induction")
    inductions = list(
        Induction.objects.filter(pk__in=mentee_ids)
        .with_current_details()
        .order_by("ect__full_name")
    )
    pathways = pathways_for(inductions)
    rows = []
    for induction in inductions:
        path = pathways[induction.pk]
        item = path.this_week
        rows.append((induction, path, path.session_of(item) if item else None))
    return render(
        request,
        "dashboards/mentor_home.html",
        {
            "rows": rows,
            "protected": _next_protected(request.user, timezone.localdate()),
            **_pulse_panel(request.user, Role.MENTOR),
            "my_actions": my_actions(request.user),
            "mentor_school": min(
                permissions.access_for(request.user).school_ids(Role.MENTOR), default=None
            ),
        },
    )


def _school_roster(school) -> dict:
    """Everything the school pages list. The pairs' figures are worked out only when the
    page's cached fragment has expired (they are lazy), in a fixed number of queries."""
    today = timezone.localdate()
    staff = list(
        RolePeriod.objects.current(today)
        .at_school(school)
        .of_role(Role.MENTOR, Role.INDUCTION_TUTOR, Role.HEADTEACHER)
        .select_related("person")
        .order_by("person__full_name")
    )

    def work_out_rows():
        inductions = list(
            Induction.objects.placed_at(school).with_current_details().order_by("ect__full_name")
        )
        return pair_rows(inductions, [school], today)

    rows = SimpleLazyObject(work_out_rows)
    mentee_counts = dict(
        Mentorship.objects.current(today)
        .filter(induction__in=Induction.objects.placed_at(school, today))
        .values("mentor")
        .annotate(n=Count("id"))
        .values_list("mentor", "n")
    )
    return {
        "rows": rows,
        "mentors": [p for p in staff if p.role == Role.MENTOR],
        "tutors": [p for p in staff if p.role == Role.INDUCTION_TUTOR],
        "heads": [p for p in staff if p.role == Role.HEADTEACHER],
        "tutor_ids": {p.person_id for p in staff if p.role == Role.INDUCTION_TUTOR},
        "mentee_counts": mentee_counts,
        "today": today,
        "delivered": SimpleLazyObject(lambda: delivered(rows)),
        "cache_seconds": settings.OVERSIGHT_CACHE_SECONDS,
    }


@login_required
def school_home(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk)
    context = _school_roster(school)
    context["school"] = school
    context["terms"] = school.terms.filter(ends_on__gte=context["today"])
    context["can_manage"] = permissions.can_manage_school(request.user, school)
    context["can_assess"] = permissions.can_assess_school(request.user, school)
    context["sees_pulses"] = permissions.sees_ect_pulses(request.user, school)
    context["my_actions"] = my_actions(request.user)
    context["development"] = progress_of(
        [p.person_id for p in context["mentors"]], context["today"]
    )
    return render(request, "dashboards/school_home.html", context)


@login_required
def head_home(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk)
    context = _school_roster(school)
    rows = context["rows"]
    context.update(
        school=school,
        year_counts=SimpleLazyObject(lambda: Counter(row.induction.year() for row in rows)),
        part_time=SimpleLazyObject(
            lambda: sum(
                1
                for row in rows
                if row.induction.current_placement and row.induction.current_placement.fte < 1
            )
        ),
        attention=SimpleLazyObject(lambda: [row for row in rows if row.flags]),
        can_assess=permissions.can_assess_school(request.user, school),
        my_actions=my_actions(request.user),
    )
    return render(request, "dashboards/head_home.html", context)


TREND_WEEKS = (4, 26)  # the shortest and longest pulse trend a coordinator may ask for


def _weeks_param(request: HttpRequest, default: int = 8) -> tuple[int, str]:
    """The trend's length from the URL, or the default with a message saying why."""
    raw = request.GET.get("weeks")
    if raw is None or raw == "":
        return default, ""
    low, high = TREND_WEEKS
    if not raw.isdigit() or not low <= int(raw) <= high:
        return default, (
            f"'{raw[:20]}' is not a number of weeks from {low} to {high}; "
            f"showing the last {default} weeks."
        )
    return int(raw), ""


@login_required
def trust_home(request: HttpRequest, pk: int) -> HttpResponse:
    trust = permissions.get_trust_for(request.user, pk, Role.COORDINATOR)
    weeks, weeks_error = _weeks_param(request)
    figures = SimpleLazyObject(lambda: _trust_figures(trust, timezone.localdate(), weeks))
    return render(
        request,
        "dashboards/trust_home.html",
        {
            "trust": trust,
            "t": figures,
            "weeks": weeks,
            "weeks_error": weeks_error,
            "min_group": permissions.MIN_GROUP,
            "cache_seconds": settings.OVERSIGHT_CACHE_SECONDS,
            "my_actions": my_actions(request.user),
        },
    )


def _trust_figures(trust, today, weeks: int) -> dict:
    """Everything the trust page shows, worked out only when its cached copy has expired."""
    rows = school_rows(trust, today, weeks)
    trend = pulse_trend([row.school.pk for row in rows], today, weeks)
    load = load_distribution(rows)
    totals = {
        "ects": sum(r.ects for r in rows),
        "mentors": sum(r.mentors for r in rows),
        "new_mentors": sum(r.new_mentors for r in rows),
        "planned": sum(r.planned for r in rows),
        "held": sum(r.held for r in rows),
        "unmentored": sum(r.unmentored for r in rows),
    }
    by_role = {role: {w.week_of: w for w in results} for role, results in trend.items()}
    all_weeks = sorted({week for results in by_role.values() for week in results})
    trend_rows = [
        (week, by_role["ect"].get(week), by_role["mentor"].get(week)) for week in all_weeks
    ]
    charts = {
        "delivered": bar_chart(
            [r.school.name for r in rows],
            {
                "Meetings held, % of planned": [
                    round(100 * r.delivered) if r.delivered is not None else None for r in rows
                ]
            },
            description="Protected meetings held as a share of planned, by school; the "
            "figures are in the table of schools.",
        )
        if any(r.planned for r in rows)
        else None,
        "load": bar_chart(
            [f"{band} ECT{'s' if band != '1' else ''}" for band in load],
            {"Mentors": list(load.values())},
            description="How many mentors have one, two, three, or four or more ECTs; the "
            "figures are in the table beside it.",
        ),
        "pulse": line_chart(
            [f"{week:%-d %b}" for week in all_weeks],
            {
                "ECTs": [_mean(ect) for _week, ect, _mentor in trend_rows],
                "Mentors": [_mean(mentor) for _week, _ect, mentor in trend_rows],
            },
            description="Average pulse check answer by week, 1 to 5, for groups of five "
            "or more; the figures are in the table beside it.",
            top=5,
        )
        if trend_rows
        else None,
    }
    return {
        "rows": rows,
        "development": trust_aggregate(trust, today),
        "totals": totals,
        "load": load,
        "trend_rows": [(week, _cell(ect), _cell(mentor)) for week, ect, mentor in trend_rows],
        "charts": charts,
    }


def _cell(week) -> str:
    if week is None:
        return "–"
    mean = _mean(week)
    if mean is None:
        return f"fewer than {permissions.MIN_GROUP}"
    return f"{mean:.2f} ({week.people} people)"


def _mean(week) -> float | None:
    if week is None or week.workload is None:
        return None
    return round((week.workload + week.confidence + week.supported) / 3, 2)


@login_required
def author_home(request: HttpRequest) -> HttpResponse:
    permissions.require_author(request.user)
    trusts = list(permissions.author_trusts(request.user))
    programmes = (
        permissions.visible_programmes(request.user)
        .select_related("framework", "owner")
        .annotate(session_count=Count("years__modules__sessions", distinct=True))
        .order_by("-is_sample", "name")
    )
    editable = {t.pk for t in trusts}
    return render(
        request,
        "dashboards/author_home.html",
        {
            "programmes": programmes,
            "editable": editable,
            "trusts": trusts,
            "frameworks": Framework.objects.annotate(statement_count=Count("statements")),
        },
    )


def _suppress(count: int) -> str:
    return (
        str(count)
        if count >= permissions.MIN_GROUP or count == 0
        else f"fewer than {permissions.MIN_GROUP}"
    )


@login_required
def evaluator_home(request: HttpRequest, pk: int) -> HttpResponse:
    trust = permissions.get_trust_for(request.user, pk, Role.EVALUATOR)
    today = timezone.localdate()
    placements = list(
        RolePeriod.objects.current(today)
        .filter(role=Role.ECT, school__trust=trust)
        .select_related("person__induction", "school")
    )
    inductions = [p.person.induction for p in placements if hasattr(p.person, "induction")]
    mentor_count = (
        RolePeriod.objects.current(today)
        .filter(role=Role.MENTOR, school__trust=trust)
        .values("person")
        .distinct()
        .count()
    )
    by_year = Counter(i.year(today) for i in inductions)
    by_phase = Counter(i.get_phase_display() for i in inductions)
    by_school_phase = Counter(p.school.get_phase_display() for p in placements)
    part_time = sum(1 for p in placements if p.fte < 1)
    return render(
        request,
        "dashboards/evaluator_home.html",
        {
            "trust": trust,
            "min_group": permissions.MIN_GROUP,
            "total": _suppress(len(inductions)),
            "by_year": [(f"Year {year}", _suppress(n)) for year, n in sorted(by_year.items())],
            "by_phase": [(phase, _suppress(n)) for phase, n in sorted(by_phase.items())],
            "by_school_phase": [(k, _suppress(n)) for k, n in sorted(by_school_phase.items())],
            "part_time": _suppress(part_time),
            "mentors": _suppress(mentor_count),
            "ratio": f"{len(inductions) / mentor_count:.1f}" if mentor_count else "–",
            "programmes": Programme.objects.filter(inductions__in=inductions).distinct(),
        },
    )

"""Each role's home page. Views only orchestrate: who may see what is decided in
tandem.permissions, and multi-row queries live on the querysets."""

from collections import Counter
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from assessments.schedule import calendar_for
from dashboards.homes import role_homes
from frameworks.models import Framework
from oversight.pairs import delivered, pair_rows
from pathways.plans import pathways_for
from people.models import Induction, Mentorship, Role, RolePeriod
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
        },
    )


def _school_roster(school) -> dict:
    """Everything the school pages list, in a fixed number of queries."""
    today = timezone.localdate()
    inductions = list(
        Induction.objects.placed_at(school).with_current_details().order_by("ect__full_name")
    )
    staff = list(
        RolePeriod.objects.current(today)
        .at_school(school)
        .of_role(Role.MENTOR, Role.INDUCTION_TUTOR, Role.HEADTEACHER)
        .select_related("person")
        .order_by("person__full_name")
    )
    tutor_ids = {p.person_id for p in staff if p.role == Role.INDUCTION_TUTOR}
    mentee_counts = Counter(i.current_mentor.pk for i in inductions if i.current_mentor is not None)
    rows = pair_rows(inductions, [school], today)
    return {
        "rows": rows,
        "mentors": [p for p in staff if p.role == Role.MENTOR],
        "tutors": [p for p in staff if p.role == Role.INDUCTION_TUTOR],
        "heads": [p for p in staff if p.role == Role.HEADTEACHER],
        "tutor_ids": tutor_ids,
        "mentee_counts": mentee_counts,
        "today": today,
        "delivered": delivered(rows),
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
    return render(request, "dashboards/school_home.html", context)


@login_required
def head_home(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk)
    context = _school_roster(school)
    rows = context["rows"]
    context.update(
        school=school,
        year_counts=Counter(row.induction.year() for row in rows),
        part_time=sum(
            1
            for row in rows
            if row.induction.current_placement and row.induction.current_placement.fte < 1
        ),
        attention=[row for row in rows if row.flags],
        can_assess=permissions.can_assess_school(request.user, school),
    )
    return render(request, "dashboards/head_home.html", context)


@login_required
def trust_home(request: HttpRequest, pk: int) -> HttpResponse:
    trust = permissions.get_trust_for(request.user, pk, Role.COORDINATOR)
    today = timezone.localdate()
    schools = list(trust.schools.all())
    counts = Counter()
    for row in (
        RolePeriod.objects.current(today)
        .filter(school__trust=trust)
        .values("school_id", "role")
        .annotate(n=Count("id"))
    ):
        counts[(row["school_id"], row["role"])] = row["n"]
    placements = RolePeriod.objects.current(today).filter(role=Role.ECT, school__trust=trust)
    mentored = set(
        Mentorship.objects.current(today)
        .filter(induction__ect__in=placements.values("person"))
        .values_list("induction__ect_id", flat=True)
    )
    year_counts: Counter = Counter()
    unmentored: Counter = Counter()
    for placement in placements.select_related("person__induction"):
        induction = getattr(placement.person, "induction", None)
        if induction is not None:
            year_counts[(placement.school_id, induction.year(today))] += 1
        if placement.person_id not in mentored:
            unmentored[placement.school_id] += 1
    rows = [
        {
            "school": school,
            "year1": year_counts[(school.pk, 1)],
            "year2": year_counts[(school.pk, 2)],
            "mentors": counts[(school.pk, Role.MENTOR)],
            "tutors": counts[(school.pk, Role.INDUCTION_TUTOR)],
            "unmentored": unmentored[school.pk],
        }
        for school in schools
    ]
    totals = {
        key: sum(row[key] for row in rows) for key in ("year1", "year2", "mentors", "unmentored")
    }
    return render(
        request, "dashboards/trust_home.html", {"trust": trust, "rows": rows, "totals": totals}
    )


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

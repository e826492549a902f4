"""Tandem's API, for a trust's or LA's own systems: people and roles, timetables, schedules
and ECTs' progress figures, read and (for people and timetables) written. Every endpoint
asks tandem.permissions, like the pages; the OpenAPI schema is at /api/v1/openapi.json.

A token is sent as `Authorization: Bearer tdm_…`; coordinators issue and revoke them at
/trusts/<id>/api-tokens/.
"""

import re
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.security import HttpBearer

from api.models import ApiToken, hash_token
from coaching.models import Meeting
from pathways.models import PartProgress
from people.forms import AddRoleForm
from people.models import Induction, RolePeriod
from people.services import add_role
from scheduling import importer
from scheduling.models import Lesson, Slot
from tandem import permissions
from tandem.imports import ImportRejected

ROW = re.compile(r"Row (\d+)")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("trust")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True)
            .first()
        )
        if found is not None:
            now = timezone.now()
            if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=5):
                ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found


api = NinjaAPI(
    title="Tandem API",
    version="1",
    description=__doc__,
    auth=TokenAuth(),
    docs_url=None,  # the interactive page loads scripts from elsewhere; the schema is enough
    urls_namespace="api",
)


class Problem(Schema):
    detail: str


@api.exception_handler(PermissionDenied)
def _forbidden(request, error):
    return api.create_response(request, {"detail": str(error)}, status=403)


@api.exception_handler(Http404)
def _not_found(request, error):
    return api.create_response(request, {"detail": str(error) or "Not found"}, status=404)


class SchoolOut(Schema):
    id: int
    name: str
    urn: str
    phase: str


class RoleOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    starts_on: date
    ends_on: date | None
    fte: float


class RoleIn(Schema):
    email: str
    full_name: str = ""
    role: str
    starts_on: date
    ends_on: date | None = None
    fte: float = 1.0
    phase: str = ""
    subjects: str = ""
    ite_provider: str = ""


class FieldProblem(Schema):
    field: str
    message: str


class Invalid(Schema):
    detail: str
    problems: list[FieldProblem]


class LessonRow(Schema):
    email: str
    week: str = ""
    day: str
    period: str
    activity: str = ""
    class_name: str = ""


class Replaced(Schema):
    entries: int
    people: int


class SlotOut(Schema):
    id: int
    kind: str
    ect_email: str
    week: str
    day: int
    period: str
    minutes: int
    pinned: bool
    needs_cover: bool


class ProgressOut(Schema):
    ect_email: str
    induction_year: int
    parts_done: int
    study_minutes: int
    parts_done_last_four_weeks: int
    meetings_last_four_weeks: int


def _role_out(period: RolePeriod) -> RoleOut:
    return RoleOut(
        id=period.pk,
        email=period.person.email,
        full_name=period.person.full_name,
        role=period.role,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        fte=float(period.fte),
    )


@api.get("/schools", response=list[SchoolOut], tags=["people"])
def schools(request):
    """The schools of the token's trust."""
    permissions.require_scope(request.auth, "people:read")
    return list(permissions.api_schools(request.auth).order_by("name"))


@api.get(
    "/schools/{school_id}/people",
    response={200: list[RoleOut], 403: Problem, 404: Problem},
    tags=["people"],
)
def people(request, school_id: int):
    """Everyone holding a role at the school today."""
    school = permissions.get_api_school(request.auth, school_id, "people:read")
    periods = RolePeriod.objects.current().filter(school=school).select_related("person")
    return [_role_out(p) for p in periods.order_by("role", "person__email")]


@api.post(
    "/schools/{school_id}/people",
    response={201: RoleOut, 403: Problem, 404: Problem, 422: Invalid},
    tags=["people"],
)
def add_person(request, school_id: int, payload: RoleIn):
    """Give a person (new or known by email) a role at the school, checked as the page checks
    it: no overlapping role, a phase for a new ECT."""
    school = permissions.get_api_school(request.auth, school_id, "people:write")
    data = payload.dict()
    form = AddRoleForm(
        {**data, "ends_on": data["ends_on"] or "", "fte": str(data["fte"])}, school=school
    )
    if not form.is_valid():
        problems = [
            {"field": field if field != "__all__" else "", "message": message}
            for field, messages in form.errors.items()
            for message in messages
        ]
        return Status(422, {"detail": "Nothing was changed.", "problems": problems})
    period, _ = add_role(school, form.cleaned_data, form.person)
    return Status(201, _role_out(period))


@api.get(
    "/schools/{school_id}/timetable",
    response={200: list[LessonRow], 403: Problem, 404: Problem},
    tags=["timetables"],
)
def timetable(request, school_id: int):
    school = permissions.get_api_school(request.auth, school_id, "timetables:read")
    lessons = Lesson.objects.filter(school=school).select_related("person", "period")
    return [
        LessonRow(
            email=lesson.person.email,
            week=lesson.week,
            day=importer.DAYS[lesson.period.day],
            period=lesson.period.code,
            activity=lesson.activity,
            class_name=lesson.label,
        )
        for lesson in lessons.order_by("person__email", "week", "period__day", "period__starts_at")
    ]


@api.put(
    "/schools/{school_id}/timetable",
    response={200: Replaced, 403: Problem, 404: Problem, 422: Invalid},
    tags=["timetables"],
)
def replace_timetable(request, school_id: int, rows: list[LessonRow]):
    """Replace the timetables of the people named, exactly as a staff file import does; every
    problem is given by row and column, and then nothing is changed."""
    school = permissions.get_api_school(request.auth, school_id, "timetables:write")
    lines = ["email,week,day,period,activity,class"]
    for row in rows:
        cells = [row.email, row.week, row.day, row.period, row.activity, row.class_name]
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    try:
        plan = importer.parse_staff(school, "\n".join(lines).encode(), "the request")
    except ImportRejected as rejected:
        # The importer counts a header row; the caller counts items of its list from 1.
        problems = [
            {"field": ROW.sub(lambda m: f"item {int(m[1]) - 1}", p.where), "message": p.message}
            for p in rejected.problems
        ]
        return Status(422, {"detail": "Nothing was changed.", "problems": problems})
    with transaction.atomic():
        entries = importer.apply_staff(school, plan)
    return Status(200, {"entries": entries, "people": len(plan.lessons)})


@api.get(
    "/schools/{school_id}/schedule",
    response={200: list[SlotOut], 403: Problem, 404: Problem},
    tags=["schedules"],
)
def schedule(request, school_id: int):
    school = permissions.get_api_school(request.auth, school_id, "schedules:read")
    slots = Slot.objects.filter(school=school).select_related("induction__ect", "period")
    return [
        SlotOut(
            id=s.pk,
            kind=s.kind,
            ect_email=s.induction.ect.email,
            week=s.week,
            day=s.period.day,
            period=s.period.code,
            minutes=s.minutes,
            pinned=s.pinned,
            needs_cover=s.needs_cover,
        )
        for s in slots.order_by("week", "period__day", "period__starts_at", "pk")
    ]


@api.get(
    "/schools/{school_id}/progress",
    response={200: list[ProgressOut], 403: Problem, 404: Problem},
    tags=["progress"],
)
def progress(request, school_id: int):
    """Figures only: how much of the programme each ECT has done and how often they met
    their mentor. Nothing developmental (notes, targets) and no assessment record."""
    school = permissions.get_api_school(request.auth, school_id, "progress:read")
    today = timezone.localdate()
    since = today - timedelta(weeks=4)
    inductions = list(Induction.objects.placed_at(school, today).select_related("ect"))
    done: dict[int, list] = {i.pk: [0, 0, 0] for i in inductions}
    for induction_id, minutes, day in PartProgress.objects.filter(
        induction__in=inductions, done_on__isnull=False
    ).values_list("induction_id", "minutes", "done_on"):
        done[induction_id][0] += 1
        done[induction_id][1] += minutes or 0
        done[induction_id][2] += day >= since
    meetings: dict[int, int] = {}
    for induction_id in Meeting.objects.filter(
        induction__in=inductions, held_on__gte=since
    ).values_list("induction_id", flat=True):
        meetings[induction_id] = meetings.get(induction_id, 0) + 1
    return [
        ProgressOut(
            ect_email=i.ect.email,
            induction_year=i.year(today),
            parts_done=done[i.pk][0],
            study_minutes=done[i.pk][1],
            parts_done_last_four_weeks=done[i.pk][2],
            meetings_last_four_weeks=meetings.get(i.pk, 0),
        )
        for i in sorted(inductions, key=lambda i: i.ect.email)
    ]

"""Protected time: timetables, the school's schedule, trust events and calendars. Who may do
what is decided in tandem.permissions; the work is in importer, loader and calendars."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.log import audited
from audit.models import AuditEvent
from organisations.models import academic_year
from people.models import Role
from scheduling import calendars, importer, loader
from scheduling.drift import school_drift
from scheduling.forms import (
    MoveSlotForm,
    ScheduleSettingsForm,
    TimetableUploadForm,
    TrustEventForm,
)
from scheduling.models import (
    CalendarFeed,
    DayPeriod,
    Lesson,
    ScheduleRun,
    Slot,
    TimetableUpload,
    TrustEvent,
    settings_for,
)
from scheduling.solver.candidates import candidates
from scheduling.solver.schema import DAYS
from scheduling.tasks import run_schedule
from tandem import permissions
from tandem.imports import ImportRejected
from tandem.permissions import SCHEDULE_CHANGE, SCHEDULE_TIMETABLE

# How far ahead a person's calendar reaches.
CALENDAR_AHEAD = timedelta(days=400)


# Timetables ---------------------------------------------------------------------------------


@login_required
def timetable(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_schedule_school_for(request.user, pk)
    periods = list(school.day_periods.all())
    loaded_people = {
        row["person"]: row["n"]
        for row in Lesson.objects.filter(school=school).values("person").annotate(n=Count("id"))
    }
    roster = loader.staff_for_timetable(school)
    return render(
        request,
        "scheduling/timetable.html",
        {
            "school": school,
            "days": _day_grid(periods),
            "roster": [(person, role, loaded_people.get(person.pk, 0)) for person, role in roster],
            "missing": [p for p, _r in roster if p.pk not in loaded_people],
            "can_upload": permissions.can_upload_timetable(request.user, school),
        },
    )


def _day_grid(periods: list[DayPeriod]) -> list[tuple[str, list[DayPeriod]]]:
    return [(name, [p for p in periods if p.day == day]) for day, name in enumerate(DAYS)]


@login_required
def timetable_upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    school = permissions.get_schedule_school_for(request.user, pk, action=SCHEDULE_TIMETABLE)
    if kind not in TimetableUpload.Kind.values:
        raise Http404("No such kind of timetable")
    form = TimetableUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(settings.UPLOAD_LIMIT_BYTES + 1)
        pending = TimetableUpload.objects.create(
            school=school,
            kind=kind,
            filename=upload.name[:200],
            content=data,
            uploaded_by=request.user,
        )
        return redirect("timetable_preview", school.pk, pending.pk)
    return render(
        request,
        "scheduling/timetable_upload.html",
        {
            "school": school,
            "form": form,
            "kind": kind,
            "kind_label": TimetableUpload.Kind(kind).label,
        },
    )


@login_required
def timetable_preview(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    school = permissions.get_schedule_school_for(request.user, pk, action=SCHEDULE_TIMETABLE)
    upload = TimetableUpload.objects.filter(
        pk=upload_pk, school=school, imported_at__isnull=True
    ).first()
    if upload is None:
        raise Http404("No such upload waiting")
    parse = importer.parse_day if upload.kind == TimetableUpload.Kind.DAY else importer.parse_staff
    apply = importer.apply_day if upload.kind == TimetableUpload.Kind.DAY else importer.apply_staff
    problems, plan = [], None
    try:
        plan = parse(school, bytes(upload.content), upload.filename)
    except ImportRejected as rejected:
        problems = rejected.problems
    if request.method == "POST" and plan is not None:
        with transaction.atomic():
            count = apply(school, plan)
            upload.imported_at = timezone.now()
            upload.save(update_fields=["imported_at"])
        messages.success(request, f"Imported {count} entries from {upload.filename}.")
        return redirect("timetable", school.pk)
    return render(
        request,
        "scheduling/timetable_preview.html",
        {"school": school, "upload": upload, "problems": problems, "plan": plan, "days": DAYS},
    )


@login_required
@audited(AuditEvent.Action.EXPORT, lambda k: f"{k['kind']} timetable (CSV)", of="school")
def timetable_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    school = permissions.get_schedule_school_for(request.user, pk)
    if kind == "day":
        text = importer.export_day(school)
    elif kind == "staff":
        text = importer.export_staff(school)
    else:
        raise Http404("No such export")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{school.urn}-{kind}.csv"'
    return response


# The school's schedule ----------------------------------------------------------------------


@login_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_schedule_school_for(request.user, pk)
    today = timezone.localdate()
    slots = list(
        Slot.objects.filter(school=school)
        .select_related("period", "induction__ect", "mentorship__mentor", "tutor")
        .order_by("induction__ect__full_name", "kind", "week")
    )
    pairs: dict[int, dict] = {}
    reviews = []
    for slot in slots:
        if slot.kind == Slot.Kind.REVIEW:
            reviews.append(slot)
            continue
        row = pairs.setdefault(
            slot.mentorship_id,
            {"mentorship": slot.mentorship, "ect": slot.induction.ect, "slots": []},
        )
        row["slots"].append(slot)
    drift = school_drift(school, today)
    for mentorship_id, row in pairs.items():
        row["drift"] = drift.get(mentorship_id)
    run = school.schedule_runs.first()
    return render(
        request,
        "scheduling/schedule.html",
        {
            "school": school,
            "pairs": list(pairs.values()),
            "reviews": reviews,
            "run": run,
            "settings": settings_for(school),
            "can_change": permissions.can_change_schedule(request.user, school),
            "has_day": school.day_periods.exists(),
            "days": DAYS,
        },
    )


@login_required
def schedule_settings(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_schedule_school_for(request.user, pk, action=SCHEDULE_CHANGE)
    form = ScheduleSettingsForm(request.POST or None, instance=settings_for(school))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Scheduling settings saved. Run the scheduler to apply them.")
        return redirect("schedule", school.pk)
    return render(request, "scheduling/settings.html", {"school": school, "form": form})


@login_required
@require_POST
def schedule_run(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_schedule_school_for(request.user, pk, action=SCHEDULE_CHANGE)
    if not school.day_periods.exists():
        messages.error(request, "Import the school day before running the scheduler.")
        return redirect("schedule", school.pk)
    running = school.schedule_runs.filter(
        status__in=[ScheduleRun.Status.QUEUED, ScheduleRun.Status.RUNNING]
    ).first()
    if running is None:
        run = ScheduleRun.objects.create(school=school, requested_by=request.user)
        # A failure inside the task is recorded on the run's row, which the page shows.
        run_schedule.enqueue(run.pk)
    return redirect("schedule", school.pk)


@login_required
def run_progress(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    """The run's progress, polled by htmx until it finishes."""
    school = permissions.get_schedule_school_for(request.user, pk)
    run = school.schedule_runs.filter(pk=run_pk).first()
    if run is None:
        raise Http404("No such run")
    response = render(
        request, "scheduling/includes/run_status.html", {"run": run, "school": school}
    )
    if run.finished and request.htmx:
        # Reload the page once, so the new slots show.
        response["HX-Refresh"] = "true"
    return response


def _slot_for(user, pk: int, slot_pk: int) -> tuple:
    school = permissions.get_schedule_school_for(user, pk, action=SCHEDULE_CHANGE)
    slot = (
        Slot.objects.filter(school=school, pk=slot_pk)
        .select_related("period", "induction__ect", "mentorship__mentor", "tutor")
        .first()
    )
    if slot is None:
        raise Http404("No such slot")
    return school, slot


@login_required
@require_POST
def slot_pin(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    school, slot = _slot_for(request.user, pk, slot_pk)
    slot.pinned = not slot.pinned
    slot.save(update_fields=["pinned"])
    messages.success(
        request,
        "Pinned: re-runs will keep this time."
        if slot.pinned
        else "Unpinned: the next run may move it.",
    )
    return redirect(f"{reverse('schedule', args=[school.pk])}#pair-{slot.induction_id}")


def move_options(school, slot: Slot) -> list[tuple[str, str]]:
    """Times the slot could move to: everyone free, and nobody booked by another slot."""
    loaded = loader.load_school(school)
    task = next((t for t in loaded.problem.tasks if t.id == slot.task_key), None)
    if task is None:
        return []
    others = Slot.objects.filter(school=school).exclude(pk=slot.pk).select_related("mentorship")
    booked = set()
    for other in others:
        for person in _people_of(other):
            booked.add((person, other.week, other.period_id))
    people = [int(p[1:]) for p in task.people]
    options = []
    for option, cover in candidates(loaded.problem, task):
        if any((person, option.week, int(option.period)) in booked for person in people):
            continue
        period = loaded.periods[option.period]
        notes = [
            n for n, on in (("needs cover", cover), ("a tired time", _tired(loaded, option))) if on
        ]
        label = f"Week {option.week}, {DAYS[period.day]}, {period.code} ({period.starts_at:%H:%M})"
        if notes:
            label += f": {', '.join(notes)}"
        options.append((f"{option.week}:{option.period}:{int(cover)}", label))
    return options


def _tired(loaded, option) -> bool:
    return loaded.problem.schools[next(iter(loaded.problem.schools))].period(option).tired


def _people_of(slot: Slot) -> list[int]:
    people = [slot.induction.ect_id]
    if slot.mentorship_id:
        people.append(slot.mentorship.mentor_id)
    if slot.tutor_id:
        people.append(slot.tutor_id)
    return people


@login_required
def slot_move(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    school, slot = _slot_for(request.user, pk, slot_pk)
    options = move_options(school, slot)
    form = MoveSlotForm(request.POST or None, options=options)
    if request.method == "POST" and form.is_valid():
        week, period_pk, cover = form.cleaned_data["choice"].split(":")
        slot.week, slot.period_id, slot.needs_cover = week, int(period_pk), cover == "1"
        slot.pinned = True
        slot.since = timezone.localdate()
        slot.save(update_fields=["week", "period", "needs_cover", "pinned", "since"])
        messages.success(request, "Moved and pinned: re-runs will keep this time.")
        return redirect(f"{reverse('schedule', args=[school.pk])}#pair-{slot.induction_id}")
    return render(
        request,
        "scheduling/slot_move.html",
        {"school": school, "slot": slot, "form": form, "has_options": bool(options)},
    )


# Trust events -------------------------------------------------------------------------------


@login_required
def trust_events(request: HttpRequest, pk: int) -> HttpResponse:
    trust = permissions.get_trust_for(request.user, pk, Role.COORDINATOR)
    form = TrustEventForm(request.POST or None, trust=trust)
    if request.method == "POST" and form.is_valid():
        event = form.save()
        messages.success(request, f"Added {event.title}. Run the scheduler to place it.")
        return redirect("trust_events", trust.pk)
    return render(
        request,
        "scheduling/trust_events.html",
        {
            "trust": trust,
            "form": form,
            "events": trust.events.prefetch_related("schools"),
            "run": trust.schedule_runs.first(),
            "days": DAYS,
        },
    )


@login_required
@require_POST
def trust_events_run(request: HttpRequest, pk: int) -> HttpResponse:
    trust = permissions.get_trust_for(request.user, pk, Role.COORDINATOR)
    if not trust.events.exists():
        messages.error(request, "Add an event first.")
        return redirect("trust_events", trust.pk)
    run = ScheduleRun.objects.create(trust=trust, requested_by=request.user)
    run_schedule.enqueue(run.pk)
    return redirect("trust_events", trust.pk)


@login_required
@require_POST
def trust_event_delete(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    trust = permissions.get_trust_for(request.user, pk, Role.COORDINATOR)
    event = TrustEvent.objects.filter(trust=trust, pk=event_pk).first()
    if event is None:
        raise Http404("No such event")
    event.delete()
    messages.success(request, f"Removed {event.title}.")
    return redirect("trust_events", trust.pk)


# Calendars ----------------------------------------------------------------------------------


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    upcoming = calendars.occurrences(request.user, today, today + timedelta(days=21))
    feed = request.user.calendar_feeds.filter(revoked_at__isnull=True).first()
    return render(
        request,
        "scheduling/my_calendar.html",
        {
            "upcoming": upcoming,
            "feed": feed,
            "feed_url": request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
            if feed
            else None,
        },
    )


@login_required
def my_calendar_download(request: HttpRequest) -> HttpResponse:
    return _ics_response(request.user, attachment=True)


@login_required
@require_POST
def my_calendar_feed(request: HttpRequest) -> HttpResponse:
    """Make a new private address; any older one stops working at once."""
    with transaction.atomic():
        request.user.calendar_feeds.filter(revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        CalendarFeed.objects.create(person=request.user)
    messages.success(request, "Your new calendar address is ready. Any older one has stopped.")
    return redirect("my_calendar")


@login_required
@require_POST
def my_calendar_revoke(request: HttpRequest) -> HttpResponse:
    request.user.calendar_feeds.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    messages.success(request, "Your calendar address no longer works.")
    return redirect("my_calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Read by calendar apps, which cannot sign in: the address is the key."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("person")
        .first()
    )
    if feed is None or not feed.person.is_active:
        raise Http404("No such calendar")
    return _ics_response(feed.person, attachment=False)


def _ics_response(user, *, attachment: bool) -> HttpResponse:
    today = timezone.localdate()
    # From the start of this school year, so a calendar app shows the autumn as well.
    body = calendars.ics_for(user, date(academic_year(today), 9, 1), today + CALENDAR_AHEAD)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if attachment:
        response["Content-Disposition"] = 'attachment; filename="tandem-protected-time.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response

"""The coaching pages of one ECT, for the ECT and their mentor only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coaching.forms import (
    AgendaItemForm,
    CheckInForm,
    MeetingForm,
    ObservationForm,
    ReflectionForm,
)
from coaching.models import AreaSupport, FollowUp, Meeting, Reflection, SupportLevel, Target
from coaching.scaffolding import support_by_area
from coaching.services import record_observation
from frameworks.models import Framework
from pathways.plans import pathway_for
from people.models import Role
from tandem import permissions


def _framework_of(induction) -> Framework:
    if induction.programme_id:
        return induction.programme.framework
    # Without a programme, coach against the most recently imported framework.
    framework = Framework.objects.order_by("-imported_at").first()
    if framework is None:
        raise Http404("No framework has been imported yet.")
    return framework


def _wearing(user, induction, role: str) -> str | None:
    """Say which hat someone wears when they also hold the tutor's role at the school."""
    school = permissions.current_school_of(induction)
    if (
        role == Role.MENTOR
        and school
        and school.pk in permissions.access_for(user).school_ids(Role.INDUCTION_TUTOR)
    ):
        return (
            "You are the induction tutor too. Here you are writing as the mentor: these notes "
            "are developmental and are not used for assessment."
        )
    return None


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_coaching_for(request.user, pk)
    observations = induction.observations.select_related("area", "observer").prefetch_related(
        "statements",
        Prefetch("targets", queryset=Target.objects.select_related("statement")),
        Prefetch("follow_ups", queryset=FollowUp.objects.select_related("target")),
    )
    reflections = induction.reflections.all()
    if role != Role.ECT:
        reflections = reflections.filter(shared_at__isnull=False)
    meetings = induction.meetings.select_related("session", "recorded_by").prefetch_related(
        "agenda_items"
    )
    entries = sorted(
        [(o.observed_on, "observation", o) for o in observations]
        + [(m.held_on, "meeting", m) for m in meetings]
        + [(r.written_on, "reflection", r) for r in reflections],
        key=lambda entry: (entry[0], entry[1] == "observation"),
        reverse=True,
    )
    return render(
        request,
        "coaching/timeline.html",
        {
            "induction": induction,
            "role": role,
            "open_target": induction.targets.open().select_related("statement__area").first(),
            "entries": entries,
            "wearing": _wearing(request.user, induction, role),
            "cleared_draft": request.GET.get("saved"),
            "check_in_form": CheckInForm(),
            "support_rows": support_by_area(induction, list(_framework_of(induction).areas.all())),
            "levels": SupportLevel.choices,
        },
    )


@login_required
def new_observation(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_coaching_for(request.user, pk, mentor_only=True)
    open_target = induction.targets.open().select_related("statement").first()
    form = ObservationForm(
        request.POST or None,
        induction=induction,
        framework=_framework_of(induction),
        open_target=open_target,
        initial={"observed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        record_observation(
            induction=induction,
            observer=request.user,
            written_as=role,
            data=form.cleaned_data,
            open_target=open_target,
            new_target=form.wants_new_target(),
        )
        messages.success(request, "Observation saved.")
        timeline_url = reverse("coaching_timeline", args=[induction.pk])
        return redirect(f"{timeline_url}?saved=observation-{induction.pk}")
    return render(
        request,
        "coaching/new_observation.html",
        {
            "form": form,
            "induction": induction,
            "open_target": open_target,
            "draft_key": f"observation-{induction.pk}",
            "wearing": _wearing(request.user, induction, role),
        },
    )


@login_required
def my_reflections(request: HttpRequest) -> HttpResponse:
    induction = getattr(request.user, "induction", None)
    if induction is None or not permissions.access_for(request.user).has(Role.ECT):
        raise PermissionDenied("Reflections belong to early career teachers.")
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reflection = form.save(commit=False)
        reflection.induction = induction
        reflection.save()
        messages.success(request, "Reflection saved. Only you can see it.")
        return redirect("my_reflections")
    return render(
        request,
        "coaching/reflections.html",
        {"form": form, "reflections": induction.reflections.all(), "induction": induction},
    )


@login_required
@require_POST
def share_reflection(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = Reflection.objects.filter(pk=pk, induction__ect=request.user).first()
    if reflection is None:
        raise Http404("No such reflection")
    if reflection.shared_at is None:
        reflection.shared_at = timezone.now()
        reflection.save(update_fields=["shared_at"])
    messages.success(request, "Shared with your mentor.")
    return redirect("my_reflections")


@login_required
def next_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda of the next meeting, built from this week's session, the open target and
    what the ECT added; the mentor records the outcomes and time spent here."""
    induction, role = permissions.get_coaching_for(request.user, pk)
    this_week = pathway_for(induction)
    item = this_week.this_week
    session = this_week.session_of(item) if item else None
    pending = induction.agenda_items.filter(meeting__isnull=True)
    form = MeetingForm(
        request.POST or None, induction=induction, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST":
        if role != Role.MENTOR:
            raise PermissionDenied("The mentor records the meeting.")
        if form.is_valid():
            with transaction.atomic():
                meeting = Meeting.objects.create(
                    induction=induction,
                    recorded_by=request.user,
                    written_as=role,
                    session=session,
                    **form.cleaned_data,
                )
                pending.update(meeting=meeting)
            messages.success(request, "Meeting recorded.")
            timeline_url = reverse("coaching_timeline", args=[induction.pk])
            return redirect(f"{timeline_url}?saved=meeting-{induction.pk}")
    return render(
        request,
        "coaching/next_meeting.html",
        {
            "induction": induction,
            "role": role,
            "session": session,
            "open_target": induction.targets.open().select_related("statement").first(),
            "pending": pending,
            "form": form,
            "agenda_form": AgendaItemForm(),
            "wearing": _wearing(request.user, induction, role),
        },
    )


@login_required
@require_POST
def add_agenda_item(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_coaching_for(request.user, pk)
    if role != Role.ECT:
        raise PermissionDenied("The ECT adds their own agenda items.")
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        item = form.save(commit=False)
        item.induction = induction
        item.save()
        messages.success(request, "Added to the next meeting's agenda.")
    else:
        messages.error(request, "Write what you want to talk about (up to 500 characters).")
    return redirect("next_meeting", induction.pk)


@login_required
@require_POST
def log_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_coaching_for(request.user, pk, mentor_only=True)
    form = CheckInForm(request.POST)
    if form.is_valid():
        Meeting.objects.create(
            induction=induction,
            recorded_by=request.user,
            written_as=role,
            kind=Meeting.Kind.CHECK_IN,
            held_on=timezone.localdate(),
            **form.cleaned_data,
        )
        messages.success(request, f"Check-in of {form.cleaned_data['minutes']} minutes logged.")
    else:
        messages.error(request, "Enter the minutes the check-in took, from 1 to 60.")
    return redirect("coaching_timeline", induction.pk)


@login_required
@require_POST
def set_support_level(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_coaching_for(request.user, pk, mentor_only=True)
    area = _framework_of(induction).areas.filter(pk=request.POST.get("area") or 0).first()
    level = request.POST.get("level")
    if area is None or level not in SupportLevel.values:
        messages.error(request, "Choose an area of the ECT's framework and a support level.")
    else:
        AreaSupport.objects.create(
            induction=induction,
            area=area,
            level=level,
            changed_on=timezone.localdate(),
            changed_by=request.user,
        )
        messages.success(request, f"{area.title}: {SupportLevel(level).label.split(':')[0]}.")
    return redirect("coaching_timeline", induction.pk)

"""Pulse checks, the tutor–mentor conversation about a pair, and notifications."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from oversight import notify, pulse
from oversight.charts import line_chart
from oversight.forms import NoteForm, PreferencesForm, PulseForm
from oversight.models import Kind, PairNote, PulseCheck
from people.models import Role
from tandem import permissions


def _pulse_role(request: HttpRequest) -> tuple[str, int]:
    roles = pulse.pulse_roles(request.user)
    if not roles:
        raise PermissionDenied("Pulse checks are for ECTs and mentors.")
    wanted = request.POST.get("role") or request.GET.get("role")
    return next((r for r in roles if r[0] == wanted), roles[0])


@login_required
def pulse_check(request: HttpRequest) -> HttpResponse:
    """This week's three questions; on a home page the form is swapped in place (htmx)."""
    role, school_id = _pulse_role(request)
    week = pulse.monday(timezone.localdate())
    existing = pulse.answered(request.user, role)
    form = PulseForm(request.POST or None, instance=existing)
    template = "oversight/includes/pulse_form.html" if request.htmx else "oversight/pulse.html"
    if request.method == "POST" and form.is_valid():
        pulse.save_answer(
            person=request.user, role=role, school_id=school_id, week=week, data=form.cleaned_data
        )
        if request.htmx:
            return render(request, "oversight/includes/pulse_thanks.html", {"role": role})
        messages.success(request, "Thank you: your answers for this week are saved.")
        return redirect("my_pulse")
    return render(
        request, template, {"form": form, "role": role, "week": week, "answered": existing}
    )


def pulse_link(request: HttpRequest, token: str) -> HttpResponse:
    """Answering from an email without signing in: the signed link says who and which week."""
    data = pulse.read_link_token(token)
    if data is None:
        raise Http404("This link has expired. Sign in to answer this week's questions.")
    person = get_user_model().objects.filter(pk=data["p"], is_active=True).first()
    roles = dict(pulse.pulse_roles(person)) if person else {}
    if data["r"] not in roles:
        raise Http404("This link is no longer valid.")
    week = date.fromisoformat(data["w"])
    existing = PulseCheck.objects.filter(person=person, role=data["r"], week_of=week).first()
    form = PulseForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        pulse.save_answer(
            person=person,
            role=data["r"],
            school_id=roles[data["r"]],
            week=week,
            data=form.cleaned_data,
        )
        return render(request, "oversight/pulse_done.html", {"week": week})
    return render(
        request,
        "oversight/pulse.html",
        {"form": form, "role": data["r"], "week": week, "answered": existing, "by_link": True},
    )


@login_required
def my_pulse(request: HttpRequest) -> HttpResponse:
    """A person's own answers over time."""
    checks = list(PulseCheck.objects.filter(person=request.user).order_by("week_of"))
    chart = None
    if len(checks) > 1:
        chart = line_chart(
            [f"{c.week_of:%-d %b}" for c in checks],
            {
                "Workload manageable": [c.workload for c in checks],
                "Confidence": [c.confidence for c in checks],
                "Feel supported": [c.supported for c in checks],
            },
            description="Your pulse check answers by week, 1 to 5; the same figures are in "
            "the table below.",
            top=5,
        )
    return render(
        request,
        "oversight/my_pulse.html",
        {
            "checks": list(reversed(checks)),
            "chart": chart,
            "can_answer": bool(pulse.pulse_roles(request.user)),
        },
    )


@login_required
def pair_conversation(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship_for_conversation(request.user, pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        note.mentorship, note.author = mentorship, request.user
        note.save()
        _tell_the_other_side(request.user, mentorship, note)
        messages.success(request, "Message sent.")
        return redirect("pair_conversation", mentorship.pk)
    school = permissions.current_school_of(mentorship.induction)
    return render(
        request,
        "oversight/conversation.html",
        {
            "mentorship": mentorship,
            "notes": PairNote.objects.filter(mentorship=mentorship).select_related("author"),
            "form": form,
            "school": school,
        },
    )


def _tell_the_other_side(author, mentorship, note: PairNote) -> None:
    from people.models import RolePeriod

    school = permissions.current_school_of(mentorship.induction)
    if author.pk == mentorship.mentor_id:
        people = [
            p.person
            for p in RolePeriod.objects.current()
            .filter(role=Role.INDUCTION_TUTOR, school=school)
            .select_related("person")
        ]
    else:
        people = [mentorship.mentor]
    for person in people:
        if person.pk != author.pk:
            notify.notify(
                person,
                Kind.NOTE,
                f"note-{note.pk}",
                f"{author.full_name} wrote about {mentorship.induction.ect.full_name}",
                note.text[:500],
                reverse("pair_conversation", args=[mentorship.pk]),
            )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = list(request.user.notifications.filter(read_at__isnull=True)[:50])
    earlier = list(
        request.user.notifications.filter(
            read_at__isnull=False, created_at__gte=timezone.now() - timedelta(days=30)
        )[:50]
    )
    return render(request, "oversight/notifications.html", {"items": items, "earlier": earlier})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, "All marked as read.")
    return redirect("notifications")


def kinds_for(user) -> list[str]:
    """The kinds that can reach this person, from the roles they hold."""
    access = permissions.access_for(user)
    kinds = []
    if access.has(Role.INDUCTION_TUTOR):
        kinds.append(Kind.DIGEST)
    if access.has(Role.ECT) or access.has(Role.MENTOR):
        kinds += [Kind.REMINDER, Kind.NOT_RECORDED, Kind.PULSE]
    if access.has(Role.INDUCTION_TUTOR) or access.has(Role.MENTOR):
        kinds.append(Kind.NOTE)
    return kinds


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    from oversight.models import Preference

    kinds = kinds_for(request.user)
    form = PreferencesForm(
        request.POST or None, chosen=notify.choices_of(request.user), kinds=kinds
    )
    if request.method == "POST" and form.is_valid():
        for kind in kinds:
            Preference.objects.update_or_create(
                person=request.user,
                kind=kind,
                defaults={
                    "in_app": form.cleaned_data[f"{kind}__in_app"],
                    "by_email": form.cleaned_data[f"{kind}__by_email"],
                },
            )
        messages.success(request, "Your choices are saved.")
        return redirect("preferences")
    return render(request, "oversight/preferences.html", {"form": form, "kinds": kinds})

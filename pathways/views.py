"""An ECT's pathway: the plan with its reasons, the starting-point review, topics pulled
forward, and progress on this week's study. Who may do what is in tandem.permissions."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frameworks.models import AREAS
from pathways.forms import PartProgressForm, PullForwardForm, StartingPointForm
from pathways.models import PartProgress, PullForward, Standing
from pathways.plans import pathway_for, secure_skips
from pathways.sequencing import PlanError
from pathways.sequencing import PullForward as Pull
from people.models import Induction, Role
from programmes.models import StudyPart
from provision.overlaps import local_training_for
from tandem import permissions


def _pullable(pathway):
    """Sessions that can still be brought forward: planned after this week, or optional."""
    if pathway.plan is None:
        return []
    ids = [item.session_id for item in pathway.plan.items[1:]]
    ids += [sid for sid, _ in pathway.plan.optional] + pathway.plan.beyond_calendar
    return [pathway.sessions[sid] for sid in ids]


@login_required
def pathway(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_pathway_for(request.user, pk)
    path = pathway_for(induction)
    shapes = role in (Role.ECT, Role.MENTOR)
    local = local_training_for(path.induction, timezone.localdate())
    return render(
        request,
        "pathways/pathway.html",
        {
            "induction": induction,
            "role": role,
            "pathway": path,
            "shapes": shapes,
            "areas": [
                (n, title, Standing(path.review.standing(n)).label.split(":")[0])
                for n, title in AREAS.items()
            ]
            if path.review and shapes
            else [],
            "pull_form": PullForwardForm(sessions=_pullable(path)) if shapes else None,
            "pending": [p for p in path.pulls if p.status == PullForward.Status.REQUESTED],
            "local_training": local,
            "local_hours": sum(entry.item.hours for entry in local if not entry.dropped),
        },
    )


@login_required
def starting_point(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_pathway_for(request.user, pk, shape=True)
    previous = induction.starting_points.first()
    form = StartingPointForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        review = form.save(commit=False)
        review.induction = induction
        review.areas = form.areas()
        review.school_priorities = sorted(form.cleaned_data["school_priorities"])
        review.recorded_by = request.user
        review.written_as = role
        review.save()
        messages.success(request, "Starting point saved. The pathway below follows it.")
        return redirect("pathway", induction.pk)
    return render(
        request,
        "pathways/starting_point.html",
        {"induction": induction, "form": form, "previous": previous, "role": role},
    )


@login_required
@require_POST
def pull_forward(request: HttpRequest, pk: int) -> HttpResponse:
    induction, role = permissions.get_pathway_for(request.user, pk, shape=True)
    path = pathway_for(induction)
    form = PullForwardForm(request.POST, sessions=_pullable(path))
    if not form.is_valid():
        messages.error(
            request,
            " ".join(f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()),
        )
        return redirect("pathway", induction.pk)
    session_id = form.cleaned_data["session"]
    agreed = role == Role.MENTOR
    # Try the plan with it first, so a pull that cannot be planned changes nothing.
    try:
        path.plan_with(Pull(session_id, form.cleaned_data["reason"]))
    except PlanError as error:
        messages.error(request, str(error))
        return redirect("pathway", induction.pk)
    PullForward.objects.create(
        induction=induction,
        session_id=session_id,
        reason=form.cleaned_data["reason"],
        requested_by=request.user,
        requested_as=role,
        status=PullForward.Status.AGREED if agreed else PullForward.Status.REQUESTED,
        decided_by=request.user if agreed else None,
        decided_at=timezone.now() if agreed else None,
    )
    title = path.sessions[session_id].title
    messages.success(
        request,
        f"'{title}' now comes next; the rest of the plan has moved back."
        if agreed
        else f"Asked your mentor to bring '{title}' forward.",
    )
    return redirect("pathway", induction.pk)


@login_required
@require_POST
def decide_pull(request: HttpRequest, pk: int, pull_pk: int) -> HttpResponse:
    induction, role = permissions.get_pathway_for(request.user, pk, shape=True)
    if role != Role.MENTOR:
        raise PermissionDenied("The mentor agrees to a change of pathway.")
    decision = request.POST.get("decision")
    if decision not in (PullForward.Status.AGREED, PullForward.Status.DECLINED):
        messages.error(request, "Choose to agree or to say not now.")
        return redirect("pathway", induction.pk)
    updated = PullForward.objects.filter(
        pk=pull_pk, induction=induction, status=PullForward.Status.REQUESTED
    ).update(status=decision, decided_by=request.user, decided_at=timezone.now())
    if not updated:
        raise Http404("No such request waiting")
    messages.success(
        request, "Agreed: the plan has moved." if decision == "agreed" else "Left for later."
    )
    return redirect("pathway", induction.pk)


@login_required
@require_POST
def part_progress(request: HttpRequest, pk: int, part_pk: int) -> HttpResponse:
    """The ECT marks a study part done, with the time it took and whether it helped."""
    induction, role = permissions.get_pathway_for(request.user, pk, shape=True)
    if role != Role.ECT:
        raise PermissionDenied("Only the ECT records their own study.")
    part = StudyPart.objects.filter(
        pk=part_pk, session__module__year__programme_id=induction.programme_id
    ).first()
    if part is None:
        raise Http404("No such part in this ECT's programme")
    existing = PartProgress.objects.filter(induction=induction, part=part).first()
    form = PartProgressForm(request.POST, instance=existing)
    if form.is_valid():
        with transaction.atomic():
            progress = form.save(commit=False)
            progress.induction, progress.part = induction, part
            done = form.cleaned_data["done"]
            progress.done_on = (progress.done_on or timezone.localdate()) if done else None
            progress.save()
        if request.htmx:
            return render(
                request,
                "pathways/includes/part.html",
                {"induction": induction, "part": part, "progress": progress, "saved": True},
            )
        messages.success(request, f"Saved: {part.title}.")
        return redirect("ect_home")
    if request.htmx:
        return render(
            request,
            "pathways/includes/part.html",
            {"induction": induction, "part": part, "progress": existing, "form": form},
        )
    messages.error(request, "; ".join(e[0] for e in form.errors.values()))
    return redirect("ect_home")


@login_required
def programme_insights(request: HttpRequest, slug: str) -> HttpResponse:
    """For the programme's authors: which sessions are most often skipped as secure, pulled
    forward, or marked not relevant, overall or for one phase or subject."""
    programme = permissions.get_programme_for(request.user, slug, edit=True)
    followers = list(Induction.objects.filter(programme=programme))
    phases = sorted({i.phase for i in followers})
    subjects = sorted({s for i in followers for s in i.subjects})
    phase, subject = request.GET.get("phase", ""), request.GET.get("subject", "")
    problem = ""
    if phase and phase not in Induction.Phase.values:
        problem, phase = "There is no such phase; showing every ECT.", ""
    elif subject and subject not in subjects:
        problem, subject = "No ECT on this programme teaches that subject; showing every ECT.", ""
    group = [
        i
        for i in followers
        if (not phase or i.phase == phase) and (not subject or subject in i.subjects)
    ]
    too_small = 0 < len(group) < permissions.MIN_GROUP
    rows = []
    if group and not too_small:
        ids = [i.pk for i in group]
        secure = secure_skips(programme, group)
        pulled = Counter(
            PullForward.objects.filter(
                induction_id__in=ids, status=PullForward.Status.AGREED
            ).values_list("session_id", flat=True)
        )
        not_relevant = Counter(
            PartProgress.objects.filter(
                induction_id__in=ids, verdict=PartProgress.Verdict.NOT_RELEVANT
            ).values_list("part__session_id", flat=True)
        )
        for order, session in enumerate(programme.sessions_in_order()):
            counts = (secure[session.pk], pulled[session.pk], not_relevant[session.pk])
            rows.append({"session": session, "counts": counts, "order": order})
        rows.sort(key=lambda r: (-sum(r["counts"]), r["order"]))
    return render(
        request,
        "pathways/programme_insights.html",
        {
            "programme": programme,
            "rows": rows,
            "group_size": len(group),
            "too_small": too_small,
            "min_group": permissions.MIN_GROUP,
            "phases": [(p, Induction.Phase(p).label) for p in phases],
            "subjects": subjects,
            "phase": phase,
            "subject": subject,
            "problem": problem,
        },
    )

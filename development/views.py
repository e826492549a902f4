"""The mentor's own development pages: the strand, a unit with its practice task, and the
skills self-review. Only the mentor sees these; the tutor sees counts on the school page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from development.forms import KnownForm, PartForm, SkillReviewForm
from development.models import SKILLS, PartDone, SkillReview, UnitKnown
from development.record import record_for, strand_for
from people.models import Role
from programmes.models import Session
from tandem import permissions


def _require_mentor(user) -> None:
    if not permissions.access_for(user).has(Role.MENTOR):
        raise PermissionDenied("Mentor development is for mentors.")


def _strand(user):
    _require_mentor(user)
    strand = strand_for(user)
    if strand is None:
        raise Http404("No mentor strand has been imported yet.")
    return strand


@login_required
def strand(request: HttpRequest) -> HttpResponse:
    _require_mentor(request.user)
    programme = strand_for(request.user)
    today = timezone.localdate()
    record = record_for(request.user, programme, today) if programme else None
    latest = SkillReview.objects.filter(mentor=request.user).first()
    return render(
        request,
        "development/strand.html",
        {"record": record, "latest": latest, "skills": SKILLS},
    )


def _unit(user, pk: int):
    programme = _strand(user)
    session = (
        Session.objects.filter(pk=pk, module__year__programme=programme)
        .select_related("module")
        .prefetch_related("parts")
        .first()
    )
    if session is None:
        raise Http404("No such unit")
    return session


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_page(request, _unit(request.user, pk))


def _unit_page(request: HttpRequest, session, known_form: KnownForm | None = None):
    done = {
        d.part_id: d for d in PartDone.objects.filter(mentor=request.user, part__session=session)
    }
    known = UnitKnown.objects.filter(mentor=request.user, session=session).first()
    parts = [
        (
            part,
            done.get(part.pk),
            PartForm(prefix=f"part{part.pk}", initial={"minutes": part.minutes}),
        )
        for part in session.parts.all()
    ]
    return render(
        request,
        "development/unit.html",
        {
            "session": session,
            "parts": parts,
            "known": known,
            "known_form": None if known else (known_form or KnownForm()),
        },
    )


@login_required
@require_POST
def part_done(request: HttpRequest, pk: int, part_pk: int) -> HttpResponse:
    session = _unit(request.user, pk)
    part = next((p for p in session.parts.all() if p.pk == part_pk), None)
    if part is None:
        raise Http404("No such part")
    form = PartForm(request.POST, prefix=f"part{part.pk}")
    if not form.is_valid():
        messages.error(
            request,
            f"{part.title}: " + " ".join(e for errors in form.errors.values() for e in errors),
        )
        return redirect("strand_unit", session.pk)
    PartDone.objects.update_or_create(
        mentor=request.user,
        part=part,
        defaults={
            "done_on": timezone.localdate(),
            "minutes": form.cleaned_data["minutes"],
            "note": form.cleaned_data["note"],
        },
    )
    messages.success(request, f"Done: {part.title}.")
    return redirect("strand_unit", session.pk)


@login_required
@require_POST
def unit_known(request: HttpRequest, pk: int) -> HttpResponse:
    session = _unit(request.user, pk)
    form = KnownForm(request.POST)
    if not form.is_valid():
        return _unit_page(request, session, known_form=form)
    UnitKnown.objects.get_or_create(
        mentor=request.user,
        session=session,
        defaults={"answer": form.cleaned_data["answer"], "marked_on": timezone.localdate()},
    )
    messages.success(request, f"Marked as known: {session.title}.")
    return redirect("strand")


@login_required
def skills(request: HttpRequest) -> HttpResponse:
    _require_mentor(request.user)
    form = SkillReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        SkillReview.objects.create(
            mentor=request.user, reviewed_on=timezone.localdate(), ratings=data, note=note
        )
        messages.success(request, "Your skills review is saved. Come back to it next term.")
        return redirect("strand")
    reviews = list(SkillReview.objects.filter(mentor=request.user)[:6])
    history = [(label, [review.ratings.get(key) for review in reviews]) for key, label in SKILLS]
    return render(
        request,
        "development/skills.html",
        {"form": form, "reviews": reviews, "history": history},
    )

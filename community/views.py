"""Open classrooms, what ECTs learned from watching colleagues, and shared materials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from community.forms import LearningNoteForm, OpenClassroomForm, SharedMaterialForm
from community.models import Booking, LearningNote, OpenClassroom, SharedMaterial
from people.models import Induction, Role
from tandem import permissions


def _my_induction(user, school) -> Induction | None:
    if not permissions.may_book(user, school):
        return None
    return Induction.objects.filter(ect=user).first()


@login_required
def open_classrooms(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_staff_school_for(request.user, pk)
    host = permissions.may_host(request.user, school)
    form = OpenClassroomForm(request.POST or None) if host else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Mentors, induction tutors and headteachers open classrooms.")
        if form.is_valid():
            form.instance.school, form.instance.host = school, request.user
            classroom = form.save()
            messages.success(request, f"Your open classroom is offered: {classroom.practice}.")
            return redirect("open_classrooms", school.pk)
    induction = _my_induction(request.user, school)
    upcoming = (
        OpenClassroom.objects.filter(school=school, held_on__gte=timezone.localdate())
        .select_related("host", "area")
        .annotate(booked=Count("bookings"))
    )
    mine = (
        set(Booking.objects.filter(induction=induction).values_list("classroom_id", flat=True))
        if induction
        else set()
    )
    return render(
        request,
        "community/open_classrooms.html",
        {
            "school": school,
            "upcoming": upcoming,
            "form": form,
            "induction": induction,
            "mine": mine,
        },
    )


@login_required
@require_POST
def book(request: HttpRequest, pk: int, classroom_pk: int) -> HttpResponse:
    school = permissions.get_staff_school_for(request.user, pk)
    induction = _my_induction(request.user, school)
    if induction is None:
        raise PermissionDenied("Open classrooms are booked by ECTs.")
    with transaction.atomic():
        # Lock the classroom so two ECTs cannot take its last place at once.
        classroom = (
            OpenClassroom.objects.select_for_update()
            .filter(pk=classroom_pk, school=school, held_on__gte=timezone.localdate())
            .first()
        )
        if classroom is None:
            raise Http404("No such open classroom")
        if classroom.bookings.count() >= classroom.places:
            messages.error(request, f"{classroom.practice} is full.")
            return redirect("open_classrooms", school.pk)
        try:
            with transaction.atomic():
                Booking.objects.create(classroom=classroom, induction=induction)
        except IntegrityError:
            messages.error(request, "You have already booked this one.")
            return redirect("open_classrooms", school.pk)
    messages.success(
        request,
        f"Booked: {classroom.practice}, {classroom.held_on:%-d %B} at {classroom.starts_at:%H:%M}.",
    )
    return redirect("open_classrooms", school.pk)


@login_required
@require_POST
def cancel_booking(request: HttpRequest, pk: int, classroom_pk: int) -> HttpResponse:
    school = permissions.get_staff_school_for(request.user, pk)
    induction = _my_induction(request.user, school)
    deleted, _ = (
        Booking.objects.filter(
            classroom_id=classroom_pk, classroom__school=school, induction=induction
        ).delete()
        if induction
        else (0, None)
    )
    if not deleted:
        raise Http404("No such booking")
    messages.success(request, "Your booking is cancelled.")
    return redirect("open_classrooms", school.pk)


@login_required
def learning(request: HttpRequest, pk: int) -> HttpResponse:
    """What the ECT learned from colleagues: written by the ECT, read by their mentor."""
    induction, role = permissions.get_coaching_for(request.user, pk)
    framework = induction.programme.framework if induction.programme_id else None
    form = None
    if role == Role.ECT:
        form = LearningNoteForm(
            request.POST or None,
            framework=framework,
            initial={"seen_on": timezone.localdate(), "kind": LearningNote.Kind.OPEN_CLASSROOM},
        )
        if request.method == "POST" and form.is_valid():
            form.instance.induction = induction
            form.save()
            messages.success(request, "Saved to your learning.")
            return redirect("learning", induction.pk)
    elif request.method == "POST":
        raise PermissionDenied("The ECT writes their own learning notes.")
    notes = induction.learning_notes.select_related("area", "classroom")
    return render(
        request,
        "community/learning.html",
        {"induction": induction, "role": role, "notes": notes, "form": form},
    )


@login_required
def materials(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_staff_school_for(request.user, pk)
    form = SharedMaterialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.school, form.instance.shared_by = school, request.user
        material = form.save()
        messages.success(request, f"Shared with everyone at {school.name}: {material.title}.")
        return redirect("materials", school.pk)
    shared = SharedMaterial.objects.filter(school=school).select_related("shared_by", "area")
    return render(
        request, "community/materials.html", {"school": school, "shared": shared, "form": form}
    )

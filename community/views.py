"""Open classrooms, what ECTs learned from watching colleagues, and shared materials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
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


# Mentor peer-learning groups --------------------------------------------------------------


def _group_places(user) -> list[tuple[str, object, object]]:
    """(kind, organisation, mentors who may join) where this person may set up a group."""
    from organisations.models import School, Trust
    from people.models import RolePeriod

    access = permissions.access_for(user)
    places = []
    mentors = RolePeriod.objects.current().filter(role=Role.MENTOR)
    for school in School.objects.filter(pk__in=access.school_ids(Role.INDUCTION_TUTOR)):
        people = mentors.filter(school=school).values("person")
        places.append(("school", school, people))
    for trust in Trust.objects.filter(pk__in=access.trust_ids(Role.COORDINATOR)):
        people = mentors.filter(school__trust=trust).values("person")
        places.append(("trust", trust, people))
    return places


def _mentor_queryset(people):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=people).order_by("full_name")


@login_required
def groups(request: HttpRequest) -> HttpResponse:
    from community.forms import GroupForm
    from community.models import MentorGroup

    places = _group_places(request.user)
    forms = [
        (kind, place, GroupForm(prefix=f"{kind}{place.pk}", mentors=_mentor_queryset(people)))
        for kind, place, people in places
    ]
    if request.method == "POST":
        kind, pk = request.POST.get("kind"), request.POST.get("place")
        chosen = next(((k, p, ppl) for k, p, ppl in places if k == kind and str(p.pk) == pk), None)
        if chosen is None:
            raise PermissionDenied("Groups are set up by induction tutors and coordinators.")
        kind, place, people = chosen
        form = GroupForm(request.POST, prefix=f"{kind}{place.pk}", mentors=_mentor_queryset(people))
        if form.is_valid():
            with transaction.atomic():
                group = MentorGroup.objects.create(
                    name=form.cleaned_data["name"],
                    facilitator=request.user,
                    **({"school": place} if kind == "school" else {"trust": place}),
                )
                group.members.set(form.cleaned_data["members"])
            messages.success(request, f"{group.name} is set up, with you as facilitator.")
            return redirect("group", group.pk)
        forms = [(k, p, form if (k, p) == (kind, place) else f) for k, p, f in forms]
    mine = (
        MentorGroup.objects.filter(Q(members=request.user) | Q(facilitator=request.user))
        .distinct()
        .select_related("school", "trust")
    )
    is_mentor = permissions.access_for(request.user).has(Role.MENTOR)
    if not forms and not is_mentor and not mine.exists():
        raise PermissionDenied("Peer-learning groups are for mentors and those who run them.")
    return render(request, "community/groups.html", {"groups": mine, "forms": forms})


@login_required
def group(request: HttpRequest, pk: int) -> HttpResponse:
    from community.forms import GroupMeetingsForm, PostForm, ReplyForm
    from community.models import GroupPost

    group, leads = permissions.get_group_for(request.user, pk)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reply_to = None
        if request.POST.get("reply_to"):
            reply_to = group.posts.filter(pk=request.POST["reply_to"], reply_to=None).first()
            if reply_to is None:
                raise Http404("No such post")
        GroupPost.objects.create(
            group=group,
            author=request.user,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            reply_to=reply_to,
        )
        messages.success(request, "Posted to the group.")
        return redirect("group", group.pk)
    posts = (
        group.posts.filter(reply_to=None)
        .select_related("author")
        .prefetch_related("replies__author")
    )
    return render(
        request,
        "community/group.html",
        {
            "group": group,
            "leads": leads,
            "members": group.members.order_by("full_name"),
            "posts": posts,
            "form": form,
            "reply_form": ReplyForm(),
            "meetings_form": GroupMeetingsForm() if leads and group.meetings_id is None else None,
        },
    )


@login_required
@require_POST
def group_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator asks for the group's meetings: a trust event for its members only,
    which the trust's event scheduler places around their timetables."""
    from community.forms import GroupMeetingsForm
    from scheduling.models import TrustEvent

    group, _leads = permissions.get_group_for(request.user, pk, facilitate=True)
    trust = group.trust or group.school.trust
    if trust is None:
        messages.error(request, "Meetings are placed by a trust's scheduler; this school has none.")
        return redirect("group", group.pk)
    form = GroupMeetingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("group", group.pk)
    with transaction.atomic():
        event = TrustEvent.objects.create(
            trust=trust,
            title=f"{group.name} (peer-learning group)",
            kind=TrustEvent.Kind.PEER_GROUP,
            minutes=form.cleaned_data["minutes"],
            weeks=form.cleaned_data["weeks_text"],
        )
        event.people.set(group.members.all())
        group.meetings = event
        group.save(update_fields=["meetings"])
    messages.success(request, "Meetings requested: the trust's event scheduler will place them.")
    return redirect("group", group.pk)

"""An ECT's induction record, and the school's changes to who is where."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from audit.log import audited
from audit.models import AuditEvent
from people import services
from people.forms import AddRoleForm, ChangeMentorForm, EndRoleForm, InductionForm
from people.models import Mentorship, Role, RolePeriod
from programmes.models import Programme
from tandem import permissions

User = get_user_model()


@login_required
def induction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    induction = permissions.get_induction_for(request.user, pk)
    placements = (
        RolePeriod.objects.filter(person_id=induction.ect_id, role=Role.ECT)
        .select_related("school")
        .order_by("-starts_on")
    )
    mentorships = induction.mentorships.select_related("mentor").order_by("-starts_on")
    school = permissions.current_school_of(induction)
    tutor_ids = (
        set(
            RolePeriod.objects.current()
            .filter(role=Role.INDUCTION_TUTOR, school=school)
            .values_list("person_id", flat=True)
        )
        if school
        else set()
    )
    return render(
        request,
        "people/induction_detail.html",
        {
            "induction": induction,
            "placements": placements,
            "mentorships": mentorships,
            "school": school,
            "tutor_ids": tutor_ids,
            "can_manage": permissions.can_manage_induction(request.user, induction),
            "coaching_role": permissions.coaching_role(request.user, induction),
            "assessment_roles": permissions.assessment_roles(request.user, induction),
        },
    )


@login_required
@audited(AuditEvent.Action.PERMISSION, "mentor")
def change_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    induction = permissions.get_induction_for(request.user, pk)
    if not permissions.can_manage_induction(request.user, induction):
        raise PermissionDenied("Only the school's induction tutors and headteacher change mentors.")
    school = permissions.current_school_of(induction)
    if request.htmx and request.method == "GET":
        # The form asks, as the mentor is chosen, whether to show the safeguards warning.
        mentor_id = request.GET.get("mentor", "")
        is_tutor = mentor_id.isdigit() and (
            RolePeriod.objects.current()
            .filter(person_id=int(mentor_id), role=Role.INDUCTION_TUTOR, school=school)
            .exists()
        )
        return render(request, "people/includes/tutor_warning.html", {"is_tutor": is_tutor})
    form = ChangeMentorForm(request.POST or None, induction=induction, school=school)
    form.fields["mentor"].widget.attrs["hx-get"] = request.path
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            mentorship = form.save()
        messages.success(request, f"{mentorship.mentor} now mentors {induction.ect}.")
        return redirect("induction_detail", induction.pk)
    return render(request, "people/change_mentor.html", {"form": form, "induction": induction})


@login_required
@audited(AuditEvent.Action.PERMISSION, "role", of="school")
def add_role(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk, manage=True)
    form = AddRoleForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period, new_induction = services.add_role(school, data, form.person)
        person = period.person
        messages.success(request, f"{person} added as {Role(data['role']).label.lower()}.")
        if new_induction is not None:
            # A new ECT needs a programme next.
            return redirect("edit_induction", new_induction.pk)
        return redirect("school_home", school.pk)
    return render(request, "people/add_role.html", {"form": form, "school": school})


@login_required
@audited(AuditEvent.Action.PERMISSION, "role", of="role")
def end_role(request: HttpRequest, pk: int) -> HttpResponse:
    period = (
        RolePeriod.objects.select_related("person", "school")
        .filter(pk=pk, school__isnull=False)
        .first()
    )
    if period is None:
        raise Http404("No such role")
    school = permissions.get_school_for(request.user, period.school_id, manage=True)
    form = EndRoleForm(request.POST or None, period=period)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            period.ends_on = form.cleaned_data["ends_on"]
            period.save(update_fields=["ends_on"])
            if period.role == Role.MENTOR:
                # Mentorships at this school cannot outlive the mentor's time there.
                ects_here = RolePeriod.objects.filter(role=Role.ECT, school=school).values("person")
                Mentorship.objects.filter(
                    mentor=period.person,
                    ends_on__isnull=True,
                    starts_on__lte=period.ends_on,
                    induction__ect__in=ects_here,
                ).update(ends_on=period.ends_on)
        messages.success(
            request,
            f"{period.person}'s role as {period.get_role_display().lower()} "
            f"ends on {period.ends_on:%-d %B %Y}.",
        )
        return redirect("school_home", school.pk)
    return render(
        request, "people/end_role.html", {"form": form, "period": period, "school": school}
    )


@login_required
def edit_induction(request: HttpRequest, pk: int) -> HttpResponse:
    induction = permissions.get_induction_for(request.user, pk)
    if not permissions.can_manage_induction(request.user, induction):
        raise PermissionDenied("Only the school's induction tutors and headteacher change this.")
    programmes = permissions.visible_programmes(request.user).filter(
        audience=Programme.Audience.ECT
    )
    form = InductionForm(request.POST or None, instance=induction, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved {induction.ect}'s induction details.")
        return redirect("induction_detail", induction.pk)
    return render(request, "people/edit_induction.html", {"form": form, "induction": induction})

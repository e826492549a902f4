"""The implementation planner: start a plan from the checklist, give items owners and
dates, tick them off, keep the team and the leaders' reflections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from organisations.models import School, Trust
from people.models import Role
from planning.checklist import PROMPTS, due_date, entries_for
from planning.forms import ItemForm, ReflectionsForm, StartPlanForm, TeamMemberForm
from planning.models import Item, Level, Plan, Reflection
from tandem import permissions
from tandem.permissions import PLAN_MANAGE


def _organisations(user) -> list:
    """The trusts and schools this person may start a plan for."""
    access = permissions.access_for(user)
    trusts = list(Trust.objects.filter(pk__in=access.trust_ids(Role.COORDINATOR)))
    schools = list(School.objects.filter(pk__in=access.school_ids(*permissions.SCHOOL_MANAGERS)))
    return [("trust", t) for t in trusts] + [("school", s) for s in schools]


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request.user)
    access = permissions.access_for(request.user)
    coordinated = access.trust_ids(Role.COORDINATOR)
    mine = (
        Plan.objects.filter(
            Q(trust__in=coordinated)
            | Q(school__in=access.school_ids(*permissions.SCHOOL_MANAGERS))
            | Q(school__trust__in=coordinated)
            | Q(team__person=request.user)
            | Q(items__owner=request.user)
        )
        .distinct()
        .select_related("trust", "school")
    )
    if not organisations and not mine.exists():
        raise PermissionDenied("Plans are for coordinators, induction tutors and headteachers.")
    return render(
        request,
        "planning/plans.html",
        {"plans": mine, "organisations": organisations, "form": StartPlanForm()},
    )


@login_required
@require_POST
def start_plan(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = {"trust": Trust, "school": School}.get(kind)
    target = model.objects.filter(pk=pk).first() if model else None
    if target is None:
        raise Http404("No such organisation")
    where = {"trust": target} if kind == "trust" else {"school": target}
    if not permissions.can_plan_for(request.user, **where):
        raise Http404("No such organisation")
    form = StartPlanForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "planning/plans.html",
            {"plans": [], "organisations": _organisations(request.user), "form": form},
        )
    year = form.cleaned_data["starts_year"]
    try:
        with transaction.atomic():
            plan = Plan.objects.create(starts_year=year, created_by=request.user, **where)
            Item.objects.bulk_create(
                Item(
                    plan=plan,
                    key=key,
                    level=level,
                    title=title,
                    why=why,
                    due_on=due_date(year, *when),
                )
                for key, level, title, why, when in entries_for(kind)
            )
    except IntegrityError:
        messages.error(request, f"{target} already has a plan for September {year}.")
        return redirect("plans")
    messages.success(request, f"Plan started for {target}: give each item an owner.")
    return redirect("plan", plan.pk)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan, role = permissions.get_plan_for(request.user, pk)
    items = list(plan.items.select_related("owner", "done_by"))
    saved = {r.prompt: r.text for r in plan.reflections.all()}
    levels = [
        (label, [i for i in items if i.level == value])
        for value, label in Level.choices
        if any(i.level == value for i in items)
    ]
    return render(
        request,
        "planning/plan.html",
        {
            "plan": plan,
            "levels": levels,
            "manage": role == PLAN_MANAGE,
            "done": sum(1 for i in items if i.done_on),
            "total": len(items),
            "team": plan.team.select_related("person"),
            "team_form": TeamMemberForm(plan=plan) if role == PLAN_MANAGE else None,
            "reflections": [(prompt, saved.get(key, "")) for key, prompt in PROMPTS],
            "reflections_form": ReflectionsForm(saved=saved) if role == PLAN_MANAGE else None,
            "today": timezone.localdate(),
        },
    )


def _item_for(user, pk: int, item_pk: int, *, manage: bool = False):
    plan, role = permissions.get_plan_for(user, pk, manage=manage)
    item = plan.items.select_related("owner").filter(pk=item_pk).first()
    if item is None:
        raise Http404("No such item")
    return plan, role, item


@login_required
@require_POST
def tick_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Done, or not done after all: by the plan's leaders or the item's owner."""
    plan, role, item = _item_for(request.user, pk, item_pk)
    if role != PLAN_MANAGE and item.owner_id != request.user.pk:
        raise PermissionDenied("Only the item's owner or the plan's leaders may tick it off.")
    if item.done_on:
        item.done_on, item.done_by = None, None
    else:
        item.done_on, item.done_by = timezone.localdate(), request.user
    item.save(update_fields=["done_on", "done_by"])
    if request.htmx:
        return render(
            request,
            "planning/includes/item.html",
            {
                "item": item,
                "plan": plan,
                "manage": role == PLAN_MANAGE,
                "user": request.user,
                "today": timezone.localdate(),
            },
        )
    return redirect("plan", plan.pk)


@login_required
def edit_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, _role, item = _item_for(request.user, pk, item_pk, manage=True)
    form = ItemForm(request.POST or None, instance=item, plan=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved: {item.title}.")
        return redirect("plan", plan.pk)
    return render(request, "planning/item_edit.html", {"plan": plan, "item": item, "form": form})


@login_required
@require_POST
def add_team_member(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _role = permissions.get_plan_for(request.user, pk, manage=True)
    form = TeamMemberForm(request.POST, plan=plan)
    if form.is_valid():
        form.instance.plan = plan
        member = form.save()
        messages.success(request, f"{member.person.full_name} joined the team.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("plan", plan.pk)


@login_required
@require_POST
def save_reflections(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _role = permissions.get_plan_for(request.user, pk, manage=True)
    form = ReflectionsForm(request.POST, saved={})
    if form.is_valid():
        with transaction.atomic():
            for key, _prompt in PROMPTS:
                Reflection.objects.update_or_create(
                    plan=plan,
                    prompt=key,
                    defaults={"text": form.cleaned_data[key], "updated_by": request.user},
                )
        messages.success(request, "Reflections saved.")
    else:
        messages.error(request, "Each reflection can be at most 3,000 characters.")
    return redirect("plan", plan.pk)


def my_actions(user, limit: int = 5) -> list[Item]:
    """The person's open plan items, soonest first (for their home page: one query)."""
    return list(
        Item.objects.filter(owner=user, done_on__isnull=True)
        .select_related("plan__trust", "plan__school")
        .order_by("due_on")[:limit]
    )

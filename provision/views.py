"""The provision map: local training listed, matched to the framework, and the overlaps with
the programme decided. Every view asks tandem.permissions who may see and change it."""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from programmes.models import Session
from provision import importer
from provision.forms import AddStatementForm, DecisionForm, ItemForm, UploadForm
from provision.models import Decision, ProvisionItem, StatementMatch, owner_kind
from provision.overlaps import TERM_NAMES, dropped_items, latest_decisions, overlaps_for
from provision.suggest import framework_for, programmes_for, sessions_covering, suggest
from tandem import permissions
from tandem.imports import ImportRejected

IMPORT_SALT = "provision-import"


@login_required
def provision_map(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    owner, role = permissions.get_provision_owner_for(request.user, kind, int(pk))
    items = list(
        ProvisionItem.objects.filter(**{kind: owner})
        .prefetch_related("matches__statement")
        .order_by("starts_on", "title")
    )
    dropped = dropped_items(latest_decisions(items))
    rows = []
    for item in items:
        confirmed = [m.statement for m in item.matches.all() if m.status == "confirmed"]
        waiting = sum(1 for m in item.matches.all() if m.status == "suggested")
        rows.append((item, confirmed, waiting, dropped.get(item.pk)))
    return render(
        request,
        "provision/map.html",
        {
            "owner": owner,
            "kind": kind,
            "manage": role == permissions.PROVISION_MANAGE,
            "rows": rows,
            "hours": sum(i.hours for i in items if i.pk not in dropped),
        },
    )


@login_required
def add_item(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    owner, _ = permissions.get_provision_owner_for(request.user, kind, int(pk), manage=True)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            setattr(form.instance, kind, owner)
            form.instance.created_by = request.user
            item = form.save()
            suggest(item)
        messages.success(request, f"Added {item.title}. Check what Tandem suggests it covers.")
        return redirect("provision_item", item.pk)
    return render(request, "provision/item_form.html", {"owner": owner, "kind": kind, "form": form})


@login_required
def edit_item(request: HttpRequest, pk: int) -> HttpResponse:
    item, _ = permissions.get_provision_item_for(request.user, pk, manage=True)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save()
            suggest(item)  # the words changed, so the open suggestions may too
        messages.success(request, f"Saved {item.title}.")
        return redirect("provision_item", item.pk)
    kind = owner_kind(item.owner)
    return render(
        request,
        "provision/item_form.html",
        {"owner": item.owner, "kind": kind, "form": form, "item": item},
    )


@login_required
@require_POST
def delete_item(request: HttpRequest, pk: int) -> HttpResponse:
    item, _ = permissions.get_provision_item_for(request.user, pk, manage=True)
    kind, owner_pk = owner_kind(item.owner), item.owner.pk
    if item.decisions.exists():
        messages.error(
            request,
            f"{item.title} has decisions on record, so it is kept. Stop it instead, from the "
            "overlaps page.",
        )
        return redirect("provision_item", item.pk)
    item.delete()
    messages.success(request, f"Removed {item.title}.")
    return redirect("provision_map", kind, owner_pk)


@login_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    item, role = permissions.get_provision_item_for(request.user, pk)
    matches = list(item.matches.select_related("statement__area"))
    framework = framework_for(item.owner)
    add_form = AddStatementForm(framework=framework, exclude=[m.statement_id for m in matches])
    kind = owner_kind(item.owner)
    return render(
        request,
        "provision/item.html",
        {
            "item": item,
            "kind": kind,
            "manage": role == permissions.PROVISION_MANAGE,
            "suggested": [m for m in matches if m.status == StatementMatch.Status.SUGGESTED],
            "confirmed": [m for m in matches if m.status == StatementMatch.Status.CONFIRMED],
            "rejected": [m for m in matches if m.status == StatementMatch.Status.REJECTED],
            "sessions": sessions_covering(item, programmes_for(item.owner)),
            "add_form": add_form,
        },
    )


@login_required
@require_POST
def set_match(request: HttpRequest, pk: int, match_pk: int) -> HttpResponse:
    item, _ = permissions.get_provision_item_for(request.user, pk, manage=True)
    match = item.matches.select_related("statement").filter(pk=match_pk).first()
    if match is None:
        raise Http404("No such suggestion")
    status = request.POST.get("status")
    if status not in StatementMatch.Status.values:
        messages.error(request, "Choose whether the item covers the statement.")
        return redirect("provision_item", item.pk)
    match.status = status
    match.save(update_fields=["status"])
    verb = {"confirmed": "covers", "rejected": "does not cover", "suggested": "may cover"}[status]
    messages.success(request, f"Recorded: {item.title} {verb} {match.statement.code}.")
    return redirect("provision_item", item.pk)


@login_required
@require_POST
def add_statement(request: HttpRequest, pk: int) -> HttpResponse:
    item, _ = permissions.get_provision_item_for(request.user, pk, manage=True)
    existing = list(item.matches.values_list("statement_id", flat=True))
    form = AddStatementForm(request.POST, framework=framework_for(item.owner), exclude=existing)
    if form.is_valid():
        statement = form.cleaned_data["statement"]
        StatementMatch.objects.create(
            item=item, statement=statement, status=StatementMatch.Status.CONFIRMED
        )
        messages.success(request, f"Recorded: {item.title} covers {statement.code}.")
    else:
        messages.error(request, "Choose a statement of the framework from the list.")
    return redirect("provision_item", item.pk)


def _sign_upload(name: str, data: bytes) -> str:
    payload = {"name": name, "data": base64.b64encode(data).decode()}
    return signing.dumps(payload, salt=IMPORT_SALT, compress=True)


@login_required
def import_items(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    owner, _ = permissions.get_provision_owner_for(request.user, kind, int(pk), manage=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems, rows, token = [], None, ""
    if request.method == "POST" and "confirm" in request.POST:
        try:
            payload = signing.loads(request.POST["confirm"], salt=IMPORT_SALT, max_age=60 * 60)
            data, name = base64.b64decode(payload["data"]), payload["name"]
        except (signing.BadSignature, KeyError, ValueError):
            messages.error(request, "That check has expired. Upload the file again.")
            return redirect("provision_import", kind, owner.pk)
        try:
            items = importer.save(importer.parse(data, name), owner=owner, user=request.user)
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request, f"Imported {len(items)} items from {name}, each with suggestions."
            )
            return redirect("provision_map", kind, owner.pk)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(settings.UPLOAD_LIMIT_BYTES + 1)
        try:
            rows = importer.parse(data, upload.name)
            token = _sign_upload(upload.name[:200], data)
        except ImportRejected as rejected:
            problems = rejected.problems
    return render(
        request,
        "provision/import.html",
        {
            "owner": owner,
            "kind": kind,
            "form": form,
            "problems": problems,
            "rows": rows,
            "token": token,
            "columns": importer.COLUMNS,
        },
    )


@login_required
def overlaps(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    owner, role = permissions.get_provision_owner_for(request.user, kind, int(pk))
    found = overlaps_for(owner, timezone.localdate())
    dropped = dropped_items(latest_decisions([o.item for o in found]))
    for overlap in found:
        overlap.form = DecisionForm(prefix=overlap.key)
        overlap.dropped = dropped.get(overlap.item.pk)
    waiting = [o for o in found if o.decision is None and o.dropped is None]
    saved_ects = sum(
        o.programme_hours
        for o in found
        if o.decision and o.decision.choice == Decision.Choice.INTEGRATE and not o.dropped
    )
    saved_local = sum({o.item.pk: o.local_hours for o in found if o.dropped}.values())
    return render(
        request,
        "provision/overlaps.html",
        {
            "owner": owner,
            "kind": kind,
            "manage": role == permissions.PROVISION_MANAGE,
            "overlaps": found,
            "waiting": len(waiting),
            "saved_programme": saved_ects,
            "saved_local": saved_local,
            "terms": TERM_NAMES,
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    item, _ = permissions.get_provision_item_for(request.user, pk, manage=True)
    kind, owner_pk = owner_kind(item.owner), item.owner.pk
    overlap = next(
        (
            o
            for o in overlaps_for(item.owner)
            if o.item.pk == item.pk and o.session.pk == session_pk
        ),
        None,
    )
    if overlap is None:
        raise Http404("These two do not overlap")
    form = DecisionForm(request.POST, prefix=overlap.key)
    if not form.is_valid():
        messages.error(
            request,
            f"{item.title} and {overlap.session.title}: "
            + " ".join(e for errors in form.errors.values() for e in errors),
        )
        return redirect(f"{_overlaps_url(kind, owner_pk)}#overlap-{overlap.key}")
    form.instance.item, form.instance.session = item, Session.objects.get(pk=session_pk)
    form.instance.decided_by = request.user
    decision = form.save()
    messages.success(
        request,
        f"Decided for {item.title} and {overlap.session.title}: "
        f"{decision.get_choice_display().split(':')[0].lower()}.",
    )
    return redirect(f"{_overlaps_url(kind, owner_pk)}#overlap-{overlap.key}")


def _overlaps_url(kind: str, pk: int) -> str:
    return reverse("provision_overlaps", args=[kind, pk])

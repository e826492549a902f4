"""Coordinators issue and revoke their trust's API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from api.forms import TokenForm
from api.models import SCOPES, ApiToken
from audit.models import AuditEvent
from people.models import Role
from tandem import permissions


def _trust(user, pk: int):
    trust = permissions.get_trust_for(user, pk, Role.COORDINATOR)
    if not permissions.can_manage_api_tokens(user, trust):
        raise PermissionDenied("Coordinators manage API tokens.")
    return trust


@login_required
def tokens(request: HttpRequest, pk: int) -> HttpResponse:
    trust = _trust(request.user, pk)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = ApiToken.issue(
            trust=trust,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            by=request.user,
        )
        AuditEvent.objects.create(
            actor=request.user,
            action=AuditEvent.Action.PERMISSION,
            what=f"API token {token.prefix} issued",
            path=request.get_full_path()[:300],
        )
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "trust": trust,
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(trust=trust).select_related("created_by"),
            "scopes": SCOPES,
        },
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int, token_pk: int) -> HttpResponse:
    trust = _trust(request.user, pk)
    token = ApiToken.objects.filter(trust=trust, pk=token_pk, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("No such token")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    AuditEvent.objects.create(
        actor=request.user,
        action=AuditEvent.Action.PERMISSION,
        what=f"API token {token.prefix} revoked",
        path=request.get_full_path()[:300],
    )
    messages.success(request, f"Revoked {token.name}: it no longer works.")
    return redirect("api_tokens", trust.pk)

"""A person's own data: what Tandem holds about them, to read and to download."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.privacy import RETENTION_YEARS, personal_data, personal_data_json
from audit.models import AuditEvent


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    data = personal_data(request.user)
    summary = sorted((label, len(rows)) for label, rows in data["records"].items())
    return render(
        request,
        "accounts/my_data.html",
        {"summary": summary, "account": data["account"], "years": RETENTION_YEARS},
    )


@login_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(personal_data_json(request.user), content_type="application/json")
    name = f"tandem-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    AuditEvent.objects.create(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        what="their own data (subject access)",
        path=request.get_full_path()[:300],
    )
    return response

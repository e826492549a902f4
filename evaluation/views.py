"""The evaluator's export page and downloads."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from audit.log import audited
from audit.models import AuditEvent
from evaluation.export import build, dictionary, write_zip
from tandem import permissions

FORMATS = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    trust = permissions.get_evaluation_trust_for(request.user, pk)
    tables = build(trust)
    return render(
        request,
        "evaluation/export.html",
        {
            "trust": trust,
            "tables": tables,
            "dictionary": dictionary(tables),
            "min_group": permissions.MIN_GROUP,
        },
    )


@login_required
@audited(AuditEvent.Action.EXPORT, lambda k: f"evaluation data ({k['fmt']})", of="trust")
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    trust = permissions.get_evaluation_trust_for(request.user, pk)
    if fmt not in FORMATS:
        return HttpResponse("Choose csv or parquet.", status=404, content_type="text/plain")
    response = HttpResponse(write_zip(trust, fmt), content_type="application/zip")
    name = f"tandem-evaluation-{timezone.localdate():%Y-%m-%d}-{fmt}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

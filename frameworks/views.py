"""Frameworks: read by everyone signed in, imported by programme authors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from frameworks.forms import FrameworkImportForm
from frameworks.importer import COLUMNS, export_framework, import_framework
from frameworks.models import Area, Framework, Statement
from tandem import permissions
from tandem.imports import ImportRejected


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.annotate(statement_count=Count("statements"))
    return render(
        request,
        "frameworks/framework_list.html",
        {"frameworks": frameworks, "is_author": permissions.is_author(request.user)},
    )


@login_required
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(
        Framework.objects.prefetch_related(
            Prefetch(
                "areas",
                queryset=Area.objects.prefetch_related(
                    Prefetch("statements", queryset=Statement.objects.order_by("position"))
                ),
            )
        ),
        pk=pk,
    )
    return render(request, "frameworks/framework_detail.html", {"framework": framework})


@login_required
def framework_export(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(Framework, pk=pk)
    response = HttpResponse(export_framework(framework), content_type="text/csv; charset=utf-8")
    filename = slugify(f"{framework.name} {framework.version}")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@login_required
def framework_import(request: HttpRequest) -> HttpResponse:
    permissions.require_author(request.user)
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            framework = import_framework(
                upload.read(),
                name=form.cleaned_data["name"],
                version=form.cleaned_data["version"],
                filename=upload.name,
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request, f"Imported {framework} with {framework.statements.count()} statements."
            )
            return redirect("framework_detail", framework.pk)
    return render(
        request,
        "frameworks/framework_import.html",
        {"form": form, "problems": problems, "columns": COLUMNS},
    )

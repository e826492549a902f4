"""Programmes: read by the people who follow or support them, written by their trust's
programme authors, as files (import and export) or on the editing page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from programmes.content_files import export_programme, import_programme, read_zip, zip_files
from programmes.forms import ProgrammeImportForm, SessionForm, StudyPartFormSet
from programmes.models import Module, Session
from tandem import permissions
from tandem.imports import ImportRejected


@login_required
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = permissions.get_programme_for(request.user, slug)
    years = programme.years.prefetch_related(
        Prefetch(
            "modules",
            queryset=Module.objects.prefetch_related(
                Prefetch(
                    "sessions", queryset=Session.objects.prefetch_related("parts", "statements")
                )
            ),
        )
    )
    can_edit = permissions.can_edit_programme(request.user, programme)
    return render(
        request,
        "programmes/programme_detail.html",
        {"programme": programme, "years": years, "can_edit": can_edit},
    )


def _get_session(programme, pk: int) -> Session:
    session = (
        Session.objects.filter(pk=pk, module__year__programme=programme)
        .select_related("module__year")
        .prefetch_related("parts", "statements__area")
        .first()
    )
    if session is None:
        raise Http404("No such session")
    return session


@login_required
def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for(request.user, slug)
    session = _get_session(programme, pk)
    can_edit = permissions.can_edit_programme(request.user, programme)
    return render(
        request,
        "programmes/session_detail.html",
        {"programme": programme, "session": session, "can_edit": can_edit},
    )


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for(request.user, slug, edit=True)
    session = _get_session(programme, pk)
    form = SessionForm(request.POST or None, instance=session)
    parts = StudyPartFormSet(request.POST or None, instance=session, prefix="parts")
    if request.method == "POST" and form.is_valid() and parts.is_valid():
        with transaction.atomic():
            form.save()
            saved = parts.save(commit=False)
            for part in parts.deleted_objects:
                part.delete()
            next_position = max((p.position for p in session.parts.all()), default=0)
            for part in saved:
                if not part.position:
                    next_position += 1
                    part.position = next_position
                part.save()
        messages.success(request, f"Saved '{session.title}'.")
        return redirect("session_detail", programme.slug, session.pk)
    return render(
        request,
        "programmes/session_edit.html",
        {"programme": programme, "session": session, "form": form, "parts": parts},
    )


@login_required
def programme_import(request: HttpRequest) -> HttpResponse:
    permissions.require_author(request.user)
    form = ProgrammeImportForm(
        request.POST or None, request.FILES or None, trusts=permissions.author_trusts(request.user)
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            programme = import_programme(
                read_zip(upload.read(), upload.name), owner=form.cleaned_data["owner"]
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, f"Imported {programme.name}.")
            return redirect("programme_detail", programme.slug)
    return render(request, "programmes/programme_import.html", {"form": form, "problems": problems})


@login_required
def programme_export(request: HttpRequest, slug: str) -> HttpResponse:
    programme = permissions.get_programme_for(request.user, slug)
    permissions.require_author(request.user)
    content = zip_files(export_programme(programme), programme.slug)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}.zip"'
    return response

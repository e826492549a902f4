"""A school's term dates, kept by its induction tutors and headteacher."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from organisations.forms import TermForm
from tandem import permissions


@login_required
def term_dates(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk, manage=True)
    form = TermForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        term = form.save()
        messages.success(request, f"Added {term.name}.")
        return redirect("term_dates", school.pk)
    return render(
        request,
        "organisations/term_dates.html",
        {"school": school, "terms": school.terms.all(), "form": form},
    )


@login_required
@require_POST
def delete_term(request: HttpRequest, pk: int, term_pk: int) -> HttpResponse:
    school = permissions.get_school_for(request.user, pk, manage=True)
    term = school.terms.filter(pk=term_pk).first()
    if term is None:
        raise Http404("No such term")
    term.delete()
    messages.success(request, f"Removed {term.name}.")
    return redirect("term_dates", school.pk)

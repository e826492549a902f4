"""A school's audit log, for its induction tutors and headteacher."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from audit.models import AuditEvent
from tandem import permissions


@login_required
def school_log(request: HttpRequest, pk: int) -> HttpResponse:
    school = permissions.get_school_assessments_for(request.user, pk)
    events = AuditEvent.objects.filter(school=school).select_related("actor", "induction__ect")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/school_log.html", {"school": school, "page": page})

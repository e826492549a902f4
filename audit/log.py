"""Recording audit events: a decorator for views that read, change or export assessment
records or change roles. An event is written only when the view succeeded, after the
permission check inside it, so refused attempts leave the records untouched (Django logs
them as 403 and 404)."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from audit.models import AuditEvent
from people.models import Role, RolePeriod


def audited(action: str, what: Callable[[dict], str] | str, *, of: str = "induction"):
    """Record `action` on `what` (a label, or a function of the URL's arguments) for the
    induction or school named by the URL's `pk`. A POST to a viewing page is a change."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            done = _done(action, request, response)
            if done and request.user.is_authenticated:
                record(request, done, what(kwargs) if callable(what) else what, of, kwargs)
            return response

        return wrapper

    return decorate


def _done(action: str, request: HttpRequest, response: HttpResponse) -> str | None:
    """What happened, if anything: a successful POST redirects (a form with errors is shown
    again and changed nothing); a successful GET of a page or an export answers 200."""
    if request.method == "POST":
        if not 300 <= response.status_code < 400:
            return None
        return AuditEvent.Action.CHANGE if action == AuditEvent.Action.VIEW else action
    if response.status_code == 200 and action in (AuditEvent.Action.VIEW, AuditEvent.Action.EXPORT):
        return action
    return None


def record(request: HttpRequest, action: str, what: str, of: str, kwargs: dict) -> None:
    """One insert, and at most one query to find the school (the ECT's school today)."""
    pk = kwargs.get("pk")
    induction_id = school_id = None
    if of == "induction":
        induction_id = pk
        school_id = (
            RolePeriod.objects.current()
            .filter(role=Role.ECT, person__induction=pk)
            .values_list("school_id", flat=True)
            .first()
        )
    elif of == "school":
        school_id = pk
    elif of == "role":
        school_id = RolePeriod.objects.filter(pk=pk).values_list("school_id", flat=True).first()
    AuditEvent.objects.create(
        actor=request.user,
        action=action,
        what=what[:80],
        induction_id=induction_id,
        school_id=school_id,
        path=request.get_full_path()[:300],
    )

"""A whole-page cache for the oversight dashboards (the tutor's, headteacher's and trust
pages), per signed-in session, emptied as soon as the data behind a page changes.

Those pages are read far more often than their data changes, and working them out takes
dozens of queries; served from here a page costs a session lookup and two cache reads.

What keeps it correct:
- the key holds the session (so the page's CSRF token is this browser's), the session's
  auth hash, the path and query, htmx or not, and today's date;
- and a version number for each scope the page depends on: the page's trust (or school,
  outside a trust), the person, and everything. Saving or deleting any Tandem record bumps
  the versions of the scopes it belongs to (see `scopes_of`), and a record we cannot place
  bumps everything; a page cached under old versions is never read again;
- writes that bypass signals (bulk updates) are caught by the time limit,
  PAGE_CACHE_SECONDS, after which every page is worked out afresh;
- only a 200 response that sets no cookie and carries no one-off message is stored, and a
  request with a message waiting is never served from here.

It needs a cache shared by every worker (Redis through CACHE_URL) in production: with the
default per-process memory cache a bump in one worker would not reach the others, so the
setting refuses to switch it on without one (see tandem/settings.py).
"""

import hashlib

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

CACHED_VIEWS = {"school_home", "head_home", "trust_home"}
EVERYTHING = "pcv:all"
# Records that never show on a cached page and are written on reads (the audit log) or by
# the cache's own machinery.
IGNORED_APPS = {"audit", "sessions", "django_tasks_db", "admin", "contenttypes"}


def _cache():
    return caches["default"]


def trust_scope(trust_id: int) -> str:
    return f"pcv:trust:{trust_id}"


def school_scope(school_id: int) -> str:
    return f"pcv:school:{school_id}"


def person_scope(person_id: int) -> str:
    return f"pcv:person:{person_id}"


def _page_scope(name: str, pk: int) -> str:
    """The trust (or, for a school in no trust, the school) a cached page belongs to."""
    if name == "trust_home":
        return trust_scope(pk)
    key = f"pc:school-trust:{pk}"
    trust_id = _cache().get(key)
    if trust_id is None:
        from organisations.models import School

        trust_id = School.objects.filter(pk=pk).values_list("trust_id", flat=True).first() or 0
        _cache().set(key, trust_id, settings.PAGE_CACHE_SECONDS)
    return trust_scope(trust_id) if trust_id else school_scope(pk)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request) if settings.PAGE_CACHE_SECONDS else None
        if key is None:
            return self.get_response(request)
        cached = _cache().get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return _private(response)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and user is not None
            and user.is_authenticated
            and str(user.pk) == str(request.session.get(SESSION_KEY))
            and not _messages_waiting(request)
        ):
            _cache().set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
            response["X-Page-Cache"] = "miss"
        return _private(response)

    def _key(self, request) -> str | None:
        if request.method != "GET":
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        # Only now read the session: other pages must not pay for it here.
        if match.url_name not in CACHED_VIEWS or _messages_waiting(request):
            return None
        user_id = request.session.get(SESSION_KEY)
        if user_id is None:
            return None
        scopes = [EVERYTHING, _page_scope(match.url_name, match.kwargs["pk"])]
        scopes.append(person_scope(user_id))
        versions = _cache().get_many(scopes)
        parts = [
            request.session.session_key,
            request.session.get(HASH_SESSION_KEY, ""),
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            timezone.localdate().isoformat(),
            *(str(versions.get(scope, 0)) for scope in scopes),
        ]
        return "pc:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _messages_waiting(request) -> bool:
    return bool(request.COOKIES.get("messages")) or "_messages" in request.session


def _private(response):
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie"
    return response


# --- invalidation -------------------------------------------------------------------------


def bump(*scopes: str) -> None:
    cache = _cache()
    for scope in scopes:
        # add() then incr() keeps the bump atomic in Redis; a lost race costs a cache miss.
        if not cache.add(scope, 1, None):
            try:
                cache.incr(scope)
            except ValueError:
                cache.set(scope, 1, None)


def scopes_of(instance) -> set[str] | None:
    """The scopes a saved or deleted record belongs to; None if it cannot be placed, so
    that everything is invalidated."""
    from organisations.models import School, Trust
    from people.models import Induction, RolePeriod

    scopes: set[str] = set()
    if isinstance(instance, Trust):
        return {trust_scope(instance.pk)}
    if isinstance(instance, School):
        _cache().delete(f"pc:school-trust:{instance.pk}")
        return (
            {trust_scope(instance.trust_id)} if instance.trust_id else {school_scope(instance.pk)}
        )
    if isinstance(instance, get_user_model()):
        people = {instance.pk}
        schools, trusts = _organisations_of_people(people)
        return {person_scope(instance.pk)} | _org_scopes(schools, trusts)
    person_id = getattr(instance, "person_id", None)
    if person_id:
        scopes.add(person_scope(person_id))
    trust_id = getattr(instance, "trust_id", None)
    school_id = getattr(instance, "school_id", None)
    if trust_id:
        scopes.add(trust_scope(trust_id))
    if school_id:
        scopes |= _org_scopes({school_id}, set())
    induction_id = instance.pk if isinstance(instance, Induction) else None
    induction_id = induction_id or getattr(instance, "induction_id", None)
    mentorship_id = getattr(instance, "mentorship_id", None)
    if mentorship_id and not induction_id:
        from people.models import Mentorship

        induction_id = (
            Mentorship.objects.filter(pk=mentorship_id)
            .values_list("induction_id", flat=True)
            .first()
        )
    if induction_id:
        ect = Induction.objects.filter(pk=induction_id).values_list("ect_id", flat=True).first()
        schools, trusts = _organisations_of_people({ect} if ect else set())
        scopes |= _org_scopes(schools, trusts)
    if isinstance(instance, RolePeriod):
        scopes.add(person_scope(instance.person_id))
    if not (trust_id or school_id or induction_id):
        # Placed by person alone (a notification, a preference) or not at all.
        return scopes if person_id else None
    return scopes


def _organisations_of_people(people: set[int]) -> tuple[set[int], set[int]]:
    from people.models import RolePeriod

    schools, trusts = set(), set()
    for school_id, trust_id in RolePeriod.objects.filter(person__in=people).values_list(
        "school_id", "trust_id"
    ):
        if school_id:
            schools.add(school_id)
        if trust_id:
            trusts.add(trust_id)
    return schools, trusts


def _org_scopes(schools: set[int], trusts: set[int]) -> set[str]:
    from organisations.models import School

    scopes = {trust_scope(t) for t in trusts}
    for school_id, trust_id in School.objects.filter(pk__in=schools).values_list("pk", "trust_id"):
        scopes.add(trust_scope(trust_id) if trust_id else school_scope(school_id))
    return scopes


def _changed(sender, instance, update_fields=None, **kwargs) -> None:
    if not settings.PAGE_CACHE_SECONDS or sender._meta.app_label in IGNORED_APPS:
        return
    if update_fields and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing a page shows
    scopes = scopes_of(instance)
    bump(*(scopes if scopes is not None else {EVERYTHING}))


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_changed_m2m, dispatch_uid="pagecache-m2m")


def _changed_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        _changed(type(instance), instance)

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path


def _superusers_only(request) -> bool:
    # Day-to-day work happens in Tandem's own pages, which apply the permissions module; the
    # admin bypasses it, so only superusers may open it.
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
admin.site.site_header = "Tandem administration"
admin.site.site_title = "Tandem administration"


def healthz(request) -> HttpResponse:
    """For load balancers and uptime checks; also the benchmarks' baseline of a trivial view."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("dashboards.urls")),
    path("", include("accounts.urls")),
    path("", include("people.urls")),
    path("", include("organisations.urls")),
    path("", include("coaching.urls")),
    path("", include("assessments.urls")),
    path("", include("pathways.urls")),
    path("", include("scheduling.urls")),
    path("", include("oversight.urls")),
    path("", include("planning.urls")),
    path("", include("community.urls")),
    path("", include("development.urls")),
    path("", include("audit.urls")),
    path("", include("provision.urls")),
    path("", include("surveys.urls")),
    path("", include("evaluation.urls")),
    path("", include("api.urls")),
    path("", include("frameworks.urls")),
    path("", include("programmes.urls")),
]

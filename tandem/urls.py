from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("dashboards.urls")),
    path("", include("people.urls")),
    path("", include("frameworks.urls")),
    path("", include("programmes.urls")),
]

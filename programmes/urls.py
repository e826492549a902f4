from django.urls import path

from programmes import views

urlpatterns = [
    path("programmes/import/", views.programme_import, name="programme_import"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("programmes/<slug:slug>/export.zip", views.programme_export, name="programme_export"),
    path("programmes/<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("programmes/<slug:slug>/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
]

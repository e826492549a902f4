from django.urls import path

from evaluation import views

urlpatterns = [
    path("trusts/<int:pk>/evaluation/export/", views.export, name="evaluation_export"),
    path(
        "trusts/<int:pk>/evaluation/export/<str:fmt>.zip",
        views.download,
        name="evaluation_download",
    ),
]

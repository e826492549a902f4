from django.urls import path

from development import views

urlpatterns = [
    path("mentor-development/", views.strand, name="strand"),
    path("mentor-development/units/<int:pk>/", views.unit, name="strand_unit"),
    path(
        "mentor-development/units/<int:pk>/parts/<int:part_pk>/",
        views.part_done,
        name="strand_part_done",
    ),
    path("mentor-development/units/<int:pk>/known/", views.unit_known, name="strand_known"),
    path("mentor-development/skills/", views.skills, name="strand_skills"),
]

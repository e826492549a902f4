from django.urls import path

from community import views

urlpatterns = [
    path("schools/<int:pk>/open-classrooms/", views.open_classrooms, name="open_classrooms"),
    path("schools/<int:pk>/open-classrooms/<int:classroom_pk>/book/", views.book, name="book"),
    path(
        "schools/<int:pk>/open-classrooms/<int:classroom_pk>/cancel/",
        views.cancel_booking,
        name="cancel_booking",
    ),
    path("schools/<int:pk>/shared/", views.materials, name="materials"),
    path("inductions/<int:pk>/learning/", views.learning, name="learning"),
    path("mentor-groups/", views.groups, name="groups"),
    path("mentor-groups/<int:pk>/", views.group, name="group"),
    path("mentor-groups/<int:pk>/meetings/", views.group_meetings, name="group_meetings"),
]

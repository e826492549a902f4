from django.urls import path

from people import views

urlpatterns = [
    path("ects/<int:pk>/", views.induction_detail, name="induction_detail"),
    path("ects/<int:pk>/mentor/", views.change_mentor, name="change_mentor"),
    path("ects/<int:pk>/details/", views.edit_induction, name="edit_induction"),
    path("schools/<int:pk>/people/add/", views.add_role, name="add_role"),
    path("roles/<int:pk>/end/", views.end_role, name="end_role"),
]

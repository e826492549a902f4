from django.urls import path

from dashboards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("my-induction/", views.ect_home, name="ect_home"),
    path("mentoring/", views.mentor_home, name="mentor_home"),
    path("schools/<int:pk>/", views.school_home, name="school_home"),
    path("schools/<int:pk>/overview/", views.head_home, name="head_home"),
    path("trusts/<int:pk>/", views.trust_home, name="trust_home"),
    path("trusts/<int:pk>/evaluation/", views.evaluator_home, name="evaluator_home"),
    path("authoring/", views.author_home, name="author_home"),
]

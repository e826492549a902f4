from django.urls import path

from pathways import views

urlpatterns = [
    path("ects/<int:pk>/pathway/", views.pathway, name="pathway"),
    path("ects/<int:pk>/starting-point/", views.starting_point, name="starting_point"),
    path("ects/<int:pk>/pathway/pull-forward/", views.pull_forward, name="pull_forward"),
    path("ects/<int:pk>/pathway/pulls/<int:pull_pk>/", views.decide_pull, name="decide_pull"),
    path("ects/<int:pk>/study/<int:part_pk>/", views.part_progress, name="part_progress"),
    path("programmes/<slug:slug>/insights/", views.programme_insights, name="programme_insights"),
]

from django.urls import path

from coaching import views

urlpatterns = [
    path("ects/<int:pk>/coaching/", views.timeline, name="coaching_timeline"),
    path("ects/<int:pk>/observations/new/", views.new_observation, name="new_observation"),
    path("my-induction/reflections/", views.my_reflections, name="my_reflections"),
    path("reflections/<int:pk>/share/", views.share_reflection, name="share_reflection"),
]

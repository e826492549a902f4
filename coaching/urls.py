from django.urls import path

from coaching import views

urlpatterns = [
    path("ects/<int:pk>/coaching/", views.timeline, name="coaching_timeline"),
    path("ects/<int:pk>/observations/new/", views.new_observation, name="new_observation"),
    path("ects/<int:pk>/meetings/next/", views.next_meeting, name="next_meeting"),
    path("ects/<int:pk>/agenda/", views.add_agenda_item, name="add_agenda_item"),
    path("ects/<int:pk>/check-ins/", views.log_check_in, name="log_check_in"),
    path("ects/<int:pk>/support/", views.set_support_level, name="set_support_level"),
    path("my-induction/reflections/", views.my_reflections, name="my_reflections"),
    path("reflections/<int:pk>/share/", views.share_reflection, name="share_reflection"),
]

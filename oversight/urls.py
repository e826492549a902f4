from django.urls import path

from oversight import views

urlpatterns = [
    path("pulse/", views.pulse_check, name="pulse_check"),
    path("pulse/mine/", views.my_pulse, name="my_pulse"),
    path("pulse/answer/<str:token>/", views.pulse_link, name="pulse_link"),
    path("pairs/<int:pk>/conversation/", views.pair_conversation, name="pair_conversation"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/choices/", views.preferences, name="preferences"),
]

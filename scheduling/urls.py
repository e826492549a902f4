from django.urls import path

from scheduling import views

urlpatterns = [
    path("schools/<int:pk>/timetable/", views.timetable, name="timetable"),
    path(
        "schools/<int:pk>/timetable/upload/<str:kind>/",
        views.timetable_upload,
        name="timetable_upload",
    ),
    path(
        "schools/<int:pk>/timetable/uploads/<int:upload_pk>/",
        views.timetable_preview,
        name="timetable_preview",
    ),
    path(
        "schools/<int:pk>/timetable/<str:kind>.csv",
        views.timetable_export,
        name="timetable_export",
    ),
    path("schools/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("schools/<int:pk>/schedule/settings/", views.schedule_settings, name="schedule_settings"),
    path("schools/<int:pk>/schedule/run/", views.schedule_run, name="schedule_run"),
    path("schools/<int:pk>/schedule/runs/<int:run_pk>/", views.run_progress, name="run_progress"),
    path("schools/<int:pk>/schedule/slots/<int:slot_pk>/pin/", views.slot_pin, name="slot_pin"),
    path("schools/<int:pk>/schedule/slots/<int:slot_pk>/move/", views.slot_move, name="slot_move"),
    path("trusts/<int:pk>/events/", views.trust_events, name="trust_events"),
    path("trusts/<int:pk>/events/run/", views.trust_events_run, name="trust_events_run"),
    path(
        "trusts/<int:pk>/events/<int:event_pk>/delete/",
        views.trust_event_delete,
        name="trust_event_delete",
    ),
    path("my-calendar/", views.my_calendar, name="my_calendar"),
    path("my-calendar/tandem.ics", views.my_calendar_download, name="my_calendar_download"),
    path("my-calendar/address/", views.my_calendar_feed, name="my_calendar_feed"),
    path("my-calendar/address/stop/", views.my_calendar_revoke, name="my_calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

from django.urls import path

from audit import views

urlpatterns = [path("schools/<int:pk>/audit/", views.school_log, name="school_audit")]

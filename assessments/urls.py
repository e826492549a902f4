from django.urls import path, register_converter

from assessments import views


class KindConverter:
    regex = "progress_review|formal_assessment"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "kind")

urlpatterns = [
    path("ects/<int:pk>/statutory/", views.statutory_record, name="statutory_record"),
    path("ects/<int:pk>/absences/", views.add_absence, name="add_absence"),
    path(
        "ects/<int:pk>/absences/<int:absence_pk>/remove/",
        views.remove_absence,
        name="remove_absence",
    ),
    path(
        "ects/<int:pk>/progress-reviews/<int:number>/",
        views.progress_review,
        name="progress_review",
    ),
    path(
        "ects/<int:pk>/formal-assessments/<int:number>/",
        views.formal_assessment,
        name="formal_assessment",
    ),
    path(
        "ects/<int:pk>/formal-assessments/<int:number>/confirm/",
        views.confirm,
        name="confirm_assessment",
    ),
    path("ects/<int:pk>/<kind:kind>/<int:number>/sent/", views.record_sent, name="record_sent"),
    path("ects/<int:pk>/<kind:kind>/<int:number>/pdf/", views.record_pdf, name="record_pdf"),
    path("schools/<int:pk>/statutory/", views.school_statutory, name="school_statutory"),
    path(
        "schools/<int:pk>/statutory/records.csv",
        views.school_statutory_csv,
        name="school_statutory_csv",
    ),
]

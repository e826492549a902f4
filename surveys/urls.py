from django.urls import path

from surveys import views

urlpatterns = [
    path("trusts/<int:pk>/surveys/", views.surveys, name="surveys"),
    path("surveys/<int:pk>/", views.survey, name="survey"),
    path("surveys/<int:pk>/questions/", views.add_question, name="survey_add_question"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/remove/",
        views.remove_question,
        name="survey_remove_question",
    ),
    path("surveys/<int:pk>/waves/", views.add_wave, name="survey_add_wave"),
    path("surveys/<int:pk>/waves/<int:wave_pk>/send/", views.send_wave, name="survey_send"),
    path("surveys/<int:pk>/results/", views.results, name="survey_results"),
    path("survey-waves/<int:pk>/", views.answer, name="survey_answer"),
    path("my-surveys/", views.mine, name="my_surveys"),
]

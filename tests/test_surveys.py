"""Surveys in waves: defined by a trust's coordinators and evaluators, sent once per person
per wave with one reminder, answered once, and shown only in groups of five or more."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from oversight.models import Notification
from people.models import Role
from surveys.instrument import QUESTIONS, add_sample_questions
from surveys.models import THEMES, Invitation, Question, Response, Survey, Wave
from surveys.results import results_for
from surveys.sending import send_open_waves, send_wave
from tandem import factories

TODAY = date(2026, 11, 23)


def make_survey(cast, audience=("ect", "mentor"), **wave):
    survey = Survey.objects.create(
        trust=cast.trust_a,
        title="Induction survey",
        audience=list(audience),
        created_by=cast.coordinator,
    )
    add_sample_questions(survey)
    wave = Wave.objects.create(
        survey=survey,
        name=wave.get("name", "Autumn"),
        opens_on=wave.get("opens_on", TODAY - timedelta(days=1)),
        closes_on=wave.get("closes_on", TODAY + timedelta(days=14)),
    )
    return survey, wave


def test_the_sample_instrument_covers_every_theme_of_the_evaluation(cast):
    survey, _ = make_survey(cast)
    themes = set(survey.questions.values_list("theme", flat=True))
    assert themes == {code for code, _ in THEMES}
    assert survey.questions.count() == len(QUESTIONS) == 16
    assert set(survey.questions.values_list("kind", flat=True)) == {"likert", "choice", "text"}
    assert list(survey.questions.values_list("position", flat=True)) == list(range(1, 17))


def test_a_coordinator_creates_a_survey_from_the_sample_and_adds_a_wave(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("surveys", args=[cast.trust_a.pk]),
        {"title": "Our survey", "audience": ["ect", "tutor"], "sample": "on"},
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("survey", args=[survey.pk])
    assert survey.audience == ["ect", "tutor"] and survey.questions.count() == 16
    response = client.post(
        reverse("survey_add_wave", args=[survey.pk]),
        {
            "wave-name": "Start",
            "wave-opens_on": "2026-11-20",
            "wave-closes_on": "2026-11-10",
            "wave-remind_after_days": "7",
        },
    )
    assert response.status_code == 400
    assert "must close on or after" in response.content.decode()
    assert not Wave.objects.exists()
    client.post(
        reverse("survey_add_wave", args=[survey.pk]),
        {
            "wave-name": "Start",
            "wave-opens_on": "2026-11-20",
            "wave-closes_on": "2026-12-10",
            "wave-remind_after_days": "7",
        },
    )
    assert Wave.objects.get().name == "Start"


def test_question_validation(client, cast):
    survey, _ = make_survey(cast)
    client.force_login(cast.evaluator)
    url = reverse("survey_add_question", args=[survey.pk])
    bad = client.post(
        url,
        {
            "question-text": "Which?",
            "question-theme": "time",
            "question-kind": "choice",
            "question-options_text": "Only one",
        },
    )
    assert bad.status_code == 400 and "two to eight options" in bad.content.decode()
    client.post(
        url,
        {
            "question-text": "Which?",
            "question-theme": "time",
            "question-kind": "choice",
            "question-options_text": "A\nB\n",
        },
    )
    question = survey.questions.last()
    assert question.options == ["A", "B"] and question.position == 17


def test_each_person_is_invited_once_and_reminded_once(cast):
    _, wave = make_survey(cast)
    # The mentor is also the school's tutor: one invitation, not two.
    factories.give_role(cast.mentor, Role.INDUCTION_TUTOR, school=cast.school_a)
    assert send_wave(wave, TODAY) == (3, 0)  # ect, mentor, other_mentor; not trust B's
    invited = set(wave.invitations.values_list("person__email", flat=True))
    assert invited == {"ect@example.test", "mentor@example.test", "other_mentor@example.test"}
    assert send_wave(wave, TODAY) == (0, 0)
    assert send_open_waves(TODAY) == (0, 0)
    assert Notification.objects.filter(kind="survey").count() == 3
    assert len(mail.outbox) == 3
    # A newcomer is invited on the next run.
    factories.make_ect(cast.school_a, full_name="Newcomer", email="new@example.test")
    assert send_wave(wave, TODAY) == (1, 0)
    # After a week, those who have not answered are reminded, once.
    answered = wave.invitations.get(person=cast.ect)
    answered.answered_at = answered.sent_at
    answered.save()
    with time_machine.travel(TODAY + timedelta(days=8), tick=False):
        assert send_wave(wave, TODAY + timedelta(days=8)) == (0, 3)
        assert send_wave(wave, TODAY + timedelta(days=9)) == (0, 0)
    assert Notification.objects.filter(kind="survey", key__endswith="reminder").count() == 3


def test_a_closed_or_future_wave_sends_nothing(cast):
    _, closed = make_survey(cast, opens_on=date(2026, 9, 1), closes_on=date(2026, 10, 1))
    _, future = make_survey(cast, opens_on=date(2027, 1, 1), closes_on=date(2027, 2, 1))
    assert send_wave(closed, TODAY) == (0, 0) and send_wave(future, TODAY) == (0, 0)
    assert not Invitation.objects.exists()


def test_send_now_runs_the_task_for_an_open_wave_only(client, cast):
    survey, wave = make_survey(cast)
    client.force_login(cast.coordinator)
    client.post(reverse("survey_send", args=[survey.pk, wave.pk]))
    assert wave.invitations.count() == 3  # the ECT and both mentors
    later = Wave.objects.create(
        survey=survey, name="Later", opens_on=date(2027, 3, 1), closes_on=date(2027, 3, 20)
    )
    response = client.post(reverse("survey_send", args=[survey.pk, later.pk]), follow=True)
    assert "is not open" in response.content.decode()
    assert not later.invitations.exists()


def test_a_person_answers_once_per_wave(client, cast):
    _, wave = make_survey(cast)
    send_wave(wave, TODAY)
    client.force_login(cast.ect)
    url = reverse("survey_answer", args=[wave.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"I have the time I was promised" in page.content
    empty = client.post(url, {})
    assert "Answer at least one question" in empty.content.decode()
    assert not Response.objects.exists()
    client.post(url, {"q1": "4", "q2": "30 to 60 minutes", "q16": "More time"})
    response = Response.objects.get()
    assert response.answers == {"q1": 4, "q2": "30 to 60 minutes", "q16": "More time"}
    again = client.post(url, {"q1": "1"})
    assert b"You have answered this wave" in again.content
    assert Response.objects.get().answers["q1"] == 4
    bad = client.post(reverse("survey_answer", args=[wave.pk]), {"q1": "9"})
    assert Response.objects.count() == 1 and bad.status_code == 200


def test_an_invalid_answer_is_explained(client, cast):
    _, wave = make_survey(cast)
    send_wave(wave, TODAY)
    client.force_login(cast.ect)
    page = client.post(reverse("survey_answer", args=[wave.pk]), {"q1": "9", "q2": "Never"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert not Response.objects.exists()


def test_people_not_invited_cannot_answer(client, cast):
    _, wave = make_survey(cast)
    send_wave(wave, TODAY)
    client.force_login(cast.tutor)  # not in the audience
    assert client.get(reverse("survey_answer", args=[wave.pk])).status_code == 404


def _answers(wave, people, values):
    for person, answers in zip(people, values, strict=True):
        invitation = Invitation.objects.create(wave=wave, person=person, role="ect")
        Response.objects.create(invitation=invitation, answers=answers)
        invitation.answered_at = invitation.sent_at
        invitation.save()


def test_results_hide_groups_under_five_and_unlink_free_text(client, cast):
    survey, wave = make_survey(cast)
    people = [factories.make_ect(cast.school_a).ect for _ in range(5)]
    _answers(wave, people[:4], [{"q1": 4, "q16": f"note {n}"} for n in range(4)])
    result = results_for(survey)[0]
    q1 = result.questions[0]
    assert q1.hidden and q1.mean is None and not q1.counts
    assert result.questions[15].hidden and not result.questions[15].texts
    _answers(wave, people[4:], [{"q1": 2, "q16": "a note"}])
    result = results_for(survey)[0]
    assert result.answered == 5
    q1 = result.questions[0]
    assert not q1.hidden and q1.mean == 3.6
    assert dict(q1.counts)["Agree"] == 4 and dict(q1.counts)["Disagree"] == 1
    assert result.questions[15].texts == ["a note", "note 0", "note 1", "note 2", "note 3"]
    assert result.themes["time"] == 3.6
    client.force_login(cast.evaluator)
    page = client.get(reverse("survey_results", args=[survey.pk])).content.decode()
    assert "Mean 3.6 from 5 answers" in page
    for person in people:
        assert person.full_name not in page
    assert "<svg" in page and "Response rate by wave" in page
    # Mentors: nobody answered; an unknown audience is explained, not an error.
    page = client.get(reverse("survey_results", args=[survey.pk]), {"audience": "mentor"})
    assert "Mean 3.6" not in page.content.decode()
    page = client.get(reverse("survey_results", args=[survey.pk]), {"audience": "pupils"})
    assert page.status_code == 200
    assert "That audience is not one this survey asks" in page.content.decode()


def test_questions_are_fixed_once_anyone_has_answered(client, cast):
    survey, wave = make_survey(cast)
    _answers(wave, [cast.ect], [{"q1": 3}])
    client.force_login(cast.coordinator)
    question = survey.questions.first()
    client.post(reverse("survey_remove_question", args=[survey.pk, question.pk]))
    client.post(
        reverse("survey_add_question", args=[survey.pk]),
        {"question-text": "New", "question-theme": "time", "question-kind": "likert"},
    )
    assert survey.questions.count() == 16


def test_removing_a_question_keeps_codes_in_sequence(client, cast):
    survey, _ = make_survey(cast)
    client.force_login(cast.coordinator)
    client.post(reverse("survey_remove_question", args=[survey.pk, survey.questions.first().pk]))
    assert list(survey.questions.values_list("position", flat=True)) == list(range(1, 16))


@pytest.mark.parametrize("waves", [1, 3])
def test_results_take_a_fixed_number_of_queries(client, cast, django_assert_num_queries, waves):
    survey, wave = make_survey(cast)
    for n in range(waves - 1):
        Wave.objects.create(survey=survey, name=f"W{n}", opens_on=TODAY, closes_on=TODAY)
    _answers(wave, [factories.make_ect(cast.school_a).ect for _ in range(5)], [{"q1": 5}] * 5)
    client.force_login(cast.coordinator)
    url = reverse("survey_results", args=[survey.pk])
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)


def test_my_surveys_lists_invitations(client, cast):
    _, wave = make_survey(cast)
    send_wave(wave, TODAY)
    client.force_login(cast.ect)
    page = client.get(reverse("my_surveys")).content.decode()
    assert "Induction survey" in page and reverse("survey_answer", args=[wave.pk]) in page
    assert Question.objects.count() == 16

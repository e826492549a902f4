"""Defining surveys and their waves, answering them, and their aggregated results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from oversight.charts import bar_chart, line_chart
from surveys.forms import AnswerForm, QuestionForm, SurveyForm, WaveForm
from surveys.instrument import add_sample_questions
from surveys.models import THEMES, Audience, Invitation, Response, Survey
from surveys.results import results_for
from surveys.sending import send_wave_task
from tandem import permissions


@login_required
def surveys(request: HttpRequest, pk: int) -> HttpResponse:
    trust = permissions.get_survey_trust_for(request.user, pk)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.trust, form.instance.created_by = trust, request.user
            survey = form.save()
            if form.cleaned_data["sample"]:
                add_sample_questions(survey)
        messages.success(request, f"Survey created: {survey.title}. Add its waves below.")
        return redirect("survey", survey.pk)
    listed = Survey.objects.filter(trust=trust).annotate(
        wave_count=Count("waves", distinct=True), question_count=Count("questions", distinct=True)
    )
    return render(request, "surveys/list.html", {"trust": trust, "surveys": listed, "form": form})


def _survey_page(request, survey, question_form=None, wave_form=None, status=200):
    waves = survey.waves.annotate(
        invited=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
    )
    answered = Response.objects.filter(invitation__wave__survey=survey).exists()
    return render(
        request,
        "surveys/survey.html",
        {
            "survey": survey,
            "questions": survey.questions.all(),
            "waves": waves,
            "locked": answered,
            "question_form": question_form or QuestionForm(prefix="question"),
            "wave_form": wave_form or WaveForm(prefix="wave"),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    return _survey_page(request, permissions.get_survey_for(request.user, pk))


def _locked(request, survey) -> bool:
    """Once anyone has answered, the questions stay as they are, so waves compare."""
    if Response.objects.filter(invitation__wave__survey=survey).exists():
        messages.error(request, "People have answered this survey, so its questions are fixed.")
        return True
    return False


@login_required
@require_POST
def add_question(request: HttpRequest, pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk)
    if _locked(request, survey):
        return redirect("survey", survey.pk)
    form = QuestionForm(request.POST, prefix="question")
    if not form.is_valid():
        return _survey_page(request, survey, question_form=form, status=400)
    form.instance.survey = survey
    form.instance.position = survey.questions.count() + 1
    form.save()
    messages.success(request, "Question added.")
    return redirect("survey", survey.pk)


@login_required
@require_POST
def remove_question(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk)
    question = survey.questions.filter(pk=question_pk).first()
    if question is None:
        raise Http404("No such question")
    if _locked(request, survey):
        return redirect("survey", survey.pk)
    with transaction.atomic():
        question.delete()
        # Keep the positions (and so the answer codes) running 1, 2, 3...
        for position, q in enumerate(survey.questions.order_by("position"), start=1):
            if q.position != position:
                q.position = position
                q.save(update_fields=["position"])
    messages.success(request, "Question removed.")
    return redirect("survey", survey.pk)


@login_required
@require_POST
def add_wave(request: HttpRequest, pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk)
    form = WaveForm(request.POST, prefix="wave")
    if not survey.questions.exists():
        form.add_error(None, "Add a question before the first wave.")
    if not form.is_valid():
        return _survey_page(request, survey, wave_form=form, status=400)
    form.instance.survey = survey
    wave = form.save()
    messages.success(
        request,
        f"Wave added: {wave.name}. Invitations go out on {wave.opens_on:%-d %B %Y}, or send "
        "them now once it is open.",
    )
    return redirect("survey", survey.pk)


@login_required
@require_POST
def send_wave(request: HttpRequest, pk: int, wave_pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk)
    wave = survey.waves.filter(pk=wave_pk).first()
    if wave is None:
        raise Http404("No such wave")
    if not wave.is_open(timezone.localdate()):
        messages.error(request, f"{wave.name} is not open, so nobody can be invited to it now.")
        return redirect("survey", survey.pk)
    send_wave_task.enqueue(wave.pk)
    messages.success(
        request, f"Sending {wave.name}: everyone not yet invited gets an invitation shortly."
    )
    return redirect("survey", survey.pk)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = permissions.get_survey_for(request.user, pk)
    role = request.GET.get("audience", "")
    error = ""
    if role and role not in survey.audience:
        error = "That audience is not one this survey asks; showing everyone."
        role = ""
    waves = results_for(survey, role or None)
    labels = [w.wave.name for w in waves]
    rate_chart = bar_chart(
        labels,
        {"Response rate (%)": [round(100 * w.rate) if w.rate is not None else None for w in waves]},
        description="Response rate by wave; the figures are in the table that follows.",
    )
    theme_rows = [
        (label, [w.themes[code] for w in waves])
        for code, label in THEMES
        if any(w.themes[code] is not None for w in waves)
    ]
    theme_chart = (
        line_chart(
            labels,
            dict(theme_rows),
            description="Mean agreement (1 to 5) by theme and wave; the figures are in the "
            "table that follows.",
            top=5,
        )
        if theme_rows and len(waves) > 0
        else ""
    )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "waves": waves,
            "audiences": [(a, Audience(a).label) for a in survey.audience],
            "role": role,
            "error": error,
            "rate_chart": rate_chart,
            "theme_chart": theme_chart,
            "theme_rows": theme_rows,
            "min_group": permissions.MIN_GROUP,
        },
    )


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = permissions.get_invited_wave_for(request.user, pk)
    wave, survey = invitation.wave, invitation.wave.survey
    if invitation.answered_at:
        return render(request, "surveys/answered.html", {"wave": wave, "already": True})
    if not wave.is_open(timezone.localdate()):
        return render(request, "surveys/answered.html", {"wave": wave, "closed": True})
    questions = list(survey.questions.all())
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                Response.objects.create(invitation=invitation, answers=form.answers())
                invitation.answered_at = timezone.now()
                invitation.save(update_fields=["answered_at"])
        except IntegrityError:
            pass  # answered in another tab a moment ago; the first answer stands
        return render(request, "surveys/answered.html", {"wave": wave})
    return render(request, "surveys/answer.html", {"wave": wave, "survey": survey, "form": form})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    invitations = (
        Invitation.objects.filter(person=request.user)
        .select_related("wave__survey")
        .order_by("-wave__opens_on")
    )
    return render(request, "surveys/mine.html", {"invitations": invitations, "today": today})

"""Invitations and reminders for open waves: each person in the audience is invited once per
wave and reminded once, however often this runs. `manage.py send_surveys` runs it daily; a
coordinator can also send a wave at once, as a background task."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from oversight.models import Kind
from oversight.notify import notify
from people.models import RolePeriod
from surveys.models import Invitation, Wave


def audience_of(wave: Wave, day: date) -> dict[int, tuple[object, str]]:
    """The people to invite: holding a role in the audience at one of the trust's schools
    on that day (person id -> (person, role)); someone with two roles is invited once."""
    periods = (
        RolePeriod.objects.current(day)
        .filter(school__trust_id=wave.survey.trust_id, role__in=wave.survey.audience)
        .select_related("person")
        .order_by("role", "person_id")
    )
    people: dict[int, tuple[object, str]] = {}
    for period in periods:
        people.setdefault(period.person_id, (period.person, period.role))
    return people


def send_wave(wave: Wave, day: date | None = None) -> tuple[int, int]:
    """Invite whoever has not been invited, remind whoever is due. Returns (invited,
    reminded)."""
    day = day or timezone.localdate()
    if not wave.is_open(day):
        return 0, 0
    url = reverse("survey_answer", args=[wave.pk])
    invited_already = set(wave.invitations.values_list("person_id", flat=True))
    invited = reminded = 0
    for person_id, (person, role) in audience_of(wave, day).items():
        if person_id in invited_already:
            continue
        try:
            with transaction.atomic():
                Invitation.objects.create(wave=wave, person=person, role=role)
        except IntegrityError:
            continue  # invited by a run at the same moment
        notify(
            person,
            Kind.SURVEY,
            f"survey-{wave.pk}",
            f"Survey: {wave.survey.title}",
            f"{wave.name}: a few minutes on how induction is going. Open until "
            f"{wave.closes_on:%-d %B %Y}.",
            url,
        )
        invited += 1
    due = timezone.now() - timedelta(days=wave.remind_after_days)
    for invitation in wave.invitations.filter(
        answered_at=None, reminded_at=None, sent_at__lte=due
    ).select_related("person"):
        # Mark first, so a second run at the same time cannot remind again.
        if Invitation.objects.filter(pk=invitation.pk, reminded_at=None).update(
            reminded_at=timezone.now()
        ):
            notify(
                invitation.person,
                Kind.SURVEY,
                f"survey-{wave.pk}-reminder",
                f"Reminder: {wave.survey.title}",
                f"{wave.name} closes on {wave.closes_on:%-d %B %Y}. It takes a few minutes.",
                url,
            )
            reminded += 1
    return invited, reminded


def send_open_waves(day: date | None = None) -> tuple[int, int]:
    day = day or timezone.localdate()
    totals = [0, 0]
    for wave in Wave.objects.filter(opens_on__lte=day, closes_on__gte=day).select_related("survey"):
        invited, reminded = send_wave(wave, day)
        totals[0] += invited
        totals[1] += reminded
    return totals[0], totals[1]


@task()
def send_wave_task(wave_id: int) -> None:
    wave = Wave.objects.select_related("survey").filter(pk=wave_id).first()
    if wave is not None:
        send_wave(wave)

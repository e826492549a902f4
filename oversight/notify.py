"""Notifications: each goes to the in-app list and by email, as the person chose, and never
twice for the same thing. `manage.py send_notifications` runs them once a day: reminders for
tomorrow's protected time, meetings that were not recorded, and on Mondays the tutors' weekly
digest and the week's pulse check."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tasks import send_email
from oversight import pulse
from oversight.models import Kind, Notification, Preference
from oversight.pairs import pair_rows
from people.models import Induction, Role, RolePeriod
from scheduling.calendars import series_for
from scheduling.drift import GRACE, drift_for
from scheduling.models import ScheduleSettings, Slot

# A missed meeting is told once, within this long of being counted as missed.
NOT_RECORDED_WINDOW = timedelta(days=7)


def choices_of(person) -> dict[str, tuple[bool, bool]]:
    return {p.kind: (p.in_app, p.by_email) for p in Preference.objects.filter(person=person)}


def notify(person, kind: str, key: str, title: str, body: str = "", url: str = ""):
    """Record (and email) one notification, unless the person turned this kind off or was
    already told about this very thing."""
    in_app, by_email = choices_of(person).get(kind, (True, True))
    if not (in_app or by_email):
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                person=person,
                kind=kind,
                key=key,
                title=title,
                body=body,
                url=url,
                read_at=None if in_app else timezone.now(),
            )
    except IntegrityError:
        return None  # told already
    if by_email and person.email:
        link = f"\n\n{site_url(url)}" if url else ""
        choose = site_url(reverse("preferences"))
        send_email.enqueue(
            subject=title,
            body=f"{body}{link}\n\nChoose what Tandem sends you: {choose}",
            to=[person.email],
            from_email=settings.DEFAULT_FROM_EMAIL,
        )
    return notification


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- what is sent --------------------------------------------------------------------------


def meeting_reminders(today: date) -> int:
    """The day before each protected meeting and observation, to the mentor and the ECT."""
    tomorrow = today + timedelta(days=1)
    slots = list(
        Slot.objects.exclude(kind=Slot.Kind.REVIEW)
        .filter(mentorship__isnull=False)
        .select_related("period", "school", "induction__ect", "mentorship__mentor")
    )
    by_school = defaultdict(list)
    for slot in slots:
        by_school[slot.school].append(slot)
    sent = 0
    for school, school_slots in by_school.items():
        setting = ScheduleSettings.objects.filter(school=school).first() or ScheduleSettings()
        for series in series_for(
            school_slots, setting, list(school.terms.all()), tomorrow, tomorrow
        ):
            slot = series.slots[0]
            mentor, ect = slot.mentorship.mentor, slot.induction.ect
            what = slot.get_kind_display().lower()
            when = f"tomorrow at {slot.period.starts_at:%H:%M} ({slot.period.code})"
            for person, other in ((mentor, ect), (ect, mentor)):
                if notify(
                    person,
                    Kind.REMINDER,
                    f"slot-{slot.pk}-{tomorrow}",
                    f"Protected time: {what} with {other.full_name} {when}",
                    f"Your {what} with {other.full_name} is {when}, for {slot.minutes} minutes.",
                    reverse("my_calendar"),
                ):
                    sent += 1
    return sent


def not_recorded(today: date) -> int:
    """A planned meeting with nothing recorded once its grace has passed: the mentor and the
    ECT are told, once."""
    schools = {s.school for s in Slot.objects.select_related("school").filter(kind="meeting")}
    drift = drift_for(list(schools), today)
    if not drift:
        return 0
    pairs = {
        s.mentorship_id: s
        for s in Slot.objects.filter(mentorship_id__in=drift).select_related(
            "induction__ect", "mentorship__mentor"
        )
    }
    sent = 0
    for mentorship_id, pair in drift.items():
        slot = pairs[mentorship_id]
        for day in pair.missed:
            if day < today - GRACE - NOT_RECORDED_WINDOW:
                continue
            for person in (slot.mentorship.mentor, slot.induction.ect):
                if notify(
                    person,
                    Kind.NOT_RECORDED,
                    f"missed-{mentorship_id}-{day}",
                    f"No meeting recorded for {day:%A %-d %B}",
                    "The protected meeting planned that day has no record. If it happened, "
                    "the mentor can record it; if it did not, find another time this week.",
                    reverse("coaching_timeline", args=[slot.induction_id]),
                ):
                    sent += 1
    return sent


def digest_for(school, today: date) -> tuple[str, str]:
    """The tutor's weekly summary of what needs attention first."""
    inductions = list(
        Induction.objects.placed_at(school, today).with_current_details(today).order_by("pk")
    )
    rows = pair_rows(inductions, [school], today)
    flagged = [row for row in rows if row.flags]
    title = f"{school.name}: {len(flagged)} of {len(rows)} ECTs need attention this week"
    lines = [f"Week of {pulse.monday(today):%-d %B %Y}.", ""]
    if not flagged:
        lines.append("Nothing is flagged: meetings are happening and time is in line.")
    for row in flagged:
        reasons = "; ".join(flag.reason for flag in row.flags)
        lines.append(f"- {row.induction.ect.full_name}: {reasons}")
    due = [row for row in rows if row.next_point]
    if due:
        lines += ["", "Statutory records due in the next four weeks:"]
        for row in due:
            kind = "progress review" if row.next_point.kind == "progress_review" else "assessment"
            lines.append(
                f"- {row.induction.ect.full_name}: {kind} by {row.next_point.due_on:%-d %B}"
            )
    return title, "\n".join(lines)


def weekly_digests(today: date) -> int:
    sent = 0
    week = pulse.monday(today)
    tutors = RolePeriod.objects.current(today).filter(role=Role.INDUCTION_TUTOR)
    for period in tutors.select_related("school", "person"):
        title, body = digest_for(period.school, today)
        if notify(
            period.person,
            Kind.DIGEST,
            f"digest-{period.school_id}-{week}",
            title,
            body,
            reverse("school_home", args=[period.school_id]),
        ):
            sent += 1
    return sent


def pulse_invitations(today: date) -> int:
    """Each ECT and mentor who has not answered this week gets a link that works without
    signing in."""
    week = pulse.monday(today)
    sent = 0
    periods = (
        RolePeriod.objects.current(today)
        .filter(role__in=[Role.ECT, Role.MENTOR])
        .select_related("person")
    )
    answered = set(pulse.PulseCheck.objects.filter(week_of=week).values_list("person_id", "role"))
    for period in periods:
        if (period.person_id, period.role) in answered:
            continue
        token = pulse.make_link_token(period.person_id, period.role, week)
        if notify(
            period.person,
            Kind.PULSE,
            f"pulse-{period.role}-{week}",
            "Three quick questions for this week",
            "How manageable is your workload, how confident do you feel, and how supported? "
            "It takes a few seconds.",
            reverse("pulse_link", args=[token]),
        ):
            sent += 1
    return sent


def daily(today: date) -> dict[str, int]:
    sent = {"reminders": meeting_reminders(today), "not recorded": not_recorded(today)}
    if today.weekday() == 0:
        sent["digests"] = weekly_digests(today)
        sent["pulse checks"] = pulse_invitations(today)
    return sent

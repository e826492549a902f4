"""The audit log: reading, changing and exporting assessment records and changing roles
are recorded with who and when; refused attempts and forms with errors are not; the
school's induction tutors and headteacher read the log, and only their school's."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.models import Role


def _events():
    return list(AuditEvent.objects.order_by("pk").values_list("actor__email", "action", "what"))


def test_reading_the_statutory_record_is_recorded(client, cast):
    client.force_login(cast.tutor)
    client.get(reverse("statutory_record", args=[cast.induction.pk]))
    assert _events() == [("tutor@example.test", "view", "statutory record")]
    event = AuditEvent.objects.get()
    assert (event.induction, event.school) == (cast.induction, cast.school_a)


def test_a_refused_attempt_records_nothing(client, cast):
    for member in ("mentor", "outsider"):
        client.force_login(getattr(cast, member))
        assert client.get(reverse("statutory_record", args=[cast.induction.pk])).status_code in (
            403,
            404,
        )
    assert _events() == []


def test_a_change_and_an_export_are_recorded_but_not_a_form_with_errors(client, cast):
    client.force_login(cast.tutor)
    url = reverse("add_absence", args=[cast.induction.pk])
    client.post(url, {"starts_on": "2026-09-10", "ends_on": "2026-09-01"})  # ends first
    client.post(url, {"starts_on": "2026-09-07", "ends_on": "2026-09-08"})
    client.get(reverse("school_statutory_csv", args=[cast.school_a.pk]))
    assert _events()[-2:] == [
        ("tutor@example.test", "change", "absence"),
        ("tutor@example.test", "export", "records for the appropriate body (CSV)"),
    ]
    assert sum(1 for e in _events() if e[2] == "absence") == 1


def test_a_role_change_is_recorded(client, cast):
    client.force_login(cast.head)
    period = cast.other_mentor.role_periods.get()
    client.post(reverse("end_role", args=[period.pk]), {"ends_on": "2026-11-23"})
    assert _events() == [("head@example.test", "permission", "role")]
    assert AuditEvent.objects.get().school == cast.school_a


def test_the_tutor_and_head_read_their_schools_log_only(client, cast):
    client.force_login(cast.tutor)
    client.get(reverse("statutory_record", args=[cast.induction.pk]))
    client.force_login(cast.outsider)
    client.get(reverse("statutory_record", args=[cast.outsider_induction.pk]))
    client.force_login(cast.head)
    page = client.get(reverse("school_audit", args=[cast.school_a.pk])).content.decode()
    assert "Cast tutor" in page and "Viewed: statutory record" in page
    assert "Cast outsider" not in page


@pytest.mark.parametrize(
    ("member", "status"),
    [("mentor", 403), ("ect", 403), ("coordinator", 403), ("outsider", 404)],
)
def test_nobody_else_reads_the_log(client, cast, member, status):
    client.force_login(getattr(cast, member))
    assert client.get(reverse("school_audit", args=[cast.school_a.pk])).status_code == status


def test_a_tutor_who_also_mentors_is_recorded_like_anyone(client, cast):
    from tandem import factories

    factories.give_role(cast.mentor, Role.INDUCTION_TUTOR, school=cast.school_a)
    client.force_login(cast.mentor)
    client.get(reverse("statutory_record", args=[cast.induction.pk]))
    assert _events() == [("mentor@example.test", "view", "statutory record")]

"""Faults: an import that fails part-way leaves nothing behind, and Tandem reconnects after
the database has restarted."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from provision import importer as provision_importer
from provision.models import ProvisionItem
from scheduling.models import DayPeriod, Lesson
from tandem import factories

ITEMS = (
    "title,description,audience,year,starts,ends,hours\n"
    "One,Routines,ects,1,08/10/2026,08/10/2026,1\n"
    "Two,Retrieval,ects,1,09/10/2026,09/10/2026,1\n"
    "Three,Questioning,ects,1,10/10/2026,10/10/2026,1\n"
)


def test_a_provision_import_interrupted_part_way_leaves_nothing(cast, monkeypatch):
    rows = provision_importer.parse(ITEMS.encode(), "items.csv")
    real_suggest, calls = provision_importer.suggest, []

    def fails_on_the_second(item):
        calls.append(item)
        if len(calls) == 2:
            raise ConnectionError("the worker was stopped")
        real_suggest(item)

    monkeypatch.setattr(provision_importer, "suggest", fails_on_the_second)
    with pytest.raises(ConnectionError):
        provision_importer.save(rows, owner=cast.trust_a, user=cast.coordinator)
    assert len(calls) == 2
    assert not ProvisionItem.objects.exists()


def test_a_timetable_import_interrupted_part_way_leaves_nothing(client, cast, monkeypatch):
    from scheduling import importer

    client.force_login(cast.tutor)
    day = b"day,period,starts,ends,kind\n,P1,08:50,09:50,lesson\n,P2,09:50,10:50,lesson\n"
    upload = io.BytesIO(day)
    upload.name = "day.csv"
    client.post(reverse("timetable_upload", args=[cast.school_a.pk, "day"]), {"file": upload})
    preview = reverse("timetable_preview", args=[cast.school_a.pk, 1])
    real_create, made = DayPeriod.objects.create, []

    def fails_on_the_second(**fields):
        if made:
            raise ConnectionError("the database went away")
        made.append(real_create(**fields))
        return made[-1]

    monkeypatch.setattr(DayPeriod.objects, "create", fails_on_the_second)
    monkeypatch.setattr(
        importer.DayPeriod.objects,
        "bulk_create",
        lambda objs, **k: [
            fails_on_the_second(
                **{
                    f: getattr(o, f)
                    for f in ("school_id", "day", "code", "starts_at", "ends_at", "kind")
                }
            )
            for o in objs
        ],
    )
    with pytest.raises(ConnectionError):
        client.post(preview)
    assert not DayPeriod.objects.exists() and not Lesson.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_tandem_reconnects_after_the_database_restarts():
    from django.db import close_old_connections, connections

    person = factories.make_person("Someone", email="someone@example.test")
    client = Client()
    client.force_login(person)
    assert client.get(reverse("home")).status_code == 200
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    if connection.vendor == "postgresql":
        # The server ends this connection, as a restart does, without Django knowing.
        pid = connection.connection.info.backend_pid
        with connections.create_connection("default").cursor() as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
    else:
        # A file database has no server to restart; its connection is simply gone.
        connection.close()
    # What the server does at the start of every request (the test client skips it).
    close_old_connections()
    assert client.get(reverse("home")).status_code == 200

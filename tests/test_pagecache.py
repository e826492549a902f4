"""The dashboards' page cache: served per session, dropped as soon as the data behind the
page changes, and never across people, sessions, days or one-off messages."""

import os
import subprocess
import sys
from datetime import date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from coaching.models import Meeting
from frameworks.models import Framework
from tandem import factories


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _school(client, cast):
    return client.get(reverse("school_home", args=[cast.school_a.pk]))


def test_a_second_view_is_served_from_the_cache_in_one_query(
    client, cast, cached, django_assert_num_queries
):
    client.force_login(cast.tutor)
    first = _school(client, cast)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):  # the session
        second = _school(client, cast)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == "private, no-cache"


def test_a_change_in_the_school_shows_at_once(client, cast, cached):
    client.force_login(cast.tutor)
    _school(client, cast)
    Meeting.objects.create(
        induction=cast.induction, recorded_by=cast.mentor, held_on=date(2026, 11, 20), minutes=30
    )
    assert _school(client, cast)["X-Page-Cache"] == "miss"
    assert _school(client, cast)["X-Page-Cache"] == "hit"


def test_a_change_in_another_trust_keeps_the_page(client, cast, cached):
    client.force_login(cast.tutor)
    _school(client, cast)
    Meeting.objects.create(
        induction=cast.outsider_induction,
        recorded_by=cast.outsider,
        held_on=date(2026, 11, 20),
        minutes=30,
    )
    assert _school(client, cast)["X-Page-Cache"] == "hit"


def test_a_record_that_cannot_be_placed_empties_everything(client, cast, cached):
    client.force_login(cast.coordinator)
    url = reverse("trust_home", args=[cast.trust_a.pk])
    client.get(url)
    Framework.objects.create(name="Another", version="1")
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_pages_are_never_shared_between_sessions_or_people(client, cast, cached):
    client.force_login(cast.tutor)
    _school(client, cast)
    other_browser = Client()
    other_browser.force_login(cast.tutor)
    assert _school(other_browser, cast)["X-Page-Cache"] == "miss"
    outsider = Client()
    outsider.force_login(cast.outsider)
    assert _school(outsider, cast).status_code == 404
    anonymous = Client()
    assert _school(anonymous, cast).status_code == 302


def test_a_role_that_ends_ends_the_cached_page(client, cast, cached):
    client.force_login(cast.tutor)
    _school(client, cast)
    period = cast.tutor.role_periods.get()
    period.ends_on = date(2026, 11, 22)
    period.save()
    assert _school(client, cast).status_code == 404


def test_a_new_day_works_the_page_out_afresh(client, cast, cached):
    with time_machine.travel(datetime(2026, 11, 23, 23, 0), tick=False):
        client.force_login(cast.tutor)
        _school(client, cast)
        assert _school(client, cast)["X-Page-Cache"] == "hit"
    with time_machine.travel(datetime(2026, 11, 24, 8, 0), tick=False):
        assert _school(client, cast)["X-Page-Cache"] == "miss"


def test_an_expired_session_is_never_served_a_cached_page(client, cast, cached):
    with time_machine.travel(datetime(2026, 11, 23, 8, 0), tick=False):
        client.force_login(cast.tutor)
        _school(client, cast)
    with time_machine.travel(datetime(2026, 11, 23, 21, 0), tick=False):  # 13 hours on
        response = _school(client, cast)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_page_with_a_message_is_neither_served_nor_stored(client, cast, cached):
    client.force_login(cast.tutor)
    _school(client, cast)
    period = factories.make_person("New mentor", email="new@example.test")
    posted = client.post(
        reverse("add_role", args=[cast.school_a.pk]),
        {
            "email": period.email,
            "full_name": period.full_name,
            "role": "mentor",
            "starts_on": "2026-11-23",
            "fte": "1.00",
        },
    )
    assert posted.status_code == 302
    shown = _school(client, cast)
    assert shown.get("X-Page-Cache") is None  # neither served nor stored
    assert b"govuk-notification-banner" in shown.content
    assert _school(client, cast)["X-Page-Cache"] in ("miss", "hit")
    assert b"govuk-notification-banner" not in _school(client, cast).content


def test_signing_in_does_not_empty_the_cache(client, cast, cached):
    client.force_login(cast.tutor)
    _school(client, cast)
    other = Client()
    other.force_login(cast.head)  # updates the head's last_login
    assert _school(client, cast)["X-Page-Cache"] == "hit"


def test_the_setting_refuses_a_cache_only_one_worker_can_see():
    env = {**os.environ, "PAGE_CACHE_SECONDS": "60", "SECRET_KEY": "x"}
    env.pop("CACHE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", "import tandem.settings"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS needs CACHE_URL" in result.stderr

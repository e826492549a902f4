"""The API: tokens per trust with scopes, the same permission rules as the pages, clear
errors that change nothing, and fuzzing against its own OpenAPI schema."""

import pytest
from django.test import Client
from django.urls import reverse

from api.models import SCOPES, ApiToken
from people.models import RolePeriod
from scheduling.models import Lesson
from tandem import factories


def _token(cast, scopes=tuple(SCOPES), trust=None):
    _, raw = ApiToken.issue(
        trust=trust or cast.trust_a, name="MIS", scopes=list(scopes), by=cast.coordinator
    )
    return raw


def _get(client, path, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(f"/api/v1{path}", headers=headers)


READS = [
    ("/schools/{a}/people", "people:read"),
    ("/schools/{a}/timetable", "timetables:read"),
    ("/schools/{a}/schedule", "schedules:read"),
    ("/schools/{a}/progress", "progress:read"),
]


@pytest.mark.parametrize(("path", "scope"), READS)
def test_the_api_permission_matrix(client, cast, path, scope):
    url = path.format(a=cast.school_a.pk)
    # Nobody, a wrong token, a revoked token: 401.
    assert _get(client, url).status_code == 401
    assert _get(client, url, "tdm_not-a-token").status_code == 401
    revoked = _token(cast)
    ApiToken.objects.filter(revoked_at=None).update(revoked_at="2026-11-01T00:00:00Z")
    assert _get(client, url, revoked).status_code == 401
    # Another trust's token: the school is not found.
    assert _get(client, url, _token(cast, trust=cast.trust_b)).status_code == 404
    # The right trust without the scope: refused.
    others = [s for s in SCOPES if s != scope]
    assert _get(client, url, _token(cast, others)).status_code == 403
    # The right trust and scope.
    assert _get(client, url, _token(cast, [scope])).status_code == 200


def test_listing_schools_shows_only_the_tokens_trust(client, cast):
    response = _get(client, "/schools", _token(cast, ["people:read"]))
    assert [s["id"] for s in response.json()] == [cast.school_a.pk]


def test_reading_people_and_progress(client, cast):
    token = _token(cast)
    people = _get(client, f"/schools/{cast.school_a.pk}/people", token).json()
    emails = {p["email"] for p in people}
    assert {cast.ect.email, cast.mentor.email, cast.tutor.email} <= emails
    assert cast.outsider.email not in emails
    progress = _get(client, f"/schools/{cast.school_a.pk}/progress", token).json()
    assert progress == [
        {
            "ect_email": cast.ect.email,
            "induction_year": 1,
            "parts_done": 0,
            "study_minutes": 0,
            "parts_done_last_four_weeks": 0,
            "meetings_last_four_weeks": 0,
        }
    ]


def test_adding_a_person_is_checked_like_the_page(client, cast):
    token = _token(cast, ["people:write"])
    url = f"/api/v1/schools/{cast.school_a.pk}/people"
    headers = {"Authorization": f"Bearer {token}"}
    ok = client.post(
        url,
        {
            "email": "new.mentor@example.test",
            "full_name": "New Mentor",
            "role": "mentor",
            "starts_on": "2026-11-23",
        },
        content_type="application/json",
        headers=headers,
    )
    assert ok.status_code == 201 and ok.json()["role"] == "mentor"
    assert RolePeriod.objects.filter(person__email="new.mentor@example.test").exists()
    # The same role again overlaps: refused with the field named, nothing added.
    again = client.post(
        url,
        {"email": "new.mentor@example.test", "role": "mentor", "starts_on": "2026-11-24"},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 422
    assert again.json()["problems"]
    assert RolePeriod.objects.filter(person__email="new.mentor@example.test").count() == 1
    bad = client.post(url, {"email": "x"}, content_type="application/json", headers=headers)
    assert bad.status_code == 422
    read_only = client.post(
        url,
        {"email": "y@example.test", "role": "mentor", "starts_on": "2026-11-23"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {_token(cast, ['people:read'])}"},
    )
    assert read_only.status_code == 403


def test_replacing_a_timetable_names_each_problem_and_changes_nothing(client, cast):
    day = factories.make_school_day(cast.school_a, "primary")
    code = next(iter(day.values())).code
    token = _token(cast, ["timetables:write", "timetables:read"])
    url = f"/api/v1/schools/{cast.school_a.pk}/timetable"
    headers = {"Authorization": f"Bearer {token}"}
    good = [{"email": cast.mentor.email, "day": "Monday", "period": code, "activity": "teaching"}]
    bad = good + [{"email": "nobody@example.test", "day": "Funday", "period": "P99"}]
    response = client.put(url, bad, content_type="application/json", headers=headers)
    assert response.status_code == 422
    wheres = [p["field"] for p in response.json()["problems"]]
    assert "item 2, column email" in wheres, wheres
    assert not Lesson.objects.exists()
    response = client.put(url, good, content_type="application/json", headers=headers)
    assert response.json() == {"entries": 1, "people": 1}
    assert _get(client, f"/schools/{cast.school_a.pk}/timetable", token).json()[0]["email"] == (
        cast.mentor.email
    )


def test_coordinators_issue_tokens_shown_once_and_revoke_them(client, cast):
    client.force_login(cast.coordinator)
    page = client.post(
        reverse("api_tokens", args=[cast.trust_a.pk]),
        {"name": "MIS sync", "scopes": ["people:read"]},
    )
    secret = page.context["secret"]
    assert secret.startswith("tdm_")
    token = ApiToken.objects.get()
    assert secret not in token.key_hash and token.prefix in secret
    assert secret not in client.get(reverse("api_tokens", args=[cast.trust_a.pk])).content.decode()
    assert _get(Client(), "/schools", secret).status_code == 200
    client.post(reverse("api_token_revoke", args=[cast.trust_a.pk, token.pk]))
    assert _get(Client(), "/schools", secret).status_code == 401


@pytest.mark.parametrize("member", ["tutor", "head", "evaluator", "author", "ect"])
def test_only_coordinators_manage_tokens(client, cast, member):
    client.force_login(getattr(cast, member))
    assert client.get(reverse("api_tokens", args=[cast.trust_a.pk])).status_code == 403
    client.force_login(cast.outsider)
    assert client.get(reverse("api_tokens", args=[cast.trust_a.pk])).status_code == 404


def test_the_schema_describes_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/schools", "/api/v1/schools/{school_id}/people"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"

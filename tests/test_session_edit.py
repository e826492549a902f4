"""Authors edit a session on the page; bad input is explained and nothing changes."""

from django.urls import reverse


def _form(session, **overrides):
    data = {
        "title": session.title,
        "summary": session.summary,
        "mentor_focus": "New focus",
        "mentor_look_fors": session.mentor_look_fors,
        "mentor_modelling": session.mentor_modelling,
        "mentor_practice": session.mentor_practice,
        "statement_codes": "7.1, 7.4",
        "phases": ["primary"],
        "subject_list": "Mathematics",
        "parts-TOTAL_FORMS": str(session.parts.count() + 1),
        "parts-INITIAL_FORMS": str(session.parts.count()),
        "parts-MIN_NUM_FORMS": "1",
        "parts-MAX_NUM_FORMS": "1000",
    }
    for index, part in enumerate(session.parts.all()):
        data.update(
            {
                f"parts-{index}-id": part.pk,
                f"parts-{index}-session": session.pk,
                f"parts-{index}-kind": part.kind,
                f"parts-{index}-title": part.title,
                f"parts-{index}-minutes": part.minutes,
                f"parts-{index}-url": part.url,
                f"parts-{index}-body": part.body,
            }
        )
    data.update(overrides)
    return data


def test_an_author_edits_a_session_and_adds_a_part(client, cast):
    session = cast.programme.sessions_in_order().first()
    client.force_login(cast.author)
    url = reverse("session_edit", args=[cast.programme.slug, session.pk])
    extra = session.parts.count()
    response = client.post(
        url,
        _form(
            session,
            **{
                f"parts-{extra}-kind": "watch",
                f"parts-{extra}-title": "A short clip",
                f"parts-{extra}-minutes": "5",
                f"parts-{extra}-url": "https://example.org/clip",
            },
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.mentor_focus == "New focus"
    assert session.phases == ["primary"] and session.subjects == ["Mathematics"]
    assert sorted(session.statements.values_list("code", flat=True)) == ["7.1", "7.4"]
    assert list(session.parts.values_list("title", flat=True))[-1] == "A short clip"


def test_unknown_statement_codes_are_named_and_nothing_changes(client, cast):
    session = cast.programme.sessions_in_order().first()
    client.force_login(cast.author)
    url = reverse("session_edit", args=[cast.programme.slug, session.pk])
    response = client.post(url, _form(session, statement_codes="7.1, 99.9"))
    assert b"Unknown statement in Tandem sample framework (2026 sample): 99.9" in response.content
    session.refresh_from_db()
    assert session.mentor_focus != "New focus"


def test_a_part_without_minutes_is_refused(client, cast):
    session = cast.programme.sessions_in_order().first()
    client.force_login(cast.author)
    url = reverse("session_edit", args=[cast.programme.slug, session.pk])
    response = client.post(url, _form(session, **{"parts-0-minutes": ""}))
    assert response.status_code == 200
    assert b"This field is required" in response.content
    session.refresh_from_db()
    assert session.mentor_focus != "New focus"

"""Tutors keep their school's term dates; bad dates are explained and change nothing."""

import pytest
from django.urls import reverse

from organisations.models import Term


def _post(client, cast, **overrides):
    data = {
        "name": "Autumn 2028",
        "starts_on": "2028-09-04",
        "half_term_starts_on": "2028-10-23",
        "half_term_ends_on": "2028-10-27",
        "ends_on": "2028-12-20",
    }
    data.update(overrides)
    client.force_login(cast.tutor)
    return client.post(reverse("term_dates", args=[cast.school_a.pk]), data)


def test_a_tutor_adds_a_term(client, cast):
    response = _post(client, cast)
    assert response.status_code == 302
    assert cast.school_a.terms.filter(name="Autumn 2028").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": "2028-09-01"}, b"The last day of term must be after the first day."),
        ({"half_term_ends_on": ""}, b"Give both days of the half-term break, or neither."),
        (
            {"half_term_starts_on": "2029-01-05", "half_term_ends_on": "2029-01-09"},
            b"must fall inside the term",
        ),
        (
            {
                "starts_on": "2026-09-10",
                "ends_on": "2026-12-01",
                "half_term_starts_on": "",
                "half_term_ends_on": "",
            },
            b"These dates overlap Autumn 2026.",
        ),
        ({"name": ""}, b"This field is required."),
    ],
)
def test_bad_dates_are_explained_and_nothing_is_saved(client, cast, overrides, message):
    before = Term.objects.count()
    response = _post(client, cast, **overrides)
    assert response.status_code == 200
    assert message in response.content
    assert Term.objects.count() == before


def test_a_tutor_removes_a_term_of_their_own_school_only(client, cast):
    client.force_login(cast.tutor)
    mine = cast.school_a.terms.first()
    theirs = cast.school_b.terms.first()
    assert client.post(reverse("delete_term", args=[cast.school_a.pk, mine.pk])).status_code == 302
    assert not Term.objects.filter(pk=mine.pk).exists()
    # Another school's term, through this school's address or its own: not found.
    assert (
        client.post(reverse("delete_term", args=[cast.school_a.pk, theirs.pk])).status_code == 404
    )
    assert (
        client.post(reverse("delete_term", args=[cast.school_b.pk, theirs.pk])).status_code == 404
    )
    assert Term.objects.filter(pk=theirs.pk).exists()


def test_removing_a_term_needs_post_and_the_right_role(client, cast):
    term = cast.school_a.terms.first()
    url = reverse("delete_term", args=[cast.school_a.pk, term.pk])
    assert client.post(url).status_code == 302  # anonymous: to sign in
    client.force_login(cast.mentor)
    assert client.post(url).status_code == 403
    client.force_login(cast.tutor)
    assert client.get(url).status_code == 405
    assert Term.objects.filter(pk=term.pk).exists()

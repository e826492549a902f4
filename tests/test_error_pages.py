"""Refusals are explained in the service's own pages, not bare server messages."""

from django.urls import reverse


def test_a_refusal_explains_itself(client, cast):
    client.force_login(cast.ect)
    response = client.get(reverse("mentor_home"))
    assert response.status_code == 403
    assert b"Your role does not give you access" in response.content


def test_an_unknown_record_answers_a_friendly_404(client, cast):
    client.force_login(cast.ect)
    response = client.get(reverse("induction_detail", args=[999999]))
    assert response.status_code == 404
    assert b"Page not found" in response.content

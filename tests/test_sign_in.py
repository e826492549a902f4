"""Signing in: with a password, or with a one-time code sent by email; no open sign-up."""

import re

from django.core import mail
from django.urls import reverse


def test_sign_in_with_a_password_lands_on_the_role_home(client, cast):
    cast.ect.set_password("a-long-password-1")
    cast.ect.save(update_fields=["password"])
    response = client.post(
        reverse("account_login"),
        {"login": "ect@example.test", "password": "a-long-password-1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("ect_home")


def test_a_wrong_password_is_explained(client, cast):
    response = client.post(
        reverse("account_login"), {"login": "ect@example.test", "password": "nope"}
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"The email address and/or password you specified are not correct." in response.content


def test_sign_in_by_emailed_code(client, cast):
    response = client.post(reverse("account_request_login_code"), {"email": "mentor@example.test"})
    assert response.status_code == 302
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = client.post(response["Location"], {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mentor_home")


def test_there_is_no_open_sign_up(client, db):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.test", "password1": "x-long-password-9"}
    )
    assert b"Sign up closed" in response.content or b"closed" in response.content.lower()
    from accounts.models import User

    assert not User.objects.filter(email="new@example.test").exists()


def test_markdown_from_authors_is_sanitised():
    from tandem.templatetags.tandem import markdown

    html = markdown("Hello <script>alert(1)</script> **there**")
    assert "<script>" not in html
    assert "<strong>there</strong>" in html


def test_sign_in_emails_go_through_the_task_queue(client, cast, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.post(reverse("account_request_login_code"), {"email": "mentor@example.test"})
    assert len(mail.outbox) == 0
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "accounts.tasks.send_email"
    # Run it as the worker would (the worker command itself closes the test's connection).
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert mail.outbox[0].subject == "Your Tandem sign-in code"
    assert mail.outbox[0].to == ["mentor@example.test"]

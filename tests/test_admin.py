"""The Django admin bypasses Tandem's permissions, so only superusers may use it."""

from django.urls import reverse

from tandem import factories


def test_staff_who_are_not_superusers_are_kept_out(client, cast):
    cast.coordinator.is_staff = True
    cast.coordinator.save(update_fields=["is_staff"])
    client.force_login(cast.coordinator)
    assert client.get(reverse("admin:index")).status_code == 302


def test_superusers_may_use_the_admin(client, db):
    admin = factories.make_person("Admin")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(admin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:people_roleperiod_changelist")).status_code == 200

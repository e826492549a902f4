"""Data protection duties: what Tandem holds about a person (subject access), erasing it,
and deleting statutory records once they have been kept for six years.

Which records belong to a person is read from the models themselves, so a model added later
is covered without a change here: a record is the person's if it points at them with a
foreign key that deletes it along with them (their roles, pulse checks, notifications...) or
if it belongs to their induction. Records they wrote about someone else (an observation of an
ECT they mentor) stay with that someone, under an erased name.

Statutory records (progress reviews, formal assessments and the absences that set the
induction's dates) are kept through an erasure: the law asks for them for six years.
`apply_retention` (run daily by `manage.py apply_retention`) deletes an induction's statutory
records six years after the last of them was due, all together.
"""

import json
from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

RETENTION_YEARS = 6
ERASED_NAME = "Erased person"
# Apps whose tables are not about people (or are the audit trail, which keeps who did what
# under the erased name).
SKIPPED_APPS = {"audit"}


def _statutory_models() -> set:
    from assessments.models import Absence, FormalAssessment, ProgressReview

    return {ProgressReview, FormalAssessment, Absence}


def tandem_models() -> list[type[models.Model]]:
    """The models of Tandem's own apps (not Django's or third parties')."""
    base = str(settings.BASE_DIR)
    return [
        model
        for config in apps.get_app_configs()
        if config.path.startswith(base)
        and ".venv" not in config.path
        and config.label not in SKIPPED_APPS
        for model in config.get_models()
    ]


def _links(model, user_model, induction_model):
    """(field name, points at the person, deletes with the person) for each foreign key of
    the model to a person or an induction."""
    for field in model._meta.get_fields():
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            continue
        target = field.related_model
        if target is user_model:
            yield field.name, "person", field.remote_field.on_delete is models.CASCADE
        elif target is induction_model:
            yield field.name, "induction", True


def _records(person):
    """Every (model, field, owned, queryset) of records about this person; `owned` records
    go when the person is erased."""
    from people.models import Induction

    user_model = get_user_model()
    induction = Induction.objects.filter(ect=person).first()
    for model in tandem_models():
        if model is user_model:
            continue
        for name, kind, owned in _links(model, user_model, Induction):
            if kind == "person":
                yield model, name, owned, model._default_manager.filter(**{name: person})
            elif induction is not None:
                yield model, name, True, model._default_manager.filter(**{name: induction})


def personal_data(person) -> dict:
    """Everything Tandem holds about the person, machine-readable (subject access)."""
    account = {
        "email": person.email,
        "full_name": person.full_name,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "is_active": person.is_active,
    }
    tables: dict[str, list] = {}
    seen: set[tuple[str, int]] = set()
    for model, field, _owned, queryset in _records(person):
        label = model._meta.label_lower
        rows = []
        for row in serializers.serialize("python", queryset):
            if (label, row["pk"]) in seen:
                continue
            seen.add((label, row["pk"]))
            rows.append({"id": row["pk"], "linked_by": field, **row["fields"]})
        if rows:
            tables.setdefault(label, []).extend(rows)
    return {
        "exported_at": timezone.now(),
        "about": "Everything Tandem holds about you. Other people appear only as numbers.",
        "account": account,
        "records": tables,
    }


def personal_data_json(person) -> str:
    return json.dumps(personal_data(person), cls=DjangoJSONEncoder, indent=2)


@transaction.atomic
def erase(person, *, by) -> dict[str, int]:
    """Delete the person's records and their name, keeping statutory records (under an erased
    name) until retention deletes them. Returns how many rows of each kind went."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from audit.models import AuditEvent
    from people.models import Induction

    user_model = get_user_model()
    statutory = _statutory_models()
    deleted: dict[str, int] = {}
    pending = [
        queryset
        for model, _field, owned, queryset in _records(person)
        if owned and model not in statutory and model is not Induction
    ]
    # A record may be protected by another of the person's records (a target by the
    # observation it came from): delete in passes until nothing more goes.
    while pending:
        left = []
        for queryset in pending:
            try:
                with transaction.atomic():
                    _count, by_model = queryset.delete()
            except models.ProtectedError:
                left.append(queryset)
                continue
            for label, n in by_model.items():
                deleted[label] = deleted.get(label, 0) + n
        if len(left) == len(pending):
            raise models.ProtectedError(
                "Some of this person's records are still needed by others.", set()
            )
        pending = left
    for model in tandem_models():
        for field in model._meta.many_to_many:
            if field.related_model is user_model:
                for row in model._default_manager.filter(**{field.name: person}):
                    getattr(row, field.name).remove(person)
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    person.full_name = ERASED_NAME
    person.email = f"erased-{person.pk}@erased.invalid"
    person.set_unusable_password()
    person.is_active = False
    person.is_staff = person.is_superuser = False
    person.last_login = None
    person.save()
    AuditEvent.objects.create(
        actor=by,
        action=AuditEvent.Action.CHANGE,
        what=f"erased person {person.pk}",
        path="",
    )
    return deleted


def _retention_cut_off(today: date) -> date:
    try:
        return today.replace(year=today.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - RETENTION_YEARS, day=28)


@transaction.atomic
def apply_retention(today: date | None = None) -> int:
    """Delete the statutory records of every induction whose last record was due more than
    six years ago; then the erased people nothing refers to any more. Returns the number of
    statutory records deleted."""
    from django.db.models import Max

    from people.models import Induction

    today = today or timezone.localdate()
    cut_off = _retention_cut_off(today)
    statutory = _statutory_models()
    latest: dict[int, date] = {}
    for model in statutory:
        date_field = "due_on" if hasattr(model, "due_on") else "ends_on"
        for induction_id, last in (
            model.objects.values("induction")
            .annotate(last=Max(date_field))
            .values_list("induction", "last")
        ):
            latest[induction_id] = max(last, latest.get(induction_id, last))
    expired = [i for i, last in latest.items() if last < cut_off]
    total = 0
    for model in statutory:
        total += model.objects.filter(induction__in=expired).delete()[0]
    # An erased person whose statutory records are gone: nothing of them need stay.
    erased = get_user_model().objects.filter(full_name=ERASED_NAME, is_active=False)
    for person in erased:
        induction = Induction.objects.filter(ect=person).first()
        if induction is not None and any(
            m.objects.filter(induction=induction).exists() for m in statutory
        ):
            continue
        try:
            with transaction.atomic():
                person.delete()
        except models.ProtectedError:
            pass  # still named as the author of someone else's record
    return total

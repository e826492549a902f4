"""Writing statutory records: saving a review or assessment without overwriting someone
else's change, and confirming a formal assessment in its fixed order."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from assessments.models import FormalAssessment
from people.models import Role
from tandem.concurrency import save_if_unchanged

CONFIRMERS = {
    "tutor": (Role.INDUCTION_TUTOR, "the induction tutor"),
    "head": (Role.HEADTEACHER, "the headteacher"),
    "ect": (Role.ECT, "the ECT"),
}


def save_record(record, *, user, seen_version: int, fields: list[str]) -> bool:
    """Create the record, or update `fields` if nobody has saved it since the person opened
    it (at `seen_version`; 0 if it did not exist then). False, with nothing written, if
    someone else got there first."""
    record.updated_by = user
    record.updated_at = timezone.now()
    if record.pk is None:
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            # Someone created it between this person opening the page and saving.
            return False
        return True
    return save_if_unchanged(
        record, seen_version=seen_version, fields=[*fields, "updated_by", "updated_at"]
    )


def confirm_assessment(
    assessment: FormalAssessment,
    *,
    user,
    roles: frozenset[str],
    seen_version: int,
    comments: str = "",
) -> str:
    """Add the next confirmation (tutor, then headteacher, then the ECT) and return whose it
    was. Raises ValidationError, writing nothing, if it is not this person's turn or the
    assessment changed since they read it."""
    step = assessment.next_to_confirm
    if step is None:
        raise ValidationError("This assessment has already been confirmed by all three.")
    role, who = CONFIRMERS[step]
    if role not in roles:
        raise ValidationError(
            f"This assessment is waiting for {who} to confirm it; confirmations go in order: "
            "the induction tutor, then the headteacher, then the ECT."
        )
    now = timezone.now()
    changes: dict = {f"{step}_confirmed_at": now}
    if step in ("tutor", "head"):
        changes[f"{step}_confirmed_by"] = user
    else:
        changes["ect_comments"] = comments.strip()
    updated = FormalAssessment.objects.filter(
        pk=assessment.pk, version=seen_version, **{f"{step}_confirmed_at__isnull": True}
    ).update(version=F("version") + 1, **changes)
    if not updated:
        raise ValidationError(
            "The assessment changed while you were reading it. Read it again before you confirm it."
        )
    assessment.refresh_from_db()
    return step

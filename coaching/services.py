"""Recording an observation is one change across several records: the observation, the
follow-up of the open target, and the new target. It happens whole or not at all."""

from django.db import transaction

from coaching.models import FollowUp, Observation, Target
from people.models import Induction


def record_observation(
    *,
    induction: Induction,
    observer,
    written_as: str,
    data: dict,
    open_target: Target | None,
    new_target: bool,
) -> Observation:
    with transaction.atomic():
        observation = Observation.objects.create(
            induction=induction,
            observer=observer,
            written_as=written_as,
            observed_on=data["observed_on"],
            minutes=data["minutes"],
            class_taught=data["class_taught"],
            area=data["area"],
            what_seen=data["what_seen"],
            strengths=data["strengths"],
        )
        if open_target is not None:
            FollowUp.objects.create(
                target=open_target,
                observation=observation,
                recorded_by=observer,
                recorded_on=data["observed_on"],
                outcome=data["outcome"],
                note=data["follow_up_note"],
            )
            if data["outcome"] != FollowUp.Outcome.KEEP:
                open_target.status = (
                    Target.Status.SECURE
                    if data["outcome"] == FollowUp.Outcome.SECURE
                    else Target.Status.CHANGED
                )
                open_target.closed_on = data["observed_on"]
                open_target.save(update_fields=["status", "closed_on"])
        if new_target:
            target = Target.objects.create(
                induction=induction,
                observation=observation,
                set_by=observer,
                written_as=written_as,
                statement_id=data["statement"],
                description=data["description"],
                grade=data["grade"],
                modelling=data["modelling"],
                practice=data["practice"],
                practise_by=data["practise_by"],
                set_on=data["observed_on"],
            )
            observation.statements.add(target.statement)
    return observation

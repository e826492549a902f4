"""Turn what a school asks for (a meeting each week or fortnight, an observation each
fortnight, a progress-review meeting) into tasks. Shared by the Django loader and the
instance generator, so both describe a pair the same way."""

from scheduling.solver.schema import MEETING, OBSERVATION, REVIEW, WEEKS, Task

WEEKLY = "weekly"
FORTNIGHTLY = "fortnightly"


def pair_tasks(
    pair: str,
    *,
    school: str,
    ect: str,
    mentor: str,
    meeting_minutes: int,
    cadence: str = WEEKLY,
    observation_minutes: int | None = None,
) -> list[Task]:
    common = {"school": school, "ect": ect, "mentor": mentor, "pair": pair}
    people = (mentor, ect)
    if cadence == WEEKLY:
        a, b = f"{pair}:meeting:A", f"{pair}:meeting:B"
        tasks = [
            Task(
                a, MEETING, people=people, minutes=meeting_minutes, weeks=("A",), twin=b, **common
            ),
            Task(
                b, MEETING, people=people, minutes=meeting_minutes, weeks=("B",), twin=a, **common
            ),
        ]
    else:
        tasks = [Task(f"{pair}:meeting", MEETING, people=people, minutes=meeting_minutes, **common)]
    if observation_minutes:
        tasks.append(
            Task(
                f"{pair}:observation",
                OBSERVATION,
                people=people,
                minutes=observation_minutes,
                weeks=WEEKS,
                **common,
            )
        )
    return tasks


def review_task(key: str, *, school: str, ect: str, tutor: str, minutes: int) -> Task:
    """The induction tutor meets the ECT before a progress review or formal assessment."""
    return Task(
        f"{key}:review", REVIEW, school=school, people=(tutor, ect), minutes=minutes, ect=ect
    )

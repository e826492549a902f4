"""The scheduler runs in the background (one task API: django-tasks), so a tutor's page never
waits on it; the run's row carries its progress for the page to show."""

from django.utils import timezone
from django_tasks import task

from scheduling.models import ScheduleRun


@task()
def run_schedule(run_id: int) -> None:
    from scheduling import events, loader

    run = ScheduleRun.objects.select_related("school", "trust").get(pk=run_id)
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRun.Status.RUNNING)
    try:
        if run.school_id:
            loader.run_school(run)
        else:
            events.run_trust(run)
    except Exception as error:  # the page must say the run failed, not spin for ever
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=ScheduleRun.Status.FAILED, message=str(error), finished_at=timezone.now()
        )
        raise

"""Run once a day (cron or a scheduler): reminders, meetings not recorded, and on Mondays
the tutors' digest and the week's pulse check. Safe to run twice: nothing is sent twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from oversight.notify import daily


class Command(BaseCommand):
    help = "Send today's notifications."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD).")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError("--date must be a date like 2026-11-23.") from None
        sent = daily(today or timezone.localdate())
        self.stdout.write(", ".join(f"{what}: {n}" for what, n in sent.items()))

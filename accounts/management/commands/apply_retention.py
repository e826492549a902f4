from django.core.management.base import BaseCommand

from accounts.privacy import apply_retention


class Command(BaseCommand):
    help = "Delete statutory records kept for six years (run daily; safe to rerun)."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {apply_retention()} statutory records past retention.")

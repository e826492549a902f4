from django.core.management.base import BaseCommand

from surveys.sending import send_open_waves


class Command(BaseCommand):
    help = "Invite and remind people for every open survey wave (run daily; safe to rerun)."

    def handle(self, *args, **options):
        invited, reminded = send_open_waves()
        self.stdout.write(f"Invited {invited}, reminded {reminded}.")

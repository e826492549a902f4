"""Load the demo trust into an empty database and print a login for each role."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from demo.builder import PASSWORD, build_demo


class Command(BaseCommand):
    help = "Replace everything in the database with the demo trust (DEBUG only, or --force)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--force", action="store_true", help="Allow without DEBUG.")

    def handle(self, *args, seed: int, force: bool, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "load_demo wipes the database; it runs only with DEBUG=true or --force."
            )
        if User.objects.exists():
            call_command("flush", interactive=False, verbosity=0)
        with transaction.atomic():
            logins = build_demo(seed)
        width = max(len(role) for role in logins)
        self.stdout.write(
            self.style.SUCCESS("\nTandem demo loaded. Sign in at http://127.0.0.1:8000")
        )
        self.stdout.write(f"Every demo account's password is: {PASSWORD}\n")
        for role, email in logins.items():
            self.stdout.write(f"  {role.ljust(width)}  {email}")
        self.stdout.write("")

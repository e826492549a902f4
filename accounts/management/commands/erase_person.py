from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.privacy import erase


class Command(BaseCommand):
    help = "Erase a person's data, keeping statutory records until retention deletes them."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--by", required=True, help="Email of the admin doing it.")

    def handle(self, *args, email, by, **options):
        users = get_user_model().objects
        person = users.filter(email__iexact=email).first()
        admin = users.filter(email__iexact=by, is_superuser=True).first()
        if person is None:
            raise CommandError(f"Nobody has the address {email}.")
        if admin is None:
            raise CommandError(f"{by} is not an admin.")
        deleted = erase(person, by=admin)
        self.stdout.write(f"Erased person {person.pk}: {sum(deleted.values())} records deleted.")

from django.core.management.base import BaseCommand, CommandError

from tandem.backup import RestoreError, restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm: everything now in the database goes."
        )

    def handle(self, *args, file, yes, **options):
        if not yes:
            raise CommandError("Restoring replaces everything in the database: add --yes.")
        try:
            with open(file, "rb") as source:
                rows = restore(source)
        except (OSError, RestoreError) as error:
            raise CommandError(f"Nothing was changed. {error}") from None
        self.stdout.write(f"Restored {rows} rows from {file}.")

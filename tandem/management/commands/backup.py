from django.core.management.base import BaseCommand

from tandem.backup import backup


class Command(BaseCommand):
    help = "Write every row of every table to a compressed file (see docs/backups.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write, e.g. tandem-2026-11-24.json.gz")

    def handle(self, *args, file, **options):
        with open(file, "wb") as out:
            rows = backup(out)
        self.stdout.write(f"Backed up {rows} rows to {file}.")

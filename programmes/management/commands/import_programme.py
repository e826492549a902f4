"""Import a programme from its folder (format: docs/programme-files.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations.models import Trust
from programmes.content_files import import_programme, read_folder
from tandem.commands import fail_with_problems
from tandem.imports import ImportRejected


class Command(BaseCommand):
    help = "Import (or update) a programme from a folder holding programme.yaml and sessions/."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--trust", help="Name of the owning trust; omit for a shared programme."
        )

    def handle(self, *args, folder: Path, trust: str | None, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        owner = None
        if trust:
            owner = Trust.objects.filter(name=trust).first()
            if owner is None:
                raise CommandError(f"No trust named {trust!r}.")
        try:
            programme = import_programme(read_folder(folder), owner=owner)
        except ImportRejected as rejected:
            raise fail_with_problems(rejected) from None
        self.stdout.write(
            f"Imported {programme.name} ({programme.sessions_in_order().count()} sessions)."
        )

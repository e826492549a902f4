"""Write a programme to a folder, in the same files the importer reads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes.content_files import export_programme
from programmes.models import Programme


class Command(BaseCommand):
    help = "Export a programme to a folder (created if missing; files in it are overwritten)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("folder", type=Path)

    def handle(self, *args, slug: str, folder: Path, **options):
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(f"No programme with slug {slug!r}.")
        for name, content in export_programme(programme).items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        self.stdout.write(f"Exported {programme.name} to {folder}.")

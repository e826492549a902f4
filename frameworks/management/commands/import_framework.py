"""Import a framework from a CSV file (format: docs/framework-csv.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from frameworks.importer import import_framework
from tandem.commands import fail_with_problems
from tandem.imports import ImportRejected


class Command(BaseCommand):
    help = "Import a framework from CSV: columns area, code, kind, text."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--name", required=True)
        parser.add_argument("--framework-version", dest="framework_version", required=True)
        parser.add_argument("--sample", action="store_true", help="Mark it as sample content.")

    def handle(self, *args, path: Path, name: str, framework_version: str, sample: bool, **options):
        try:
            framework = import_framework(
                path.read_bytes(),
                name=name,
                version=framework_version,
                is_sample=sample,
                filename=path.name,
            )
        except ImportRejected as rejected:
            raise fail_with_problems(rejected) from None
        self.stdout.write(f"Imported {framework} with {framework.statements.count()} statements.")

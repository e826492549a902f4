"""Write a framework as CSV, in the same format the importer reads."""

from django.core.management.base import BaseCommand, CommandError

from frameworks.importer import export_framework
from frameworks.models import Framework


class Command(BaseCommand):
    help = "Print a framework as CSV (redirect to a file)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--framework-version", dest="framework_version", required=True)

    def handle(self, *args, name: str, framework_version: str, **options):
        framework = Framework.objects.filter(name=name, version=framework_version).first()
        if framework is None:
            raise CommandError(f"No framework named {name!r} version {framework_version!r}.")
        self.stdout.write(export_framework(framework), ending="")

"""Fill an empty database (PostgreSQL is the point) with a national-scale data set: about
2,000 schools in 300 trusts, 30,000 ECTs, 30,000 mentors and a year of meetings,
observations, study and pulse checks. See demo/national.py."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from demo.national import build_national_atomic


class Command(BaseCommand):
    help = "Generate a national-scale data set into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--trusts", type=int, default=300)
        parser.add_argument("--schools", type=int, default=2000)
        parser.add_argument("--ects", type=int, default=30_000)
        parser.add_argument("--largest", type=int, default=60, help="Schools in the largest trust.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if User.objects.exists():
            raise CommandError("The database is not empty: use a fresh database for this.")
        if options["largest"] >= options["schools"] or options["trusts"] < 2:
            raise CommandError("Give at least two trusts and more schools than the largest holds.")
        started = time.perf_counter()
        result = build_national_atomic(
            trusts=options["trusts"],
            schools=options["schools"],
            ects=options["ects"],
            largest=options["largest"],
            seed=options["seed"],
            today=timezone.localdate(),
            out=lambda message: self.stdout.write(f"  {message}…"),
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Generated {result['schools']:,} schools and {result['ects']:,} ECTs in "
            f"{seconds:.0f} s; the largest trust is {result['largest trust']}."
        )

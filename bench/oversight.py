"""Benchmark: the oversight pages on national-scale data in PostgreSQL.

Needs a PostgreSQL database holding `manage.py generate_national` (about 2,000 schools in 300
trusts, 30,000 ECTs, 30,000 mentors and a year of records). Times, through Django's test
client in one process: the induction tutor's view and the headteacher's view of the largest
school in the largest trust, and the trust view of the largest trust, each REPEAT times after
a warm-up; and a trivial view (`/healthz/`) served the same way in the same run. Prints p50
and p95 in milliseconds, the queries of one request, requests a second, and that throughput
as a share of the trivial view's.

Run:
    createdb -h 127.0.0.1 -U postgres tandem_national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem_national \\
        .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_national
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem_national \\
        .venv/bin/python bench/oversight.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL")
if not URL or not URL.startswith("postgres"):
    raise SystemExit("Set BENCH_DATABASE_URL to the PostgreSQL database of generate_national.")
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from organisations.models import School, Trust  # noqa: E402
from people.models import Role, RolePeriod  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "40"))


def timed(client: Client, url: str) -> tuple[list[float], int]:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    # Counted with a wrapper: each request resets Django's own query log as it starts.
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(url)
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return times, count[0]


def main() -> None:
    trust = Trust.objects.annotate(n=Count("schools")).order_by("-n", "pk").first()
    if trust is None:
        raise SystemExit("The database is empty: run manage.py generate_national first.")
    school = (
        School.objects.filter(trust=trust)
        .annotate(n=Count("role_periods", filter=django.db.models.Q(role_periods__role=Role.ECT)))
        .order_by("-n", "pk")
        .first()
    )
    periods = RolePeriod.objects.current()
    tutor = periods.get(role=Role.INDUCTION_TUTOR, school=school).person
    head = periods.get(role=Role.HEADTEACHER, school=school).person
    coordinator = periods.filter(role=Role.COORDINATOR, trust=trust).first().person
    ects = periods.filter(role=Role.ECT, school=school).count()
    print(
        f"{trust.name}: {trust.schools.count()} schools, "
        f"{periods.filter(role=Role.ECT, school__trust=trust).count()} ECTs; "
        f"{school.name}: {ects} ECTs; {REPEAT} requests each"
    )
    pages = [
        ("trivial view (/healthz/)", tutor, reverse("healthz")),
        ("induction tutor's view", tutor, reverse("school_home", args=[school.pk])),
        ("headteacher's view", head, reverse("head_home", args=[school.pk])),
        ("trust view", coordinator, reverse("trust_home", args=[trust.pk])),
    ]
    print(f"{'page':28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'req/s':>8} {'of trivial':>10}")
    baseline = None
    for label, person, url in pages:
        client = Client()
        client.force_login(person)
        times, queries = timed(client, url)
        rate = 1000 / statistics.mean(times)
        baseline = baseline or rate
        p95 = statistics.quantiles(times, n=20)[18]
        print(
            f"{label:28} {statistics.median(times):8.1f} {p95:8.1f} {queries:8d} "
            f"{rate:8.1f} {rate / baseline:10.1%}"
        )


if __name__ == "__main__":
    main()

"""Benchmark: the oversight pages on national-scale data in PostgreSQL.

Needs a PostgreSQL database holding `manage.py generate_national` (about 2,000 schools in 300
trusts, 30,000 ECTs, 30,000 mentors and a year of records). Times, through Django's test
client in one process: the induction tutor's view and the headteacher's view of the largest
school in the largest trust, and the trust view of the largest trust, each REPEAT times after
a warm-up; and a trivial view (`/healthz/`) served the same way in the same run. Prints p50
and p95 in milliseconds, the queries of one request, requests a second, and that throughput
as a share of the trivial view's. A minimal signed-in page (the tutor's empty notifications)
is measured too, as the cost of any page that loads a session, a user and the layout.

Run:
    createdb -h 127.0.0.1 -U postgres tandem_national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem_national \\
        .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_national
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem_national \\
        .venv/bin/python bench/oversight.py
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL")
if not URL or not URL.startswith("postgres"):
    raise SystemExit("Set BENCH_DATABASE_URL to the PostgreSQL database of generate_national.")
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["OVERSIGHT_CACHE_SECONDS"] = "0"  # the in-process figures are the uncached cost

import django  # noqa: E402
import django.conf  # noqa: E402

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


def session_cookie(user) -> str:
    """A signed-in session for `user`, as the browser would hold it."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    # Production settings ask these roles for a second factor: the session is one that gave
    # it at sign-in, as accounts/mfa.py records.
    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, generate_totp_secret())
    store = SessionStore()
    store["tandem_mfa"] = True
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"sessionid={store.session_key}"


def load(port: int, path: str, cookie: str, seconds: float, threads: int) -> dict:
    """`threads` clients requesting `path` as fast as they can for `seconds`."""
    import http.client
    import threading

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        mine, bad = [], 0
        while time.perf_counter() < stop:
            started = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except OSError:
                bad += 1
            finally:
                conn.close()
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {
        "rate": len(latencies) / seconds,
        "p50": statistics.median(latencies),
        "p95": statistics.quantiles(latencies, n=20)[18],
        "errors": errors[0],
    }


@contextmanager
def serve(env: dict, port: int, workers: int):
    """gunicorn serving Tandem with `env` on loopback until the block ends."""
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "tandem.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


def over_http(pages, cache_seconds: int, page_cache: bool = False) -> None:
    """The same pages served by gunicorn (2 workers, production settings) to 8 concurrent
    clients for SECONDS_EACH seconds each: with the oversight cache off or on, or with the
    page cache (Redis shared by the workers, sessions read from it too)."""
    seconds = float(os.environ.get("SECONDS_EACH", "8"))
    port = 8799
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "DATABASE_URL": URL,
        "SECRET_KEY": django.conf.settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "OVERSIGHT_CACHE_SECONDS": str(cache_seconds),
        "DEBUG": "false",
    }
    if page_cache:
        env["CACHE_URL"] = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15")
        env["PAGE_CACHE_SECONDS"] = "300"
        import redis

        redis.Redis.from_url(env["CACHE_URL"]).flushdb()
    with serve(env, port, workers=2):
        cache = f"the oversight cache on ({cache_seconds} s)" if cache_seconds else "no cache"
        if page_cache:
            cache = "the page cache on (Redis, pages dropped when their data changes)"
        print(
            f"\nServed by gunicorn over HTTP, 8 concurrent clients, {seconds:.0f} s each, {cache}:"
        )
        print(
            f"{'page':28} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'errors':>7} {'of trivial':>10}"
        )
        baseline = None
        for label, person, path in pages:
            cookie = session_cookie(person)
            load(port, path, cookie, 1, 4)  # warm the cache and the workers
            result = load(port, path, cookie, seconds, 8)
            baseline = baseline or result["rate"]
            print(
                f"{label:28} {result['p50']:8.1f} {result['p95']:8.1f} {result['rate']:8.1f} "
                f"{result['errors']:7d} {result['rate'] / baseline:10.1%}"
            )


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
        # A real but minimal signed-in page: session, user, roles, navigation and layout.
        ("signed-in minimal page", tutor, reverse("notifications")),
        ("induction tutor's view", tutor, reverse("school_home", args=[school.pk])),
        ("headteacher's view", head, reverse("head_home", args=[school.pk])),
        ("trust view", coordinator, reverse("trust_home", args=[trust.pk])),
    ]
    print("In one process through Django's test client, the oversight cache off:")
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
    if os.environ.get("HTTP", "1") == "0":  # HTTP=0: the in-process figures only
        return
    over_http(pages, 0)
    over_http(pages, 60)
    over_http(pages, 0, page_cache=True)


if __name__ == "__main__":
    main()

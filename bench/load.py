"""Load test: 200 simulated people of the largest national trust using Tandem at once for two
minutes, against gunicorn on PostgreSQL over loopback, with locust.

Needs the national data set (see bench/README.md) and locust (`uv sync --group bench`).
Prepares a signed-in session for 200 people (120 ECTs, 60 mentors, 12 induction tutors,
5 headteachers and the coordinators), starts gunicorn with production settings and the
page cache on Redis, runs locust headless (USERS, SPAWN_RATE, RUN_TIME), and prints requests
a second, p50 and p95 in milliseconds, and errors, overall and per page.

Run:
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem_national \\
        .venv/bin/python bench/load.py
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Sets Django up on BENCH_DATABASE_URL (the national data), as the oversight benchmark does.
import django.conf  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.oversight import ROOT, serve, session_cookie  # noqa: E402
from organisations.models import Trust  # noqa: E402
from people.models import Induction, Mentorship, Role, RolePeriod  # noqa: E402

USERS = int(os.environ.get("USERS", "200"))
RUN_TIME = os.environ.get("RUN_TIME", "2m")
PORT = 8797


def people() -> list[dict]:
    trust = Trust.objects.annotate(n=Count("schools")).order_by("-n", "pk").first()
    current = RolePeriod.objects.current().select_related("person", "school")
    chosen = []
    for period in current.filter(role=Role.ECT, school__trust=trust)[:120]:
        induction = Induction.objects.get(ect=period.person)
        chosen.append(
            (
                period,
                [
                    ("home", reverse("ect_home")),
                    ("pathway", reverse("pathway", args=[induction.pk])),
                    ("coaching", reverse("coaching_timeline", args=[induction.pk])),
                    ("pulse", reverse("my_pulse")),
                ],
            )
        )
    for period in current.filter(role=Role.MENTOR, school__trust=trust)[:60]:
        mentee = Mentorship.objects.current().filter(mentor=period.person).first()
        pages = [("home", reverse("mentor_home"))]
        if mentee:
            pages += [
                ("coaching", reverse("coaching_timeline", args=[mentee.induction_id])),
                ("pathway", reverse("pathway", args=[mentee.induction_id])),
            ]
        chosen.append((period, pages))
    leaders = [
        *current.filter(role=Role.INDUCTION_TUTOR, school__trust=trust)[:12],
        *current.filter(role=Role.HEADTEACHER, school__trust=trust)[:5],
    ]
    for period in leaders:
        if period.role == Role.HEADTEACHER:
            pages = [("overview", reverse("head_home", args=[period.school_id]))]
        else:
            ect = Induction.objects.placed_at(period.school).first()
            pages = [
                ("school", reverse("school_home", args=[period.school_id])),
                ("schedule", reverse("schedule", args=[period.school_id])),
                ("statutory", reverse("school_statutory", args=[period.school_id])),
            ] + ([("ECT record", reverse("induction_detail", args=[ect.pk]))] if ect else [])
        chosen.append((period, pages))
    for period in RolePeriod.objects.current().filter(role=Role.COORDINATOR, trust=trust)[:5]:
        chosen.append(
            (
                period,
                [
                    ("trust", reverse("trust_home", args=[trust.pk])),
                    ("provision", reverse("provision_map", args=["trust", trust.pk])),
                    ("surveys", reverse("surveys", args=[trust.pk])),
                ],
            )
        )
    return [
        {
            "role": period.role,
            "session": session_cookie(period.person).split("=", 1)[1],
            "pages": pages,
        }
        for period, pages in chosen
    ]


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="tandem-load-"))
    roster = workdir / "people.json"
    roster.write_text(json.dumps(people()))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "SECRET_KEY": django.conf.settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15"),
        "PAGE_CACHE_SECONDS": "300",
        "LOAD_PEOPLE": str(roster),
    }
    with serve(env, PORT, workers=3):
        subprocess.run(
            [
                str(ROOT / ".venv/bin/locust"),
                "-f",
                str(ROOT / "bench/locustfile.py"),
                "--headless",
                "-u",
                str(USERS),
                "-r",
                os.environ.get("SPAWN_RATE", "20"),
                "-t",
                RUN_TIME,
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(workdir / "load"),
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            env=env,
            check=False,
            capture_output=True,
        )
    with open(workdir / "load_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    print(f"{USERS} users for {RUN_TIME} against gunicorn (3 workers) on PostgreSQL, page cache on")
    print(f"{'page':34} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>7}")
    for row in rows:
        print(
            f"{row['Name'][:34]:34} {row['Request Count']:>9} {float(row['Requests/s']):7.1f} "
            f"{row['50%']:>7} {row['95%']:>7} {row['Failure Count']:>7}"
        )


if __name__ == "__main__":
    main()

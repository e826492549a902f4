"""Benchmark: how fast each role's home page renders for a large trust.

Builds a trust of 20 schools with 30 ECTs each (600 ECTs, 300 mentors) in a throw-away SQLite
database (or the PostgreSQL database named by BENCH_DATABASE_URL), then requests each home page
REPEAT times through Django's test client and prints, per page: median and 95th-percentile
time in milliseconds, and the number of SQL queries of one request.

Run: make bench   (or: .venv/bin/python bench/home_pages.py)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="tandem-bench-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from people.models import Role  # noqa: E402
from tandem import factories  # noqa: E402

SCHOOLS, ECTS_PER_SCHOOL, MENTORS_PER_SCHOOL, REPEAT = 20, 30, 15, 30


def build():
    call_command("migrate", verbosity=0)
    trust = factories.make_trust("Bench trust")
    programme = factories.load_sample_programme(owner=trust)
    people = {}
    for number in range(SCHOOLS):
        school = factories.make_school(trust, name=f"Bench school {number}")
        factories.make_terms(school, 2025)
        tutor = factories.make_person()
        factories.give_role(tutor, Role.INDUCTION_TUTOR, school=school)
        head = factories.make_person()
        factories.give_role(head, Role.HEADTEACHER, school=school)
        mentors = []
        for _ in range(MENTORS_PER_SCHOOL):
            mentor = factories.make_person()
            factories.give_role(mentor, Role.MENTOR, school=school)
            mentors.append(mentor)
        for index in range(ECTS_PER_SCHOOL):
            induction = factories.make_ect(school, programme=programme)
            factories.make_mentorship(mentors[index % len(mentors)], induction)
        people.setdefault("tutor", (tutor, reverse("school_home", args=[school.pk])))
        people.setdefault("head", (head, reverse("head_home", args=[school.pk])))
        people.setdefault("mentor", (mentors[0], reverse("mentor_home")))
        people.setdefault("ect", (induction.ect, reverse("ect_home")))
    for role, name in [(Role.COORDINATOR, "trust_home"), (Role.EVALUATOR, "evaluator_home")]:
        person = factories.make_person()
        factories.give_role(person, role, trust=trust)
        people[role] = (person, reverse(name, args=[trust.pk]))
    # One pair with a full term of coaching behind it, for the coaching timeline.
    import random
    from datetime import date

    from demo.coaching_history import seed_coaching, seed_meetings

    coached = trust.schools.first().role_periods.filter(role=Role.ECT).first().person.induction
    coached_mentor = coached.mentorships.get().mentor
    seed_coaching(coached, coached_mentor, random.Random(1), date(2026, 11, 23))
    seed_meetings(coached, coached_mentor, random.Random(1), date(2026, 11, 23))
    people["coaching timeline"] = (coached_mentor, reverse("coaching_timeline", args=[coached.pk]))
    # The statutory pages of the same school: every ECT's calendar, one ECT's record, and
    # a completed review rendered as a PDF.
    from assessments.models import ProgressReview

    first_school = trust.schools.first()
    first_tutor = first_school.role_periods.get(role=Role.INDUCTION_TUTOR).person
    review = ProgressReview.objects.create(
        induction=coached,
        number=1,
        term_label="Autumn 2026",
        due_on=date(2026, 12, 18),
        school=first_school,
        on_track="yes",
        evidence="Lesson visits and books. " * 20,
        targets="Hinge questions before independent work.",
        written_by=first_tutor,
        written_as=Role.INDUCTION_TUTOR,
        updated_by=first_tutor,
        completed_at="2026-11-20T15:00Z",
    )
    people["statutory deadlines"] = (
        first_tutor,
        reverse("school_statutory", args=[first_school.pk]),
    )
    people["statutory record"] = (first_tutor, reverse("statutory_record", args=[coached.pk]))
    people["pathway"] = (coached_mentor, reverse("pathway", args=[coached.pk]))
    people["review as PDF"] = (
        first_tutor,
        reverse("record_pdf", args=[coached.pk, "progress_review", review.number]),
    )
    author = factories.make_person()
    factories.give_role(author, Role.PROGRAMME_AUTHOR, trust=trust)
    people["author"] = (author, reverse("author_home"))
    # Every ECT of the trust follows the programme: its insights plan all 600 pathways.
    people["programme insights"] = (author, reverse("programme_insights", args=[programme.slug]))
    return people


def measure(person, url):
    client = Client()
    client.force_login(person)
    client.get(url)  # warm caches and templates
    reset_queries()  # each request starts by clearing the log, so start from empty
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the next request clears the log
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], query_count


def main():
    import time_machine

    with time_machine.travel("2026-11-23 10:00", tick=True):
        started = time.perf_counter()
        people = build()
        print(
            f"Built {SCHOOLS} schools, {SCHOOLS * ECTS_PER_SCHOOL} ECTs, "
            f"{SCHOOLS * MENTORS_PER_SCHOOL} mentors in {time.perf_counter() - started:.1f} s "
            f"on {connection.vendor}"
        )
        print(f"{'page':<20}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
        for role, (person, url) in people.items():
            median, p95, queries = measure(person, url)
            print(f"{role:<20}{median:>10.1f}{p95:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()

"""Benchmark: build the pathway of every ECT in a national cohort.

Generates a realistic programme (two years, twelve half-term modules, 70 weekly sessions of
30 to 50 minutes, prerequisites within and across modules, phase variants of ten sessions)
on a framework of eight areas and 80 statements, and 30,000 ECTs with varied starting-point
reviews, phases, subjects, school priorities and working patterns (a tenth part time). Then
builds every ECT's plan for the whole induction (76 term-time weeks) with the pure
sequencer (pathways.sequencing, no database) and prints the total time, the time per ECT,
and a summary of the plans.

Run: .venv/bin/python bench/pathways.py   (COHORT=3000 for a quicker run)
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathways.sequencing import (  # noqa: E402
    AREAS,
    DEVELOPING,
    NEED,
    SECURE,
    ProgrammeSpec,
    Review,
    SessionSpec,
    build_plan,
)

COHORT = int(os.environ.get("COHORT", 30_000))
WEEKS = 76  # two school years: the whole induction


def programme(rng: random.Random) -> ProgrammeSpec:
    statement_areas = {100 * area + n: area for area in range(1, AREAS + 1) for n in range(10)}
    sessions = []
    sid = 0
    for module in range(12):
        first_in_module = None
        for week in range(6 if module < 10 else 5):
            order = len(sessions)
            area = rng.randint(1, AREAS)
            statements = frozenset(100 * area + rng.randrange(10) for _ in range(rng.randint(1, 3)))
            prereqs = {sessions[-1].id} if sessions and week else set()
            if first_in_module is not None and rng.random() < 0.2:
                prereqs.add(first_in_module)
            base = {
                "order": order,
                "statements": statements,
                "minutes": rng.choice([30, 40, 40, 45, 50]),
                "prerequisites": frozenset(prereqs),
            }
            if len([s for s in sessions if s.variant_group]) < 30 and rng.random() < 0.15:
                group = f"v{order}"
                for phases in (frozenset(), frozenset({"primary"}), frozenset({"secondary"})):
                    sid += 1
                    sessions.append(
                        SessionSpec(
                            id=sid,
                            title=f"Session {order}",
                            variant_group=group,
                            phases=phases,
                            **base,
                        )  # fmt: skip
                    )
            else:
                sid += 1
                sessions.append(SessionSpec(id=sid, title=f"Session {order}", **base))
            if week == 0:
                first_in_module = sessions[-1].id
    return ProgrammeSpec(tuple(sessions), statement_areas)


def reviews(rng: random.Random):
    for _ in range(COHORT):
        areas = {a: rng.choices([SECURE, DEVELOPING, NEED], [3, 5, 2])[0] for a in range(1, 9)}
        phase = rng.choice(["primary", "secondary", "special"])
        subjects = frozenset({rng.choice(["Science", "English", "History"])})
        priorities = frozenset(rng.sample(range(1, 9), rng.randint(0, 2)))
        fte = 1.0 if rng.random() > 0.1 else rng.choice([0.6, 0.8])
        yield Review(areas, phase, subjects, priorities), round(60 * fte)


def main() -> None:
    rng = random.Random(2026)
    spec = programme(rng)
    cohort = list(reviews(rng))
    started = time.perf_counter()
    placed = optional = beyond = 0
    for review, budget in cohort:
        plan = build_plan(spec, review, WEEKS, budget)
        placed += len(plan.items)
        optional += len(plan.optional)
        beyond += len(plan.beyond_calendar)
    elapsed = time.perf_counter() - started
    sessions = len({s.variant_group or s.id for s in spec.sessions})
    print(f"Programme: {sessions} sessions ({len(spec.sessions)} with variants), {WEEKS} weeks")
    print(f"Cohort: {COHORT} ECTs")
    print(f"Total: {elapsed:.1f} s; per ECT: {elapsed / COHORT * 1000:.2f} ms")
    print(
        f"Per plan on average: {placed / COHORT:.1f} sessions planned, "
        f"{optional / COHORT:.1f} optional refreshers, "
        f"{beyond / COHORT:.1f} after the weeks run out"
    )


if __name__ == "__main__":
    main()

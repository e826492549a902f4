"""Benchmark: the protected-time scheduler (CP-SAT) against the greedy baseline.

Generated but realistic instances (scheduling/solver/generate.py): secondary schools with
five lessons a day and lunch, primary schools with four sessions, lunch and after school,
teachers teaching most of the day, and half the pairs' release time lined up. For each
instance and solver it prints: seconds, pairs placed of the pairs that could be placed on
their own (every task has some slot), tasks placed, the share of meetings in non-tired
slots, the objective, CP-SAT's proven bound and the gap between them.

Run: .venv/bin/python bench/scheduling.py      (TIME_LIMIT=10 by default)
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduling.solver.candidates import all_candidates  # noqa: E402
from scheduling.solver.generate import generate  # noqa: E402
from scheduling.solver.greedy import solve_greedy  # noqa: E402
from scheduling.solver.score import non_tired_share  # noqa: E402
from scheduling.solver.solve import solve  # noqa: E402
from scheduling.solver.validate import violations  # noqa: E402

TIME_LIMIT = float(os.environ.get("TIME_LIMIT", "10"))
INSTANCES = [
    ("1 secondary school, 10 pairs", {"schools": 1, "pairs": 10, "primary_share": 0.0}),
    ("1 primary school, 10 pairs", {"schools": 1, "pairs": 10, "primary_share": 1.0}),
    ("10 schools, 200 pairs", {"schools": 10, "pairs": 200}),
    ("50 schools, 1,000 pairs", {"schools": 50, "pairs": 1000}),
    # Mentors with three ECTs each share 200 minutes a week: where placing well matters.
    (
        "50 schools, 1,000 pairs, 3 per mentor",
        {"schools": 50, "pairs": 1000, "ects_per_mentor": 3, "budget": 200},
    ),
]


def pairs_placed(problem, solution) -> tuple[int, int, int]:
    options = all_candidates(problem)
    pairs: dict[str, list[str]] = {}
    for task in problem.tasks:
        if task.pair:
            pairs.setdefault(task.pair, []).append(task.id)
    feasible = [p for p, ids in pairs.items() if all(options[i] for i in ids)]
    placed = [p for p in feasible if all(i in solution.assignments for i in pairs[p])]
    return len(placed), len(feasible), len(pairs)


def main() -> None:
    header = (
        f"{'instance':38} {'solver':7} {'seconds':>8} {'pairs placed':>16} {'tasks':>11} "
        f"{'non-tired':>9} {'objective':>10} {'bound':>10} {'gap':>7}"
    )
    print(header)
    print("-" * len(header))
    for label, spec in INSTANCES:
        problem = generate(seed=2026, **spec)
        for name in ("cp-sat", "greedy"):
            started = time.perf_counter()
            if name == "cp-sat":
                solution = solve(problem, time_limit=TIME_LIMIT)
            else:
                solution = solve_greedy(problem)
            seconds = time.perf_counter() - started
            broken = violations(problem, solution)
            if broken:
                raise SystemExit(f"{name} broke a rule on {label}: {broken[:3]}")
            placed, feasible, total = pairs_placed(problem, solution)
            bound = f"{solution.bound:,}" if name == "cp-sat" else "–"
            gap = f"{solution.gap:.2%}" if name == "cp-sat" else "–"
            print(
                f"{label:38} {name:7} {seconds:8.2f} "
                f"{f'{placed}/{feasible} ({total})':>16} "
                f"{f'{len(solution.assignments)}/{len(problem.tasks)}':>11} "
                f"{non_tired_share(problem, solution.assignments):9.1%} "
                f"{solution.objective:10,} {bound:>10} {gap:>7}"
            )


if __name__ == "__main__":
    main()

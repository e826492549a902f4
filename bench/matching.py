"""Benchmark: how well and how fast local provision is matched to the framework.

Runs the matcher (TF-IDF over words and character n-grams, provision/matching.py) and the
keyword baseline over the labelled set (content/samples/provision-labelled.csv: local
training items written by the Tandem project, each with the sample framework statements it
really covers), straight from the sample files; no database.

Prints top-1 and top-3 accuracy for statements and for areas, for both matchers, then the
time to build the index and to match one item.

Run: .venv/bin/python bench/matching.py
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")

import django  # noqa: E402

django.setup()

from provision.labelled import labelled_items, measure, sample_targets  # noqa: E402
from provision.matching import Matcher  # noqa: E402


def main() -> None:
    results = measure()
    items = labelled_items()
    print(f"labelled items: {len(items)}; statements in the sample framework: 44")
    print(f"{'matcher':<10} {'statement top-1':>16} {'top-3':>7} {'area top-1':>11} {'top-3':>7}")
    for name, result in results.items():
        s, a = result["statements"], result["areas"]
        print(
            f"{name:<10} {s['top1']:>15.1%} {s['top3']:>7.1%} {a['top1']:>10.1%} {a['top3']:>7.1%}"
        )
    targets, _ = sample_targets()
    started = time.perf_counter()
    matcher = Matcher(targets)
    built = time.perf_counter() - started
    started = time.perf_counter()
    for text, _ in items:
        matcher.suggest(text)
    each = (time.perf_counter() - started) / len(items)
    print(f"index built in {built * 1000:.1f} ms; one item matched in {each * 1000:.2f} ms")


if __name__ == "__main__":
    main()

"""The labelled set: local training items written by the Tandem project, each with the
statements of the sample framework it really covers. The accuracy test and
bench/matching.py measure the matcher on it, straight from the sample files (no database)."""

import csv
from pathlib import Path

import frontmatter

from frameworks.models import AREAS
from provision.matching import Matcher, Target, accuracy, keyword_baseline

SAMPLES = Path(__file__).resolve().parent.parent / "content" / "samples"
LABELLED = SAMPLES / "provision-labelled.csv"


def sample_targets() -> tuple[list[Target], dict[str, int]]:
    """One target per statement of the sample framework, with its area's title and the
    sample programme's sessions mapped to it as context; and each code's id."""
    with open(SAMPLES / "framework.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    session_words: dict[str, list[str]] = {}
    for path in sorted((SAMPLES / "ect-programme" / "sessions").glob("*.md")):
        post = frontmatter.load(path)
        for code in post.get("statements", []):
            session_words.setdefault(str(code), []).append(post["title"])
    targets, ids = [], {}
    for n, row in enumerate(rows, start=1):
        context = " ".join([AREAS[int(row["area"])], *session_words.get(row["code"], [])])
        targets.append(Target(n, row["code"], row["text"], context))
        ids[row["code"]] = n
    return targets, ids


def labelled_items() -> list[tuple[str, frozenset[str]]]:
    with open(LABELLED, newline="", encoding="utf-8") as f:
        return [
            (f"{row['title']}. {row['description']}", frozenset(row["statements"].split(";")))
            for row in csv.DictReader(f)
        ]


def measure() -> dict[str, dict]:
    """Statement and area accuracy of the matcher and of the keyword baseline."""
    targets, ids = sample_targets()
    area_of = {t.id: t.label.split(".")[0] for t in targets}
    items = labelled_items()
    correct = [frozenset(ids[c] for c in codes) for _, codes in items]
    correct_areas = [frozenset(area_of[i] for i in c) for c in correct]
    matcher = Matcher(targets)
    ranked = {
        "tf-idf": [[s.target_id for s in matcher.suggest(text, 3)] for text, _ in items],
        "keywords": [keyword_baseline(targets, text, 3) for text, _ in items],
    }
    results = {}
    for name, lists in ranked.items():
        results[name] = {
            "statements": accuracy(lists, correct),
            "areas": accuracy(
                [list(dict.fromkeys(area_of[i] for i in r)) for r in lists], correct_areas
            ),
        }
    return results

"""Suggest which framework statements (or programme sessions) a piece of local training
covers, from its title and description.

Plain Python and scikit-learn, no Django, offline: TF-IDF over words (and word pairs) and
over character n-grams within words, so 'routines' still finds 'routine' and 'retrieval'
finds 'retrieve'. Each target's document is its own text plus the vocabulary around it (the
area's title, the text of the sessions mapped to it), so the framework's and programme's own
words carry the match. Scores are the mean of the two cosine similarities.

The keyword baseline, counting shared words, is kept beside it so the benchmark and the
accuracy test measure what TF-IDF adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

WORD = re.compile(r"[a-z][a-z'-]+")
# Words every piece of teacher training uses: they say nothing about which statement.
DOMAIN_STOP_WORDS = frozenset(
    {
        "pupil",
        "pupils",
        "teacher",
        "teachers",
        "teaching",
        "lesson",
        "lessons",
        "new",
        "ect",
        "ects",
        "class",
        "classroom",
        "school",
        "trust",
        "session",
        "training",
        "twilight",
        "day",
        "use",
        "using",
        "how",
        "help",
        "helps",
        "work",
    }
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | DOMAIN_STOP_WORDS


@dataclass(frozen=True)
class Target:
    """Something local training may cover: a statement or a session."""

    id: int
    label: str  # shown to the user, e.g. '7.4' or a session title
    text: str  # its own words, weighted most
    context: str = ""  # words around it: area title, linked sessions or statements


@dataclass(frozen=True)
class Suggestion:
    target_id: int
    score: float
    words: tuple[str, ...]  # the words of the query that matched, strongest first


def words(text: str) -> list[str]:
    return [w.strip("'-") for w in WORD.findall(text.lower()) if w.strip("'-") not in STOP_WORDS]


def _stem(word: str) -> str:
    # Enough to match 'routines' to 'routine' and 'practising' to 'practise' when naming
    # the matched words; the scoring itself relies on character n-grams for this.
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ings", "ing", "ed", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


class Matcher:
    """An index of targets; ask it for the best matches of any text."""

    def __init__(self, targets: Sequence[Target]):
        self.targets = list(targets)
        # The target's own words count twice as much as its context.
        documents = [f"{t.text} {t.text} {t.context}" for t in self.targets]
        self._word = TfidfVectorizer(
            analyzer="word",
            tokenizer=words,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, 2),
            sublinear_tf=True,
        )
        self._char = TfidfVectorizer(
            analyzer="char_wb",
            preprocessor=lambda text: " ".join(words(text)),
            ngram_range=(3, 5),
            sublinear_tf=True,
        )
        self._word_matrix = self._word.fit_transform(documents) if self.targets else None
        self._char_matrix = self._char.fit_transform(documents) if self.targets else None
        self._stems = [{_stem(w) for w in words(f"{t.text} {t.context}")} for t in self.targets]

    def suggest(self, text: str, limit: int = 5) -> list[Suggestion]:
        if not self.targets or not words(text):
            return []
        by_word = linear_kernel(self._word.transform([text]), self._word_matrix)[0]
        by_char = linear_kernel(self._char.transform([text]), self._char_matrix)[0]
        scores = (by_word + by_char) / 2
        ranked = sorted(range(len(self.targets)), key=lambda i: (-scores[i], i))
        query = list(dict.fromkeys(words(text)))
        idf = dict(zip(self._word.get_feature_names_out(), self._word.idf_, strict=True))
        suggestions = []
        for i in ranked[:limit]:
            if scores[i] <= 0:
                break
            matched = [w for w in query if _stem(w) in self._stems[i]]
            matched.sort(key=lambda w: -idf.get(w, 0))
            suggestions.append(Suggestion(self.targets[i].id, float(scores[i]), tuple(matched)))
        return suggestions


def keyword_baseline(targets: Sequence[Target], text: str, limit: int = 5) -> list[int]:
    """The simplest matcher: targets ranked by how many of the query's words they contain."""
    query = set(words(text))
    counts = [(len(query & set(words(t.text))), -n) for n, t in enumerate(targets)]
    ranked = sorted(range(len(targets)), key=lambda i: counts[i], reverse=True)
    return [targets[i].id for i in ranked[:limit] if counts[i][0] > 0]


def accuracy(ranked: Iterable[Sequence[int]], correct: Iterable[frozenset[int]]) -> dict:
    """Top-1 and top-3 accuracy: the share of items whose first (or any of the first three)
    suggestions is one of its correct targets."""
    pairs = list(zip(ranked, correct, strict=True))
    top1 = sum(1 for r, c in pairs if r[:1] and r[0] in c)
    top3 = sum(1 for r, c in pairs if set(r[:3]) & c)
    n = len(pairs) or 1
    return {"items": len(pairs), "top1": top1 / n, "top3": top3 / n}

"""Pseudonyms for evaluation exports: the same person or school always gets the same code
within one trust, so waves and tables can be joined, but the code cannot be turned back into
a person without the server's secret key, and differs between trusts."""

import re

from django.utils.crypto import salted_hmac

SALT = "tandem.evaluation.pseudonym"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def pseudonym(kind: str, trust_id: int, object_id: int) -> str:
    digest = salted_hmac(SALT, f"{kind}:{trust_id}:{object_id}", algorithm="sha256").hexdigest()
    return f"{kind[0].upper()}-{digest[:12]}"


def redactor(names: list[str]):
    """A function that blanks email addresses and the given people's names (each part of
    three letters or more) out of free text."""
    parts = sorted(
        {part for name in names for part in re.findall(r"[^\W\d_]{3,}", name)},
        key=len,
        reverse=True,
    )
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, parts)) + r")\b", re.I) if parts else None

    def redact(text: str) -> str:
        text = EMAIL.sub("[email]", text)
        return pattern.sub("[name]", text) if pattern else text

    return redact

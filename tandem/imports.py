"""What every importer shares: the size limit, decoding, and problems that name their place.

Importers collect every problem they can find before saving anything, then either save all
of it in one transaction or raise ImportRejected with the whole list, so bad input changes
nothing and the author can fix every problem in one pass.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


def check_size(data: bytes, what: str) -> None:
    limit = settings.UPLOAD_LIMIT_BYTES
    if len(data) > limit:
        raise ImportRejected(
            [Problem(what, f"the file is {len(data):,} bytes; the limit is {limit:,} bytes")]
        )
    if not data.strip():
        raise ImportRejected([Problem(what, "the file is empty")])


def decode_text(data: bytes, what: str) -> str:
    """Decode UTF-8 (with or without the byte-order mark Excel adds) or say where it fails."""
    check_size(data, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected(
            [
                Problem(
                    f"{what}, line {line}",
                    "the file is not UTF-8 text. Save it as 'CSV UTF-8' (or UTF-8 text) "
                    "and upload it again",
                )
            ]
        ) from None

"""What every importer shares: the size limit, decoding, and problems that name their place.

Importers collect every problem they can find before saving anything, then either save all
of it in one transaction or raise ImportRejected with the whole list, so bad input changes
nothing and the author can fix every problem in one pass.
"""

from dataclasses import dataclass
from datetime import time

import tablib
from django.conf import settings

MAX_ROWS = 20_000


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


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows as dictionaries of lower-case column name to text, from CSV or .xlsx."""
    what = filename or "the file"
    if filename.lower().endswith((".xlsx", ".xlsm")):
        check_size(data, what)
        try:
            dataset = tablib.Dataset().load(data, format="xlsx")
        except Exception:  # openpyxl raises many kinds for a damaged workbook
            raise ImportRejected(
                [Problem(what, "this is not an Excel workbook Tandem can read (.xlsx)")]
            ) from None
    else:
        text = decode_text(data, what)
        dataset = tablib.Dataset().load(text, format="csv")
    if dataset.height > MAX_ROWS:
        raise ImportRejected(
            [Problem(what, f"the file has {dataset.height:,} rows; the limit is {MAX_ROWS:,}")]
        )
    headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
    return [
        {h: cell_text(value) for h, value in zip(headers, row, strict=False) if h}
        for row in dataset
    ]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip()


def require_columns(rows, headers_needed, what) -> None:
    present = set(rows[0]) if rows else set()
    missing = [c for c in headers_needed if c not in present]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    f"{what}, row 1",
                    f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                    f"the columns are {', '.join(headers_needed)}",
                )
            ]
        )

"""Helpers shared by every CSV export."""

# A spreadsheet runs a cell that starts with one of these as a formula; an apostrophe in
# front makes it plain text, so an export can never carry a formula someone typed.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text

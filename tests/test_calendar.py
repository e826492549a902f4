"""Which half term and week a day falls in, from the school's term dates."""

from datetime import date

import pytest

from organisations.models import half_term_week
from tandem import factories


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 9, 1), (1, 1)),
        (date(2026, 9, 8), (1, 2)),
        (date(2026, 10, 23), (1, 8)),
        (date(2026, 10, 28), None),  # half-term holiday
        (date(2026, 11, 2), (2, 1)),
        (date(2026, 11, 23), (2, 4)),
        (date(2026, 12, 25), None),  # Christmas
        (date(2027, 1, 4), (3, 1)),
        (date(2027, 2, 22), (4, 1)),
        (date(2027, 6, 7), (6, 1)),
    ],
)
def test_half_term_and_week(db, day, expected):
    school = factories.make_school()
    terms = factories.make_terms(school, 2026)
    assert half_term_week(terms, day) == expected


def test_no_term_dates_means_no_position(db):
    assert half_term_week([], date(2026, 11, 23)) is None

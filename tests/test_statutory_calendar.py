"""The statutory calendar: progress reviews in terms without a formal assessment, formal
assessments at the midpoint and the end, for full-time, part-time, mid-year starts, long
absence and transfers between schools."""

from datetime import date
from fractions import Fraction

from assessments.calendar import (
    FORMAL_ASSESSMENT,
    PROGRESS_REVIEW,
    Placement,
    TermDates,
    build_calendar,
    working_days_after,
)
from assessments.models import Absence
from assessments.schedule import calendar_for
from people.models import Role
from tandem import factories


def _terms(first_autumn: int, years: int = 2) -> tuple[TermDates, ...]:
    terms = []
    for year in range(first_autumn, first_autumn + years):
        terms += [
            TermDates(
                f"Autumn {year}",
                date(year, 9, 1),
                date(year, 12, 18),
                date(year, 10, 26),
                date(year, 10, 30),
            ),
            TermDates(
                f"Spring {year + 1}",
                date(year + 1, 1, 4),
                date(year + 1, 3, 26),
                date(year + 1, 2, 15),
                date(year + 1, 2, 19),
            ),
            TermDates(
                f"Summer {year + 1}",
                date(year + 1, 4, 12),
                date(year + 1, 7, 21),
                date(year + 1, 5, 31),
                date(year + 1, 6, 4),
            ),
        ]
    return tuple(terms)


TERMS = _terms(2025)


def _shape(calendar) -> list[tuple[str, int, str]]:
    return [(p.kind[0:1].upper(), p.number, p.term.label) for p in calendar.points]


def _full_time(start=date(2025, 9, 1), fte=Fraction(1), absences=()):
    placement = Placement("School A", start, None, fte, TERMS)
    return build_calendar(start, [placement], list(absences))


def test_full_time_reviews_in_terms_1_2_4_5_and_assessments_at_3_and_6():
    calendar = _full_time()
    assert _shape(calendar) == [
        ("P", 1, "Autumn 2025"),
        ("P", 2, "Spring 2026"),
        ("F", 1, "Summer 2026"),
        ("P", 3, "Autumn 2026"),
        ("P", 4, "Spring 2027"),
        ("F", 2, "Summer 2027"),
    ]
    assert calendar.points[0].due_on == date(2025, 12, 18)
    assert calendar.points[2].due_on == date(2026, 7, 21)  # the last day of term 3
    assert calendar.ends_on == date(2027, 7, 21)
    assert not calendar.incomplete and not calendar.extended


def test_formal_assessments_go_to_the_appropriate_body_within_ten_working_days():
    midpoint = _full_time().points[2]
    assert midpoint.kind == FORMAL_ASSESSMENT
    # Tuesday 21 July 2026 plus ten weekdays.
    assert midpoint.report_by == date(2026, 8, 4)
    assert working_days_after(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday to Monday


def test_part_time_at_0_6_serves_induction_over_ten_terms():
    calendar = _full_time(fte=Fraction(3, 5))
    kinds = [p.kind for p in calendar.points]
    assert len(calendar.points) == 10
    # Three terms' worth is served at the end of the fifth term: 5 x 0.6 = 3.
    assert kinds.index(FORMAL_ASSESSMENT) == 4
    assert calendar.points[4].term.label == "Spring 2027"
    assert calendar.points[-1].kind == FORMAL_ASSESSMENT
    assert calendar.points[-1].term.label == "Autumn 2028"
    assert [p.number for p in calendar.points if p.kind == PROGRESS_REVIEW] == list(range(1, 9))


def test_terms_beyond_the_known_dates_are_projected_and_marked_as_estimates():
    calendar = _full_time(fte=Fraction(3, 5))
    known = [p for p in calendar.points if not p.estimated]
    estimated = [p for p in calendar.points if p.estimated]
    assert [p.term.label for p in known][-1] == "Summer 2027"
    assert [p.term.label for p in estimated] == [
        "Autumn 2027",
        "Spring 2028",
        "Summer 2028",
        "Autumn 2028",
    ]
    # Projected a whole number of weeks on, so a term still starts on a weekday.
    assert all(p.term.starts_on.weekday() < 5 for p in estimated)


def test_a_mid_year_start_counts_terms_from_january():
    calendar = _full_time(start=date(2026, 1, 4))
    assert _shape(calendar)[:3] == [
        ("P", 1, "Spring 2026"),
        ("P", 2, "Summer 2026"),
        ("F", 1, "Autumn 2026"),
    ]
    assert calendar.points[-1].term.label == "Autumn 2027"


def test_a_start_part_way_through_a_term_moves_the_midpoint_into_the_term():
    calendar = _full_time(start=date(2025, 10, 1))
    midpoint = next(p for p in calendar.points if p.kind == FORMAL_ASSESSMENT)
    assert midpoint.term.label == "Autumn 2026"
    assert date(2026, 9, 1) < midpoint.due_on < date(2026, 12, 18)


def test_absence_of_30_days_or_more_extends_induction_by_all_of_it():
    # 5 January to 13 February 2026: six weeks before half term, 30 school days.
    absent = [(date(2026, 1, 5), date(2026, 2, 13))]
    calendar = _full_time(absences=absent)
    assert calendar.absence_days == 30
    assert calendar.extended
    assert calendar.ends_on > date(2027, 7, 21)
    # Thirty school days into the autumn term after induction would have ended.
    assert calendar.points[-1].term.label == "Autumn 2027"
    assert calendar.points[-1].estimated


def test_absence_under_30_days_changes_nothing():
    absent = [(date(2026, 1, 5), date(2026, 2, 12))]  # 29 school days
    calendar = _full_time(absences=absent)
    assert calendar.absence_days == 29
    assert not calendar.extended
    assert calendar.ends_on == date(2027, 7, 21)


def test_a_part_timer_misses_only_their_share_of_each_absent_day():
    absent = [(date(2026, 1, 5), date(2026, 2, 13))]  # 30 school days
    calendar = _full_time(fte=Fraction(1, 2), absences=absent)
    assert calendar.absence_days == 15
    assert not calendar.extended


def test_terms_at_an_earlier_school_count_after_a_transfer():
    other_terms = _terms(2025)
    placements = [
        Placement("Hillcrest", date(2025, 9, 1), date(2026, 2, 13), Fraction(1), TERMS),
        # Joins on the first school day after half term: no day of induction is lost.
        Placement("Brookside", date(2026, 2, 20), None, Fraction(1), other_terms),
    ]
    calendar = build_calendar(date(2025, 9, 1), placements, [])
    assert [p.school for p in calendar.points] == ["Hillcrest"] + ["Brookside"] * 5
    # The spring review belongs to the school the ECT is at when the term ends.
    spring = calendar.points[1]
    assert (spring.term.label, spring.school) == ("Spring 2026", "Brookside")
    assert calendar.points[2].kind == FORMAL_ASSESSMENT
    assert calendar.points[2].due_on == date(2026, 7, 21)
    assert calendar.ends_on == date(2027, 7, 21)


def test_school_days_between_two_placements_are_not_served():
    placements = [
        Placement("Hillcrest", date(2025, 9, 1), date(2026, 2, 13), Fraction(1), TERMS),
        Placement("Brookside", date(2026, 2, 23), None, Fraction(1), TERMS),
    ]
    calendar = build_calendar(date(2025, 9, 1), placements, [])
    # Friday 20 February was a school day with no school: induction ends a day later, in
    # the autumn term, and the summer term now holds a progress review.
    assert calendar.ends_on == date(2027, 9, 1)
    assert _shape(calendar)[-2:] == [("P", 5, "Summer 2027"), ("F", 2, "Autumn 2027")]


def test_an_ect_who_has_left_without_a_new_school_has_an_incomplete_calendar():
    placement = Placement("Hillcrest", date(2025, 9, 1), date(2026, 2, 13), Fraction(1), TERMS)
    calendar = build_calendar(date(2025, 9, 1), [placement], [])
    assert calendar.incomplete == "The ECT is not placed at a school after 13 February 2026."
    assert calendar.ends_on is None


def test_no_term_dates_means_no_calendar_and_says_why():
    placement = Placement("Hillcrest", date(2025, 9, 1), None, Fraction(1), ())
    calendar = build_calendar(date(2025, 9, 1), [placement], [])
    assert calendar.points == []
    assert calendar.incomplete == "No term dates are known for Hillcrest."


def test_served_so_far_counts_terms_in_full_time_equivalent():
    calendar = _full_time(fte=Fraction(3, 5))
    assert calendar.served_on(date(2025, 8, 31)) == 0
    assert calendar.served_on(date(2025, 12, 18)) == Fraction(3, 5)
    assert calendar.served_on(date(2026, 7, 21)) == Fraction(9, 5)


# The same rules through the database: placements, term dates and absences as recorded.


def test_calendar_for_reads_placements_terms_and_absences(cast):
    induction = cast.induction  # full time, started 1 September 2026
    calendar = calendar_for(induction)
    assert [p.term.label for p in calendar.points[:3]] == [
        "Autumn 2026",
        "Spring 2027",
        "Summer 2027",
    ]
    assert calendar.points[0].school == cast.school_a
    Absence.objects.create(
        induction=induction,
        starts_on=date(2026, 9, 7),
        ends_on=date(2026, 10, 23),
        recorded_by=cast.tutor,
    )
    assert calendar_for(induction).absence_days == 35
    assert calendar_for(induction).extended


def test_calendar_for_follows_a_transfer_and_the_new_schools_dates(cast):
    induction = factories.make_ect(cast.school_b, started_on=date(2025, 9, 1))
    placement = induction.ect.role_periods.get(role=Role.ECT)
    placement.ends_on = date(2026, 2, 13)
    placement.save(update_fields=["ends_on"])
    factories.give_role(induction.ect, Role.ECT, school=cast.school_a, starts_on=date(2026, 2, 23))
    calendar = calendar_for(induction)
    assert calendar.points[0].school == cast.school_b
    assert {p.school for p in calendar.points[1:]} == {cast.school_a}


def test_calendars_for_a_school_take_a_fixed_number_of_queries(cast, django_assert_num_queries):
    from assessments.schedule import calendars_for

    inductions = [cast.induction] + [
        factories.make_ect(cast.school_a, fte="0.60") for _ in range(5)
    ]
    with django_assert_num_queries(3):
        calendars = calendars_for(inductions)
    assert len(calendars) == 6
    assert len(calendars[inductions[-1].pk].points) == 10


def test_served_stops_at_six_terms():
    calendar = _full_time()
    assert calendar.served_on(date(2027, 7, 21)) == 6
    assert calendar.served_on(date(2030, 1, 1)) == 6

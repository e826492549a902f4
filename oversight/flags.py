"""What makes a pair need the induction tutor's attention, one rule each, with the reason
in words. The figures come from the evaluation: mentors needed 1.5 to 2 hours a week per
ECT, ECTs up to an hour of study."""

from dataclasses import dataclass

MENTOR_MINUTES_PER_ECT = (90, 120)  # what a mentor needs each week for each ECT
ECT_STUDY_MINUTES = 60  # the most study an ECT should need in a week
MAX_MENTEES = 3
LOW_PULSE = 2.5  # an average answer at or below this is low
PULSE_DROP = 1.0  # a fall this large from the previous answer is a drop


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str


def meetings_slipping(planned: int, missed: int) -> Flag | None:
    if planned and missed:
        return Flag(
            "meetings", f"Meetings slipping: {planned - missed} of {planned} held in four weeks"
        )
    return None


def mentor_overloaded(mentees: int, minutes_a_week: float) -> Flag | None:
    if mentees > MAX_MENTEES:
        return Flag("mentor_load", f"Mentor overloaded: {mentees} ECTs")
    top = MENTOR_MINUTES_PER_ECT[1] * mentees
    if mentees and minutes_a_week > top:
        return Flag(
            "mentor_load",
            f"Mentor overloaded: {minutes_a_week / 60:.1f} hours a week for {mentees} "
            f"ECT{'s' if mentees > 1 else ''}",
        )
    return None


def ect_over_time(minutes_a_week: float) -> Flag | None:
    if minutes_a_week > ECT_STUDY_MINUTES:
        return Flag("ect_time", f"ECT over time: {minutes_a_week:.0f} minutes of study a week")
    return None


def wellbeing_dropping(latest: float | None, previous: float | None) -> Flag | None:
    if latest is None:
        return None
    if latest <= LOW_PULSE:
        return Flag("wellbeing", f"Wellbeing low: {latest:.1f} of 5 in the last pulse check")
    if previous is not None and previous - latest >= PULSE_DROP:
        return Flag("wellbeing", f"Wellbeing dropping: {previous:.1f} to {latest:.1f} of 5")
    return None


def mentor_is_tutor(mentor_is_tutor: bool, safeguards: str) -> Flag | None:
    if mentor_is_tutor and not safeguards.strip():
        return Flag("safeguards", "Mentor is also induction tutor: no safeguards recorded")
    return None


def no_mentor(has_mentor: bool) -> Flag | None:
    return None if has_mentor else Flag("no_mentor", "No mentor")

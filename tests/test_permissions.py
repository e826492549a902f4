"""The permission matrix: every page, for anonymous people, outsiders, wrong roles and the
right roles. Another organisation's objects answer 404; a known object in the wrong role, 403."""

import pytest
from django.urls import reverse

from people.models import Role

# Programme content is open to everyone who works in the owning trust.
TRUST_A_READS = dict.fromkeys(
    ["ect", "mentor", "other_mentor", "tutor", "head", "coordinator", "author", "evaluator"], 200
)


def _slot(c):
    """A scheduled meeting of the cast's pair (made on first use)."""
    from scheduling.models import DayPeriod, Slot

    period, _ = DayPeriod.objects.get_or_create(
        school=c.school_a, day=1, code="P2", defaults={"starts_at": "09:50", "ends_at": "10:50"}
    )
    slot, _ = Slot.objects.get_or_create(
        school=c.school_a,
        task_key="perm:meeting:A",
        defaults={
            "kind": "meeting",
            "induction": c.induction,
            "mentorship": c.induction.mentorships.get(),
            "week": "A",
            "period": period,
            "minutes": 45,
        },
    )
    return slot


def _run(c):
    from scheduling.models import ScheduleRun

    run = ScheduleRun.objects.filter(school=c.school_a).first()
    return run or ScheduleRun.objects.create(school=c.school_a, requested_by=c.tutor)


def _event(c):
    from scheduling.models import TrustEvent

    event = TrustEvent.objects.filter(trust=c.trust_a).first()
    return event or TrustEvent.objects.create(
        trust=c.trust_a, title="Training", kind="training", minutes=60, weeks=["2027-01-11"]
    )


def _plan(c):
    """School A's implementation plan (made on first use)."""
    from planning.checklist import due_date, entries_for
    from planning.models import Item, Plan

    plan, made = Plan.objects.get_or_create(
        school=c.school_a, starts_year=2027, defaults={"created_by": c.tutor}
    )
    if made:
        Item.objects.bulk_create(
            Item(plan=plan, key=key, level=level, title=title, due_on=due_date(2027, *when))
            for key, level, title, _why, when in entries_for("school")
        )
    return plan


def _classroom(c):
    """An open classroom at school A next week (made on first use)."""
    from community.models import OpenClassroom
    from frameworks.models import Area

    room = OpenClassroom.objects.filter(school=c.school_a).first()
    return room or OpenClassroom.objects.create(
        school=c.school_a,
        host=c.other_mentor,
        practice="Questioning",
        class_taught="Y5",
        area=Area.objects.first(),
        held_on="2026-11-26",
        starts_at="10:30",
    )


def _mentor_group(c):
    """School A's group of one mentor, facilitated by the tutor (made on first use)."""
    from community.models import MentorGroup

    group = MentorGroup.objects.filter(school=c.school_a).first()
    if group is None:
        group = MentorGroup.objects.create(name="Group", school=c.school_a, facilitator=c.tutor)
        group.members.add(c.mentor)
    return group


def _strand_unit(c):
    from tandem import factories

    return factories.load_sample_strand().sessions_in_order().first()


def _provision_item(c):
    """A trust A item of local training (made on first use)."""
    from provision.models import ProvisionItem

    item = ProvisionItem.objects.filter(trust=c.trust_a).first()
    return item or ProvisionItem.objects.create(
        trust=c.trust_a,
        title="Twilight",
        description="Routines",
        starts_on="2026-10-01",
        ends_on="2026-10-01",
        hours=1,
        created_by=c.coordinator,
    )


def _provision_match(c):
    from frameworks.models import Statement
    from provision.models import StatementMatch

    item = _provision_item(c)
    match = item.matches.first()
    return match or StatementMatch.objects.create(
        item=item, statement=Statement.objects.first(), rank=1, score=0.5
    )


def _survey(c):
    """Trust A's survey with one open wave, to which the cast's ECT is invited."""
    from surveys.models import Invitation, Question, Survey, Wave

    survey = Survey.objects.filter(trust=c.trust_a).first()
    if survey is None:
        survey = Survey.objects.create(
            trust=c.trust_a, title="S", audience=["ect"], created_by=c.coordinator
        )
        Question.objects.create(survey=survey, position=1, theme="time", kind="likert", text="Q")
        wave = Wave.objects.create(
            survey=survey, name="W", opens_on="2026-11-01", closes_on="2026-12-01"
        )
        Invitation.objects.create(wave=wave, person=c.ect, role="ect")
    return survey


MENTORS_ONLY = {"mentor": 200, "other_mentor": 200, "tutor": 403, "ect": 403, "head": 403}

# Developmental pages: the ECT and their current mentor only.
PAIR_ONLY = {
    "ect": 200,
    "mentor": 200,
    "tutor": 403,
    "head": 403,
    "coordinator": 403,
    "other_mentor": 404,
    "outsider": 404,
}

SCHOOL_STAFF = {"ect": 200, "mentor": 200, "other_mentor": 200, "tutor": 200, "head": 200}

PLAN_READERS = {"tutor": 200, "head": 200, "coordinator": 200}
PLAN_LEADERS = {"tutor": 200, "head": 200, "coordinator": 403}

TRUST_A_INSIDERS = [
    "ect",
    "mentor",
    "other_mentor",
    "tutor",
    "head",
    "coordinator",
    "author",
    "evaluator",
]
OUTSIDERS = {"outsider": 404, "outsider_ect": 404}
PROVISION_TRUST_READERS = {
    **dict.fromkeys(TRUST_A_INSIDERS, 403),
    "coordinator": 200,
    "tutor": 200,
    "head": 200,
    **OUTSIDERS,
}
PROVISION_TRUST_KEEPERS = {**dict.fromkeys(TRUST_A_INSIDERS, 403), "coordinator": 200, **OUTSIDERS}
PROVISION_SCHOOL_READERS = PROVISION_TRUST_READERS
PROVISION_SCHOOL_KEEPERS = {**dict.fromkeys(TRUST_A_INSIDERS, 403), "tutor": 200, **OUTSIDERS}
SURVEY_KEEPERS = {
    **dict.fromkeys(TRUST_A_INSIDERS, 403),
    "coordinator": 200,
    "evaluator": 200,
    **OUTSIDERS,
}
EVALUATOR_ONLY = {**dict.fromkeys(TRUST_A_INSIDERS, 403), "evaluator": 200, **OUTSIDERS}

SCHEDULE_READERS = {
    "tutor": 200,
    "head": 200,
    "coordinator": 200,
    "mentor": 403,
    "ect": 403,
    "evaluator": 403,
    "outsider": 404,
    "outsider_ect": 404,
}
SCHEDULE_CHANGERS = {
    "tutor": 200,
    "head": 403,
    "coordinator": 403,
    "mentor": 403,
    "ect": 403,
    "outsider": 404,
}


# (url name, how to build its arguments from the cast, {cast member: expected status}).
# Every member of the cast not listed for a page must get a 403 or 404 there.
MATRIX = [
    ("ect_home", lambda c: [], {"ect": 200, "outsider_ect": 200, "mentor": 403, "tutor": 403}),
    ("mentor_home", lambda c: [], {"mentor": 200, "other_mentor": 200, "ect": 403, "tutor": 403}),
    (
        "school_home",
        lambda c: [c.school_a.pk],
        {
            "tutor": 200,
            "head": 200,
            "coordinator": 200,
            "mentor": 403,
            "ect": 403,
            "evaluator": 403,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "head_home",
        lambda c: [c.school_a.pk],
        {"head": 200, "tutor": 200, "coordinator": 200, "mentor": 403, "ect": 403, "outsider": 404},
    ),
    (
        "trust_home",
        lambda c: [c.trust_a.pk],
        {"coordinator": 200, "tutor": 403, "evaluator": 403, "author": 403, "outsider": 404},
    ),
    (
        "evaluator_home",
        lambda c: [c.trust_a.pk],
        {"evaluator": 200, "coordinator": 403, "tutor": 403, "outsider": 404},
    ),
    ("author_home", lambda c: [], {"author": 200, "tutor": 403, "ect": 403, "evaluator": 403}),
    (
        "induction_detail",
        lambda c: [c.induction.pk],
        {
            "ect": 200,
            "mentor": 200,
            "tutor": 200,
            "head": 200,
            "coordinator": 200,
            "other_mentor": 404,
            "evaluator": 404,
            "author": 404,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "change_mentor",
        lambda c: [c.induction.pk],
        {
            "tutor": 200,
            "head": 200,
            "coordinator": 403,
            "mentor": 403,
            "ect": 403,
            "other_mentor": 404,
            "outsider": 404,
        },
    ),
    (
        "edit_induction",
        lambda c: [c.induction.pk],
        {
            "tutor": 200,
            "head": 200,
            "coordinator": 403,
            "mentor": 403,
            "ect": 403,
            "other_mentor": 404,
            "outsider": 404,
        },
    ),
    # Developmental records: the ECT and their mentor only; not the tutor or headteacher.
    (
        "coaching_timeline",
        lambda c: [c.induction.pk],
        {
            "ect": 200,
            "mentor": 200,
            "tutor": 403,
            "head": 403,
            "coordinator": 403,
            "other_mentor": 404,
            "evaluator": 404,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "new_observation",
        lambda c: [c.induction.pk],
        {
            "mentor": 200,
            "ect": 403,
            "tutor": 403,
            "head": 403,
            "coordinator": 403,
            "other_mentor": 404,
            "outsider": 404,
        },
    ),
    (
        "my_reflections",
        lambda c: [],
        {"ect": 200, "outsider_ect": 200, "mentor": 403, "tutor": 403},
    ),
    (
        "next_meeting",
        lambda c: [c.induction.pk],
        PAIR_ONLY,
    ),
    (
        "term_dates",
        lambda c: [c.school_a.pk],
        {"tutor": 200, "head": 200, "coordinator": 403, "mentor": 403, "ect": 403, "outsider": 404},
    ),
    (
        "add_role",
        lambda c: [c.school_a.pk],
        {"tutor": 200, "head": 200, "coordinator": 403, "mentor": 403, "ect": 403, "outsider": 404},
    ),
    (
        "end_role",
        lambda c: [c.other_mentor.role_periods.get().pk],
        {"tutor": 200, "head": 200, "coordinator": 403, "mentor": 403, "outsider": 404},
    ),
    # Assessment records: the ECT, their induction tutor and headteacher; never the mentor.
    (
        "statutory_record",
        lambda c: [c.induction.pk],
        {
            "ect": 200,
            "tutor": 200,
            "head": 200,
            "mentor": 403,
            "coordinator": 403,
            "other_mentor": 404,
            "evaluator": 404,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "progress_review",
        lambda c: [c.induction.pk, 1],
        {
            "ect": 200,
            "tutor": 200,
            "head": 200,
            "mentor": 403,
            "coordinator": 403,
            "other_mentor": 404,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "formal_assessment",
        lambda c: [c.induction.pk, 1],
        {
            "ect": 200,
            "tutor": 200,
            "head": 200,
            "mentor": 403,
            "coordinator": 403,
            "other_mentor": 404,
            "outsider": 404,
        },
    ),
    (
        "school_statutory",
        lambda c: [c.school_a.pk],
        {
            "tutor": 200,
            "head": 200,
            "coordinator": 403,
            "mentor": 403,
            "ect": 403,
            "outsider": 404,
        },
    ),
    (
        "school_statutory_csv",
        lambda c: [c.school_a.pk],
        {
            "tutor": 200,
            "head": 200,
            "coordinator": 403,
            "mentor": 403,
            "ect": 403,
            "evaluator": 403,
            "outsider": 404,
        },
    ),
    # The pathway: shaped by the ECT and mentor, seen by the tutor and headteacher.
    (
        "pathway",
        lambda c: [c.induction.pk],
        {
            "ect": 200,
            "mentor": 200,
            "tutor": 200,
            "head": 200,
            "coordinator": 403,
            "other_mentor": 404,
            "evaluator": 404,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "starting_point",
        lambda c: [c.induction.pk],
        PAIR_ONLY,
    ),
    (
        "programme_insights",
        lambda c: [c.programme.slug],
        {"author": 200, "tutor": 403, "ect": 403, "evaluator": 403, "outsider": 404},
    ),
    ("framework_list", lambda c: [], {"*": 200}),
    (
        "framework_import",
        lambda c: [],
        {"author": 200, "tutor": 403, "ect": 403, "coordinator": 403},
    ),
    (
        "programme_detail",
        lambda c: [c.programme.slug],
        {
            **TRUST_A_READS,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "session_detail",
        lambda c: [c.programme.slug, c.programme.sessions_in_order().first().pk],
        {
            **TRUST_A_READS,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "session_edit",
        lambda c: [c.programme.slug, c.programme.sessions_in_order().first().pk],
        {"author": 200, "tutor": 403, "ect": 403, "outsider": 404},
    ),
    ("programme_import", lambda c: [], {"author": 200, "tutor": 403, "ect": 403}),
    # Protected time: tutors run and change the schedule; the headteacher and coordinator
    # see it; tutors and coordinators upload timetables.
    ("timetable", lambda c: [c.school_a.pk], SCHEDULE_READERS),
    ("timetable_export", lambda c: [c.school_a.pk, "staff"], SCHEDULE_READERS),
    (
        "timetable_upload",
        lambda c: [c.school_a.pk, "day"],
        {**SCHEDULE_CHANGERS, "coordinator": 200},
    ),
    ("schedule", lambda c: [c.school_a.pk], SCHEDULE_READERS),
    ("run_progress", lambda c: [c.school_a.pk, _run(c).pk], SCHEDULE_READERS),
    ("schedule_settings", lambda c: [c.school_a.pk], SCHEDULE_CHANGERS),
    ("slot_move", lambda c: [c.school_a.pk, _slot(c).pk], SCHEDULE_CHANGERS),
    (
        "trust_events",
        lambda c: [c.trust_a.pk],
        {"coordinator": 200, "tutor": 403, "mentor": 403, "evaluator": 403, "outsider": 404},
    ),
    ("my_calendar", lambda c: [], {"*": 200}),
    # The audit log of a school's assessment records: its tutors and headteacher.
    (
        "school_audit",
        lambda c: [c.school_a.pk],
        {"tutor": 200, "head": 200, "coordinator": 403, "mentor": 403, "outsider": 404},
    ),
    # Oversight: pulse checks for ECTs and mentors; the conversation for the pair's mentor
    # and the school's induction tutors; everyone has notifications and choices.
    (
        "pulse_check",
        lambda c: [],
        {"ect": 200, "mentor": 200, "other_mentor": 200, "outsider_ect": 200},
    ),
    ("my_pulse", lambda c: [], {"*": 200}),
    ("notifications", lambda c: [], {"*": 200}),
    # Implementation plans: a school's leaders write it, the trust's coordinator reads it;
    # nobody else has a part in it until given one.
    ("plans", lambda c: [], {"tutor": 200, "head": 200, "coordinator": 200, "outsider": 200}),
    # De-privatised mentoring: everyone who works at the school; learning notes are the
    # ECT's and their mentor's, like other developmental records.
    ("open_classrooms", lambda c: [c.school_a.pk], SCHOOL_STAFF),
    # A mentor's own development record: the mentor only.
    ("strand", lambda c: [], MENTORS_ONLY),
    ("strand_skills", lambda c: [], MENTORS_ONLY),
    ("strand_unit", lambda c: [_strand_unit(c).pk], MENTORS_ONLY),
    # Peer-learning groups: set up by tutors and coordinators, read by members.
    (
        "groups",
        lambda c: [],
        {"tutor": 200, "coordinator": 200, "mentor": 200, "other_mentor": 200, "outsider": 200},
    ),
    (
        "group",
        lambda c: [_mentor_group(c).pk],
        {"tutor": 200, "mentor": 200, "coordinator": 404, "other_mentor": 404, "head": 404},
    ),
    ("materials", lambda c: [c.school_a.pk], SCHOOL_STAFF),
    (
        "learning",
        lambda c: [c.induction.pk],
        PAIR_ONLY,
    ),
    ("plan", lambda c: [_plan(c).pk], PLAN_READERS),
    ("edit_item", lambda c: [_plan(c).pk, _plan(c).items.first().pk], PLAN_LEADERS),
    ("preferences", lambda c: [], {"*": 200}),
    (
        "pair_conversation",
        lambda c: [c.induction.mentorships.get().pk],
        {
            "tutor": 200,
            "mentor": 200,
            "ect": 403,
            "head": 403,
            "coordinator": 403,
            "other_mentor": 404,
            "evaluator": 404,
            "author": 404,
            "outsider": 404,
            "outsider_ect": 404,
        },
    ),
    (
        "programme_export",
        lambda c: [c.programme.slug],
        {"author": 200, "ect": 403, "tutor": 403, "outsider": 404},
    ),
    # Local provision: the trust's kept by its coordinators and read by its schools' leaders;
    # a school's kept by its tutors and read by its headteacher and the trust's coordinators.
    ("provision_map", lambda c: ["trust", c.trust_a.pk], PROVISION_TRUST_READERS),
    ("provision_overlaps", lambda c: ["trust", c.trust_a.pk], PROVISION_TRUST_READERS),
    ("provision_item", lambda c: [_provision_item(c).pk], PROVISION_TRUST_READERS),
    ("provision_add", lambda c: ["trust", c.trust_a.pk], PROVISION_TRUST_KEEPERS),
    ("provision_import", lambda c: ["trust", c.trust_a.pk], PROVISION_TRUST_KEEPERS),
    ("provision_edit", lambda c: [_provision_item(c).pk], PROVISION_TRUST_KEEPERS),
    ("provision_map", lambda c: ["school", c.school_a.pk], PROVISION_SCHOOL_READERS),
    ("provision_overlaps", lambda c: ["school", c.school_a.pk], PROVISION_SCHOOL_READERS),
    ("provision_add", lambda c: ["school", c.school_a.pk], PROVISION_SCHOOL_KEEPERS),
    # Surveys: the trust's coordinators and evaluators; answering: whoever is invited.
    ("surveys", lambda c: [c.trust_a.pk], SURVEY_KEEPERS),
    ("survey", lambda c: [_survey(c).pk], SURVEY_KEEPERS),
    ("survey_results", lambda c: [_survey(c).pk], SURVEY_KEEPERS),
    (
        "survey_answer",
        lambda c: [_survey(c).waves.get().pk],
        {
            "ect": 200,
            **dict.fromkeys(
                [
                    "mentor",
                    "other_mentor",
                    "tutor",
                    "head",
                    "coordinator",
                    "author",
                    "evaluator",
                    "outsider",
                    "outsider_ect",
                ],
                404,
            ),
        },
    ),
    ("my_surveys", lambda c: [], {"*": 200}),
    # Everyone reads and downloads their own data, and only their own.
    ("my_data", lambda c: [], {"*": 200}),
    # API tokens: the trust's coordinators (the API itself: tests/test_api.py).
    (
        "api_tokens",
        lambda c: [c.trust_a.pk],
        {**dict.fromkeys(TRUST_A_INSIDERS, 403), "coordinator": 200, **OUTSIDERS},
    ),
    ("my_data_download", lambda c: [], {"*": 200}),
    # Evaluation data: the trust's evaluators only.
    ("evaluation_export", lambda c: [c.trust_a.pk], EVALUATOR_ONLY),
    ("evaluation_download", lambda c: [c.trust_a.pk, "csv"], EVALUATOR_ONLY),
]
CAST = [
    "ect",
    "mentor",
    "other_mentor",
    "tutor",
    "head",
    "coordinator",
    "author",
    "evaluator",
    "outsider",
    "outsider_ect",
]


def _cases():
    for name, args, expected in MATRIX:
        for member in CAST:
            status = expected.get(member, expected.get("*"))
            yield pytest.param(name, args, member, status, id=f"{name}-{member}")


@pytest.mark.parametrize(("name", "args", "member", "expected"), list(_cases()))
def test_each_role_gets_what_it_may(client, cast, name, args, member, expected):
    client.force_login(getattr(cast, member))
    status = client.get(reverse(name, args=args(cast))).status_code
    if expected is None:
        assert status in (403, 404), f"{member} must not open {name}"
    else:
        assert status == expected


@pytest.mark.parametrize(("name", "args", "_"), [(n, a, e) for n, a, e in MATRIX])
def test_anonymous_people_are_sent_to_sign_in(client, cast, name, args, _):
    response = client.get(reverse(name, args=args(cast)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# POST-only views: (url name, arguments, data, {cast member: expected status}); anything
# not listed must be refused, and a refusal must change nothing.
POSTS = [
    (
        "add_absence",
        lambda c: [c.induction.pk],
        {"starts_on": "2026-09-07", "ends_on": "2026-09-08"},
        {"tutor": 302},
    ),
    (
        "confirm_assessment",
        lambda c: [c.induction.pk, 1],
        {"version": "1"},
        {},  # no assessment exists: 404 for everyone who may see the ECT at all
    ),
    (
        "record_sent",
        lambda c: [c.induction.pk, "progress_review", 1],
        {"sent_on": "2026-11-20"},
        {},
    ),
    (
        "pull_forward",
        lambda c: [c.induction.pk],
        {"session": "", "reason": "x"},  # invalid, so a permitted post changes nothing either
        {"ect": 302, "mentor": 302},
    ),
    (
        "part_progress",
        lambda c: [c.induction.pk, c.programme.sessions_in_order().first().parts.first().pk],
        {"minutes": "not a number"},
        {"ect": 302},
    ),
    # No school day is imported, so a permitted run is refused with a message, not started.
    ("schedule_run", lambda c: [c.school_a.pk], {}, {"tutor": 302}),
    ("slot_pin", lambda c: [c.school_a.pk, _slot(c).pk], {}, {"tutor": 302}),
    ("trust_events_run", lambda c: [c.trust_a.pk], {}, {"coordinator": 302}),
    ("trust_event_delete", lambda c: [c.trust_a.pk, _event(c).pk], {}, {"coordinator": 302}),
    (
        "tick_item",
        lambda c: [_plan(c).pk, _plan(c).items.first().pk],
        {},
        {"tutor": 302, "head": 302, "coordinator": 403},
    ),
    ("book", lambda c: [c.school_a.pk, _classroom(c).pk], {}, {"ect": 302}),
    # Too short a check: the mentor sees the form again; nothing is marked.
    (
        "strand_known",
        lambda c: [_strand_unit(c).pk],
        {"answer": "x"},
        {"mentor": 200, "other_mentor": 200},
    ),
    # An empty post: members see the form again; nothing is posted.
    ("group", lambda c: [_mentor_group(c).pk], {}, {"tutor": 200, "mentor": 200}),
    ("group_meetings", lambda c: [_mentor_group(c).pk], {}, {"tutor": 302}),
    # A year that is not a number: the permitted see the form again; nothing is made.
    (
        "start_plan",
        lambda c: ["school", c.school_a.pk],
        {"starts_year": "soon"},
        {"tutor": 200, "head": 200},
    ),
    ("add_team_member", lambda c: [_plan(c).pk], {}, {"tutor": 302, "head": 302}),
    ("save_reflections", lambda c: [_plan(c).pk], {}, {"tutor": 302, "head": 302}),
    # An empty message: the permitted re-render the form; nobody's post saves anything.
    (
        "pair_conversation",
        lambda c: [c.induction.mentorships.get().pk],
        {"text": ""},
        {"tutor": 200, "mentor": 200},
    ),
    # Local provision and surveys: only their keepers change them.
    (
        "provision_match",
        lambda c: [_provision_item(c).pk, _provision_match(c).pk],
        {"status": "confirmed"},
        {"coordinator": 302},
    ),
    ("provision_delete", lambda c: [_provision_item(c).pk], {}, {"coordinator": 302}),
    (
        "survey_add_question",
        lambda c: [_survey(c).pk],
        {"question-text": "Q2", "question-theme": "time", "question-kind": "likert"},
        {"coordinator": 302, "evaluator": 302},
    ),
    ("survey_answer", lambda c: [_survey(c).waves.get().pk], {"q1": "4"}, {"ect": 200}),
]


@pytest.mark.parametrize(
    ("name", "args", "data", "member", "expected"),
    [
        pytest.param(n, a, d, m, e.get(m), id=f"{n}-{m}")
        for n, a, d, e in POSTS
        for m in CAST + ["anonymous"]
    ],
)
def test_each_role_may_change_only_what_it_may(client, cast, name, args, data, member, expected):
    from assessments.models import Absence
    from pathways.models import PartProgress, PullForward

    if member != "anonymous":
        client.force_login(getattr(cast, member))
    status = client.post(reverse(name, args=args(cast)), data).status_code
    if member == "anonymous":
        assert status == 302
    elif expected is None:
        assert status in (403, 404), f"{member} must not post to {name}"
    else:
        assert status == expected
    if expected is None:
        from scheduling.models import ScheduleRun, Slot, TrustEvent

        assert not Absence.objects.exists()
        assert not PartProgress.objects.exists() and not PullForward.objects.exists()
        assert not ScheduleRun.objects.exists()
        assert not Slot.objects.filter(pinned=True).exists()
        if name == "trust_event_delete":
            assert TrustEvent.objects.exists()
    from community.models import Booking
    from oversight.models import PairNote
    from planning.models import Item, Reflection, TeamMember

    assert not PairNote.objects.exists()
    if expected is None:
        assert not Item.objects.filter(done_on__isnull=False).exists()
        assert not Reflection.objects.exists() and not TeamMember.objects.exists()
        assert not Booking.objects.exists()
    from community.models import GroupPost
    from scheduling.models import TrustEvent as Event

    assert not GroupPost.objects.exists()
    from development.models import PartDone, UnitKnown

    assert not UnitKnown.objects.exists() and not PartDone.objects.exists()
    if name == "group_meetings":
        assert not Event.objects.exists()
    if expected is None:
        from provision.models import ProvisionItem, StatementMatch
        from surveys.models import Question, Response

        if name.startswith("provision"):
            assert ProvisionItem.objects.exists()
            assert not StatementMatch.objects.exclude(status="suggested").exists()
        assert not Response.objects.exists()
        if name.startswith("survey"):
            assert Question.objects.count() == 1


def test_access_ends_with_the_role_period(client, cast):
    period = cast.tutor.role_periods.get()
    period.ends_on = cast.induction.started_on  # ended long before today
    period.save(update_fields=["ends_on"])
    client.force_login(cast.tutor)
    assert client.get(reverse("school_home", args=[cast.school_a.pk])).status_code == 404
    assert client.get(reverse("induction_detail", args=[cast.induction.pk])).status_code == 404


def test_a_former_mentor_no_longer_sees_the_ect(client, cast):
    mentorship = cast.induction.mentorships.get()
    mentorship.ends_on = cast.induction.started_on
    mentorship.save(update_fields=["ends_on"])
    client.force_login(cast.mentor)
    assert client.get(reverse("induction_detail", args=[cast.induction.pk])).status_code == 404


def test_the_evaluator_sees_no_names(client, cast):
    client.force_login(cast.evaluator)
    page = client.get(reverse("evaluator_home", args=[cast.trust_a.pk])).content.decode()
    for member in ("ect", "mentor", "tutor", "head"):
        assert getattr(cast, member).full_name not in page
    assert "fewer than 5" in page


def test_a_person_with_no_current_role_sees_an_explanation(client, cast):
    cast.ect.role_periods.update(ends_on=cast.induction.started_on)
    client.force_login(cast.ect)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"no current role" in response.content


@pytest.mark.parametrize(
    ("member", "lands_on"),
    [("ect", "ect_home"), ("mentor", "mentor_home"), ("author", "author_home")],
)
def test_home_sends_each_role_to_its_page(client, cast, member, lands_on):
    client.force_login(getattr(cast, member))
    assert client.get(reverse("home"))["Location"] == reverse(lands_on)


def test_a_mentor_who_is_also_tutor_lands_on_the_school(client, cast):
    from tandem import factories

    factories.give_role(cast.mentor, Role.INDUCTION_TUTOR, school=cast.school_a)
    client.force_login(cast.mentor)
    assert client.get(reverse("home"))["Location"] == reverse(
        "school_home", args=[cast.school_a.pk]
    )

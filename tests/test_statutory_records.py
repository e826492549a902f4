"""Progress reviews, formal assessments and absences: written by the induction tutor,
confirmed in order, read by the ECT once complete, exported for the appropriate body, never
shown to the mentor; bad input and concurrent edits change nothing."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from assessments.models import Absence, FormalAssessment, ProgressReview
from people.models import Role
from tandem import factories

REVIEW = {
    "on_track": "yes",
    "evidence": "Lesson visits in October; books show steady progress in reading.",
    "targets": "Use hinge questions before independent work.",
    "support": "",
    "version": "0",
}
ASSESSMENT = {
    "judgement": "satisfactory",
    "evidence": "Planning, teaching and the work of pupils across two terms.",
    "standard_ts1": "Routines are consistent and expectations high.",
    "version": "0",
}


@pytest.fixture
def year2(cast):
    """A full-time ECT at school A in their second year: the midpoint assessment (Summer
    2026) is due; the first tutor is `cast.tutor`."""
    induction = factories.make_ect(
        cast.school_a, full_name="Second Year", started_on=date(2025, 9, 1), programme=None
    )
    factories.make_mentorship(cast.mentor, induction)
    return induction


def _review_url(induction, number=1):
    return reverse("progress_review", args=[induction.pk, number])


def _assessment_url(induction, number=1):
    return reverse("formal_assessment", args=[induction.pk, number])


# Progress reviews


def test_the_tutor_writes_a_draft_then_completes_a_review(client, cast):
    client.force_login(cast.tutor)
    response = client.post(_review_url(cast.induction), {**REVIEW, "action": "save"})
    assert response.status_code == 302
    review = ProgressReview.objects.get(induction=cast.induction, number=1)
    assert review.completed_at is None
    assert (review.term_label, review.due_on) == ("Autumn 2026", date(2026, 12, 18))
    assert (review.written_by, review.written_as, review.school) == (
        cast.tutor,
        Role.INDUCTION_TUTOR,
        cast.school_a,
    )
    response = client.post(
        _review_url(cast.induction), {**REVIEW, "version": "1", "action": "complete"}
    )
    review.refresh_from_db()
    assert review.completed_at is not None and review.version == 2


def test_a_completed_review_cannot_be_changed(client, cast):
    client.force_login(cast.tutor)
    client.post(_review_url(cast.induction), {**REVIEW, "action": "complete"})
    response = client.post(
        _review_url(cast.induction), {**REVIEW, "targets": "Changed", "version": "1"}
    )
    assert response.status_code == 403
    assert ProgressReview.objects.get().targets == REVIEW["targets"]


def test_the_ect_reads_a_review_only_once_it_is_complete(client, cast):
    client.force_login(cast.tutor)
    client.post(_review_url(cast.induction), {**REVIEW, "action": "save"})
    client.force_login(cast.ect)
    page = client.get(_review_url(cast.induction)).content.decode()
    assert REVIEW["targets"] not in page
    assert "You can read it here once it is complete" in page
    client.force_login(cast.tutor)
    client.post(_review_url(cast.induction), {**REVIEW, "version": "1", "action": "complete"})
    client.force_login(cast.ect)
    assert REVIEW["targets"] in client.get(_review_url(cast.induction)).content.decode()
    # And cannot write it.
    response = client.post(_review_url(cast.induction), {**REVIEW, "version": "2"})
    assert response.status_code == 403


def test_not_on_track_needs_the_support_being_put_in_place(client, cast):
    client.force_login(cast.tutor)
    response = client.post(_review_url(cast.induction), {**REVIEW, "on_track": "no"})
    assert response.status_code == 200
    assert "Say what support is being put in place" in response.content.decode()
    assert not ProgressReview.objects.exists()


def test_missing_fields_are_named_and_nothing_is_saved(client, cast):
    client.force_login(cast.tutor)
    response = client.post(_review_url(cast.induction), {"version": "0", "action": "complete"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Summary of evidence" in page and "Is the ECT on track?" in page
    assert not ProgressReview.objects.exists()


def test_a_review_cannot_be_written_before_its_term(client, cast):
    client.force_login(cast.tutor)
    url = _review_url(cast.induction, 2)  # Spring 2027
    page = client.get(url).content.decode()
    assert "starts on 4 January 2027" in page
    response = client.post(url, REVIEW, follow=True)
    assert "It can be written from then" in response.content.decode()
    assert not ProgressReview.objects.exists()


def test_a_review_the_calendar_does_not_hold_is_not_found(client, cast):
    client.force_login(cast.tutor)
    assert client.get(_review_url(cast.induction, 9)).status_code == 404


def test_a_second_editor_is_told_and_their_typing_is_kept(client, cast):
    """Two tutors open the same draft; the first saves; the second's save is refused with
    the first one's version shown, and their own text stays in the form."""
    second_tutor = factories.make_person("Second Tutor")
    factories.give_role(second_tutor, Role.INDUCTION_TUTOR, school=cast.school_a)
    client.force_login(cast.tutor)
    client.post(_review_url(cast.induction), {**REVIEW, "action": "save"})  # version 1
    # Both open version 1; the tutor saves first.
    client.post(_review_url(cast.induction), {**REVIEW, "targets": "First", "version": "1"})
    client.force_login(second_tutor)
    response = client.post(
        _review_url(cast.induction), {**REVIEW, "targets": "Second", "version": "1"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing" in page
    assert "Cast tutor saved it" in page
    assert "First" in page and "Second" in page
    review = ProgressReview.objects.get()
    assert (review.targets, review.version) == ("First", 2)
    # Saving again, having seen their version, is a deliberate replacement.
    assert 'name="version" value="2"' in page
    client.post(_review_url(cast.induction), {**REVIEW, "targets": "Second", "version": "2"})
    review.refresh_from_db()
    assert (review.targets, review.updated_by) == ("Second", second_tutor)


def test_two_people_creating_the_same_review_do_not_both_succeed(client, cast):
    client.force_login(cast.tutor)
    client.post(_review_url(cast.induction), {**REVIEW, "targets": "First"})
    response = client.post(_review_url(cast.induction), {**REVIEW, "targets": "Second"})
    assert response.status_code == 409
    assert ProgressReview.objects.get().targets == "First"


def test_a_completed_review_downloads_as_a_pdf(client, cast):
    client.force_login(cast.tutor)
    pdf_url = reverse("record_pdf", args=[cast.induction.pk, "progress_review", 1])
    assert client.get(pdf_url).status_code == 404  # nothing complete yet
    client.post(_review_url(cast.induction), {**REVIEW, "action": "complete"})
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "progress-review-1-Cast-ect.pdf" in response["Content-Disposition"]


def test_the_tutor_records_when_a_review_was_sent(client, cast):
    client.force_login(cast.tutor)
    client.post(_review_url(cast.induction), {**REVIEW, "action": "complete"})
    url = reverse("record_sent", args=[cast.induction.pk, "progress_review", 1])
    client.post(url, {"sent_on": "2026-12-01"})  # in the future
    assert ProgressReview.objects.get().sent_on is None
    client.post(url, {"sent_on": "2026-11-23"})
    assert ProgressReview.objects.get().sent_on == date(2026, 11, 23)


# Formal assessments


def _write_assessment(client, cast, induction, **changes):
    client.force_login(cast.tutor)
    return client.post(_assessment_url(induction), {**ASSESSMENT, **changes})


def _confirm(client, who, induction, **data):
    client.force_login(who)
    version = FormalAssessment.objects.get(induction=induction).version
    return client.post(
        reverse("confirm_assessment", args=[induction.pk, 1]),
        {"version": version, **data},
        follow=True,
    )


def test_confirmations_go_tutor_then_head_then_ect(client, cast, year2):
    _write_assessment(client, cast, year2)
    assessment = FormalAssessment.objects.get()
    assert assessment.standards == {"ts1": ASSESSMENT["standard_ts1"]}
    assert assessment.term_label == "Summer 2026"

    # The headteacher and the ECT cannot go first.
    page = _confirm(client, cast.head, year2).content.decode()
    assert "waiting for the induction tutor" in page
    _confirm(client, year2.ect, year2)
    assessment.refresh_from_db()
    assert assessment.head_confirmed_at is None and assessment.ect_confirmed_at is None

    with time_machine.travel(date(2026, 11, 23), tick=False):
        _confirm(client, cast.tutor, year2)
    _confirm(client, year2.ect, year2)  # still the head's turn
    assessment.refresh_from_db()
    assert assessment.tutor_confirmed_by == cast.tutor and assessment.ect_confirmed_at is None

    _confirm(client, cast.head, year2)
    _confirm(client, year2.ect, year2, ect_comments="I agree; thank you for the support.")
    assessment.refresh_from_db()
    assert assessment.head_confirmed_by == cast.head
    assert assessment.ect_comments == "I agree; thank you for the support."
    assert assessment.is_complete
    assert (
        assessment.tutor_confirmed_at <= assessment.head_confirmed_at <= assessment.ect_confirmed_at
    )
    page = _confirm(client, cast.tutor, year2).content.decode()
    assert "already been confirmed by all three" in page


def test_the_tutors_confirmation_fixes_the_content(client, cast, year2):
    _write_assessment(client, cast, year2)
    _confirm(client, cast.tutor, year2)
    response = _write_assessment(client, cast, year2, evidence="Rewritten", version="2")
    assert response.status_code == 403
    assert FormalAssessment.objects.get().evidence == ASSESSMENT["evidence"]


def test_a_confirmation_of_a_changed_assessment_is_refused(client, cast, year2):
    _write_assessment(client, cast, year2)
    _write_assessment(client, cast, year2, evidence="Revised", version="1")  # now version 2
    client.force_login(cast.tutor)
    page = client.post(
        reverse("confirm_assessment", args=[year2.pk, 1]), {"version": "1"}, follow=True
    ).content.decode()
    assert "changed while you were reading it" in page
    assert FormalAssessment.objects.get().tutor_confirmed_at is None


def test_the_judgement_must_fit_the_assessment_point(client, cast, year2):
    response = _write_assessment(client, cast, year2, judgement="meets")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not FormalAssessment.objects.exists()


def test_an_assessment_cannot_be_written_before_its_term(client, cast):
    client.force_login(cast.tutor)  # cast.induction's midpoint is in Summer 2027
    response = client.post(_assessment_url(cast.induction), ASSESSMENT, follow=True)
    assert "starts on 12 April 2027" in response.content.decode()
    assert not FormalAssessment.objects.exists()


def test_the_ect_sees_the_assessment_once_the_head_has_confirmed(client, cast, year2):
    _write_assessment(client, cast, year2)
    _confirm(client, cast.tutor, year2)
    client.force_login(year2.ect)
    assert ASSESSMENT["evidence"] not in client.get(_assessment_url(year2)).content.decode()
    _confirm(client, cast.head, year2)
    client.force_login(year2.ect)
    page = client.get(_assessment_url(year2)).content.decode()
    assert ASSESSMENT["evidence"] in page
    assert "Confirm I have read it" in page


def test_a_complete_assessment_exports_as_pdf_and_in_the_schools_csv(client, cast, year2):
    year2.trn = "1234567"
    year2.save(update_fields=["trn"])
    _write_assessment(client, cast, year2)
    _confirm(client, cast.tutor, year2)
    _confirm(client, cast.head, year2)
    _confirm(client, year2.ect, year2, ect_comments='=HYPERLINK("x")')
    client.force_login(cast.head)
    response = client.get(reverse("record_pdf", args=[year2.pk, "formal_assessment", 1]))
    assert response.content.startswith(b"%PDF")
    response = client.get(reverse("school_statutory_csv", args=[cast.school_a.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["ECT"], row["TRN"], row["Record"]) == (
        "Second Year",
        "1234567",
        "Midpoint formal assessment",
    )
    assert row["Outcome"] == "Making satisfactory progress towards the standards"
    assert row["Induction tutor confirmed"] and row["Headteacher confirmed"]
    # A cell that a spreadsheet would run as a formula is neutralised.
    assert row["ECT comments"] == '\'=HYPERLINK("x")'


def test_drafts_are_not_exported(client, cast, year2):
    _write_assessment(client, cast, year2)
    client.post(_review_url(cast.induction), REVIEW)
    response = client.get(reverse("school_statutory_csv", args=[cast.school_a.pk]))
    assert len(response.content.decode().strip().splitlines()) == 1  # the header only


# Absences and the statutory page


def test_the_tutor_records_an_absence_and_the_calendar_extends(client, cast):
    client.force_login(cast.tutor)
    url = reverse("add_absence", args=[cast.induction.pk])
    response = client.post(url, {"starts_on": "2026-09-07", "ends_on": "2026-10-23"})
    assert response.status_code == 302
    page = client.get(reverse("statutory_record", args=[cast.induction.pk])).content.decode()
    assert "35 working days: 30 or more, so induction is extended" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"starts_on": "2026-08-01", "ends_on": "2026-08-02"}, "before induction started"),
        ({"starts_on": "2026-10-10", "ends_on": "2026-10-01"}, "on or after the first"),
        ({"starts_on": "2026-09-10", "ends_on": ""}, "This field is required"),
        ({"starts_on": "2026-09-31", "ends_on": "2026-10-01"}, "Enter a valid date"),
        ({"starts_on": "2026-09-14", "ends_on": "2026-09-20"}, "overlaps the absence"),
    ],
)
def test_bad_absences_are_explained_and_not_saved(client, cast, data, message):
    Absence.objects.create(
        induction=cast.induction,
        starts_on=date(2026, 9, 7),
        ends_on=date(2026, 9, 15),
        recorded_by=cast.tutor,
    )
    client.force_login(cast.tutor)
    response = client.post(reverse("add_absence", args=[cast.induction.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Absence.objects.count() == 1


def test_the_headteacher_may_read_absences_but_only_the_tutor_records_them(client, cast):
    client.force_login(cast.head)
    url = reverse("add_absence", args=[cast.induction.pk])
    assert client.post(url, {"starts_on": "2026-09-07", "ends_on": "2026-09-08"}).status_code == 403
    assert not Absence.objects.exists()


def test_the_school_page_lists_the_most_urgent_point_first(client, cast, year2):
    client.force_login(cast.tutor)
    page = client.get(reverse("school_statutory", args=[cast.school_a.pk])).content.decode()
    # The year 2 ECT's first review is long overdue; cast.induction's is due in December.
    assert page.index("Second Year") < page.index("Cast ect")
    assert "Overdue" in page and "Due by 18 Dec 2026" in page


def test_the_school_page_takes_a_fixed_number_of_queries(
    client, cast, year2, django_assert_num_queries
):
    client.force_login(cast.tutor)
    url = reverse("school_statutory", args=[cast.school_a.pk])
    client.get(url)
    # Eleven to show the page, one to record the view in the audit log.
    with django_assert_num_queries(12):
        client.get(url)
    for _ in range(4):
        factories.make_ect(cast.school_a, fte="0.60")
    with django_assert_num_queries(12):
        client.get(url)


# Kept apart: developmental and assessment records


def test_the_mentor_never_sees_assessment_records(client, cast):
    client.force_login(cast.tutor)
    client.post(_review_url(cast.induction), {**REVIEW, "action": "complete"})
    client.force_login(cast.mentor)
    for url in (
        reverse("statutory_record", args=[cast.induction.pk]),
        _review_url(cast.induction),
        reverse("record_pdf", args=[cast.induction.pk, "progress_review", 1]),
    ):
        assert client.get(url).status_code == 403
    page = client.get(reverse("induction_detail", args=[cast.induction.pk])).content.decode()
    assert reverse("statutory_record", args=[cast.induction.pk]) not in page


def test_a_mentor_who_is_also_the_tutor_is_told_which_hat_they_wear(client, cast):
    factories.give_role(cast.mentor, Role.INDUCTION_TUTOR, school=cast.school_a)
    client.force_login(cast.mentor)
    page = client.get(_review_url(cast.induction)).content.decode()
    assert "You are this ECT&#x27;s mentor too. Here you are writing as the induction tutor" in (
        page
    )
    client.post(_review_url(cast.induction), REVIEW)
    assert ProgressReview.objects.get().written_as == Role.INDUCTION_TUTOR
    coaching = client.get(reverse("coaching_timeline", args=[cast.induction.pk])).content.decode()
    assert "Here you are writing as the mentor" in coaching
    assert REVIEW["evidence"] not in coaching

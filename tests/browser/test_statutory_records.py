"""The induction tutor's statutory work in a real browser: a progress review written and
completed, a formal assessment confirmed by the tutor, the headteacher and the ECT in turn,
a conflicting edit explained; axe-core on every page, at desktop and phone width."""

from datetime import date

import pytest
from django.urls import reverse

from assessments.models import FormalAssessment, ProgressReview
from tandem import factories
from tests.browser.test_roles_in_browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def _go(page, live_server, url):
    page.goto(live_server.url + url)
    page.wait_for_load_state("networkidle")


def test_the_tutor_completes_a_progress_review(page, live_server, cast):
    sign_in(page, live_server, cast.tutor)
    page.get_by_role("link", name="Statutory reviews and assessments: what is due next").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_role("link", name="Progress review 1 for Cast ect").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    # Completing with nothing filled in is explained, field by field.
    page.get_by_role("button", name="Save and complete").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("On track to meet the Teachers' Standards by the end of induction").check()
    page.get_by_label("Summary of evidence").fill("Lesson visits and books this term.")
    page.get_by_label("Targets until the next review").fill("Hinge questions every lesson.")
    page.get_by_role("button", name="Save and complete").click()
    page.wait_for_load_state("networkidle")
    assert "completed" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page)
    assert ProgressReview.objects.get().is_complete

    page.set_viewport_size({"width": 375, "height": 800})
    _go(page, live_server, reverse("statutory_record", args=[cast.induction.pk]))
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the statutory record fits a phone's width"


def test_a_formal_assessment_is_confirmed_in_turn(browser, live_server, cast):
    induction = factories.make_ect(
        cast.school_a, full_name="Second Year", email="y2@example.test", started_on=date(2025, 9, 1)
    )
    url = reverse("formal_assessment", args=[induction.pk, 1])

    def as_person(person):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, live_server, person)
        _go(page, live_server, url)
        return page

    tutor = as_person(cast.tutor)
    assert_accessible(tutor)
    tutor.get_by_label("Making satisfactory progress towards the standards").check()
    tutor.get_by_label("Summary of evidence").fill("Two terms of planning, teaching and books.")
    tutor.get_by_label("1. High expectations that inspire and challenge pupils").fill(
        "Consistent routines."
    )
    tutor.get_by_role("button", name="Save").click()
    tutor.wait_for_load_state("networkidle")
    tutor.get_by_role("button", name="Confirm as induction tutor").click()
    tutor.wait_for_load_state("networkidle")
    assert_accessible(tutor)

    head = as_person(cast.head)
    head.get_by_role("button", name="Confirm as headteacher").click()
    head.wait_for_load_state("networkidle")
    assert_accessible(head)

    ect = as_person(induction.ect)
    assert "Consistent routines." in ect.content()
    ect.get_by_label("Your comments (optional)").fill("Thank you; I agree.")
    ect.get_by_role("button", name="Confirm I have read it").click()
    ect.wait_for_load_state("networkidle")
    assert_accessible(ect)
    assessment = FormalAssessment.objects.get()
    assert assessment.is_complete and assessment.ect_comments == "Thank you; I agree."
    assert ect.get_by_role("link", name="Download as PDF").is_visible()


def test_a_conflicting_edit_is_explained_accessibly(browser, live_server, cast):
    second = factories.make_person("Second Tutor", email="second@example.test")
    factories.give_role(second, "tutor", school=cast.school_a)
    url = reverse("progress_review", args=[cast.induction.pk, 1])
    pages = []
    for person in (cast.tutor, second):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, live_server, person)
        _go(page, live_server, url)
        page.get_by_label(
            "On track to meet the Teachers' Standards by the end of induction"
        ).check()
        page.get_by_label("Summary of evidence").fill(f"Evidence by {person.full_name}.")
        page.get_by_label("Targets until the next review").fill("A target.")
        pages.append(page)
    for page in pages:
        page.get_by_role("button", name="Save draft").click()
        page.wait_for_load_state("networkidle")
    second_page = pages[1]
    assert "Someone else saved this while you were editing" in second_page.content()
    # What the second tutor typed is still in the form.
    assert second_page.get_by_label("Summary of evidence").input_value() == (
        "Evidence by Second Tutor."
    )
    assert_accessible(second_page)
    assert ProgressReview.objects.get().evidence == "Evidence by Cast tutor."

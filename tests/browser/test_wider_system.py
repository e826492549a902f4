"""The wider system in a real browser: a coordinator maps local training and decides an
overlap; an ECT answers a survey on a phone; the evaluator reads results and the export
page. axe-core on each page."""

import re
from datetime import date, timedelta

import pytest

from provision.models import Decision, ProvisionItem
from surveys.instrument import add_sample_questions
from surveys.models import Invitation, Response, Survey, Wave
from tandem import factories
from tests.browser.test_roles_in_browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_coordinator_maps_training_and_decides_an_overlap(page, live_server, cast):
    sign_in(page, live_server, cast.coordinator)
    page.get_by_role("link", name="Local provision: the trust's own training").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_role("link", name="Import a spreadsheet").click()
    page.get_by_label("Upload a file").set_input_files(
        files=[
            {
                "name": "provision.csv",
                "mimeType": "text/csv",
                "buffer": b"title,description,audience,year,starts,ends,hours\n"
                b"Broken,,ects,1,08/10/2026,08/10/2026,1\n",
            }
        ]
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("networkidle")
    assert "Row 2, column description" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Back to local provision").click()
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Title").fill("Behaviour twilight")
    page.get_by_label("Description").fill(
        "Teaching routines for entering, leaving and moving between activities, and "
        "rehearsing them until they run without prompting."
    )
    page.get_by_label("Early career teachers").check()
    page.get_by_label("First date").fill("2026-10-08")
    page.get_by_label("Last date").fill("2026-10-08")
    page.get_by_label("Hours per person").fill("1.5")
    page.get_by_role("button", name="Save and see suggestions").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    item = ProvisionItem.objects.get()
    best = item.matches.order_by("rank").first()
    assert best.statement.code.startswith("7.")
    code = re.escape(best.statement.code)
    page.get_by_role("button", name=re.compile(rf"^Yes\W+it covers {code}$")).click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="See the overlaps and decide what to keep").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    card = page.locator(".govuk-summary-card").first
    card.get_by_label("Integrate: the local session counts as the programme session").check()
    card.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state("networkidle")
    assert Decision.objects.get().choice == "integrate"
    assert_accessible(page)


def _survey(cast):
    survey = Survey.objects.create(
        trust=cast.trust_a,
        title="How induction is going",
        audience=["ect"],
        created_by=cast.coordinator,
    )
    add_sample_questions(survey)
    wave = Wave.objects.create(
        survey=survey,
        name="Autumn",
        opens_on=date(2026, 11, 20),
        closes_on=date(2026, 11, 20) + timedelta(days=14),
    )
    return survey, wave


def test_an_ect_answers_a_survey_on_a_phone(browser, live_server, cast):
    _, wave = _survey(cast)
    Invitation.objects.create(wave=wave, person=cast.ect, role="ect")
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    sign_in(phone, live_server, cast.ect)
    phone.goto(live_server.url + f"/survey-waves/{wave.pk}/")
    phone.wait_for_load_state("networkidle")
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.get_by_role("group", name="I have the time I was promised").get_by_label(
        "Agree", exact=True
    ).check()
    phone.get_by_label("What one change would make induction more useful for you?").fill(
        "A fixed slot each week"
    )
    phone.get_by_role("button", name="Send my answers").click()
    phone.wait_for_load_state("networkidle")
    assert "Your answers are in" in phone.content()
    assert Response.objects.get().answers["q1"] == 4
    assert_accessible(phone)
    context.close()


def test_the_evaluator_reads_results_and_the_export_page(page, live_server, cast):
    survey, wave = _survey(cast)
    for n in range(5):
        ect = factories.make_ect(cast.school_a).ect
        invitation = Invitation.objects.create(wave=wave, person=ect, role="ect")
        Response.objects.create(invitation=invitation, answers={"q1": 3 + n % 2, "q16": "More"})
        invitation.answered_at = invitation.sent_at
        invitation.save()
    sign_in(page, live_server, cast.evaluator)
    page.goto(live_server.url + f"/surveys/{survey.pk}/results/")
    page.wait_for_load_state("networkidle")
    assert "Mean 3.4 from 5 answers" in page.content()
    assert_accessible(page)
    page.goto(live_server.url + f"/trusts/{cast.trust_a.pk}/evaluation/export/")
    page.wait_for_load_state("networkidle")
    assert "Data dictionary" in page.content()
    assert_accessible(page)
    page.goto(live_server.url + f"/surveys/{survey.pk}/")
    page.wait_for_load_state("networkidle")
    assert_accessible(page)

"""What a reviewer and an officer read on the selection pages: a confirmation after each
step, a submitted review said to be sent (not saved), numbers grouped, question labels
isolated for the other direction, and the home's count leading to those applications."""

from __future__ import annotations

import re

import pytest

from technopark.house.testing import UserFactory, make_role
from technopark.programs.models import Answer, Question, ReviewAssignment
from technopark.programs.tests.fixtures import make_application

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_reviewer_is_told_each_step_and_a_submitted_review_is_sent_not_saved(cast):
    application = make_application(cast)
    karim = make_role(UserFactory(email="karim@example.ma", full_name="Karim B"), "expert")
    ReviewAssignment.objects.create(application=application, reviewer=karim)
    client = cast.client(None)
    client.force_login(karim)
    declared = client.post(
        f"/programs/applications/{application.pk}/conflict/", {"has_conflict": "no"}, follow=True
    )
    assert any("no conflict of interest is recorded" in m for m in _messages(declared))

    review = f"/programs/applications/{application.pk}/review/"
    scores = {f"c_{c.pk}": "4" for c in application.call.criteria.all()}
    draft = client.post(review, {**scores, "action": "save"}, follow=True)
    assert _messages(draft) == ["Your review is saved as a draft."]
    sent = client.post(review, {**scores, "action": "submit"}, follow=True)
    assert _messages(sent) == ["Your review is submitted: the programme officer can read it."]


def test_numbers_are_grouped_and_question_labels_isolated(cast):
    application = make_application(cast)
    question = Question.objects.create(
        call=application.call, label="Chiffre d'affaires 2025 ?", kind="number", position=3
    )
    Answer.objects.create(application=application, question=question, value="400000")
    page = cast.client("expert").get(f"/programs/applications/{application.pk}/review/")
    body = page.content.decode()
    assert "400\u202f000" in body and "400000" not in body
    assert '<dt class="col-sm-4" dir="auto">Chiffre d&#x27;affaires 2025 ?</dt>' in body
    assert question.shown("1234,5") == "1\u202f234,5"
    assert question.shown("about 3 million") == "about 3 million"


def test_the_assign_select_names_what_to_choose(cast):
    application = make_application(cast)
    body = cast.client("officer").get(f"/programs/applications/{application.pk}/").content.decode()
    select = re.search(r'<select name="reviewer".*?</select>', body, re.S)[0]
    assert "Choose a reviewer" in select and "---------" not in select


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_decided_application_offers_its_letter_to_the_applicant_and_the_staff(cast, language):
    from technopark.programs import services

    application = make_application(cast)
    services.application_decide(
        application=application,
        decision="declined",
        reasons="Hors cible",
        override_reason="Décision du comité",
        by=cast.officer,
    )
    letter = f"/programs/applications/{application.pk}/letter/"
    applicant = cast.client(None)
    applicant.force_login(application.applicant)
    for client in (applicant, cast.client("officer")):
        page = client.get(
            f"/programs/applications/{application.pk}/", HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        assert "data-letter" in page and f'href="{letter}' in page
    assert applicant.get(letter).status_code == 200
    # The reviewer reads the decided application, not its letter.
    expert_page = cast.client("expert").get(f"/programs/applications/{application.pk}/")
    assert "data-letter" not in expert_page.content.decode()


def test_a_reviewers_list_offers_no_view_to_save_the_officers_list_to_decide_does(cast):
    make_application(cast)
    assert (
        "Save this view"
        not in cast.client("expert").get("/programs/applications/").content.decode()
    )
    officer = cast.client("officer").get("/programs/applications/?to=decide").content.decode()
    assert "Save this view" in officer and "AgriSense" in officer

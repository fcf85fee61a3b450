"""What a person meets in programs (issue 23, item 8): answers, the reviewer's list."""

from __future__ import annotations

import pytest

from technopark.programs import services
from technopark.programs.models import Answer, Application, Question
from technopark.programs.tests.fixtures import make_application


@pytest.mark.parametrize(
    "language, yes, no", [("en", "Yes", "No"), ("fr", "Oui", "Non"), ("ar", "نعم", "لا")]
)
def test_yes_no_answers_read_in_the_readers_language(cast, language, yes, no):
    """A yes/no answer was printed as stored, "yes": the officer, the reviewer and the
    applicant read Oui / نعم."""
    application = make_application(cast)
    call = application.call
    q1 = Question.objects.create(call=call, label="Déjà incubé ?", kind="yesno", position=3)
    q2 = Question.objects.create(call=call, label="Brevet déposé ?", kind="yesno", position=4)
    Answer.objects.create(application=application, question=q1, value="yes")
    Answer.objects.create(application=application, question=q2, value="no")
    pages = {
        "officer": f"/programs/applications/{application.pk}/",
        "expert": f"/programs/applications/{application.pk}/review/",
    }
    for who, url in pages.items():
        html = cast.client(who).get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'Déjà incubé ?</dt><dd class="col-sm-8" dir="auto">{yes}</dd>' in html, who
        assert f'Brevet déposé ?</dt><dd class="col-sm-8" dir="auto">{no}</dd>' in html, who
        assert ">yes<" not in html


def test_a_decided_application_leaves_the_reviewers_to_do_list(cast):
    """A decided application stayed under "to review" with a "Score" button whose score was
    then refused: it moves to a read-only "decided" list, and the home counts only what is
    left to score."""
    application = make_application(cast)
    expert = cast.client("expert")
    page = expert.get("/programs/applications/").content.decode()
    assert f"/programs/applications/{application.pk}/review/" in page
    services.application_decide(
        application=application,
        decision="declined",
        override_reason="Hors du périmètre du programme",
        by=cast.officer,
    )
    page = expert.get("/programs/applications/").content.decode()
    to_do, _, decided = page.partition("Decided applications")
    assert decided, "no decided section"
    assert "AgriSense" not in to_do
    assert "AgriSense" in decided and "Declined" in decided
    assert f"/programs/applications/{application.pk}/review/" not in page
    detail = expert.get(f"/programs/applications/{application.pk}/").content.decode()
    assert "Score it" not in detail
    review = expert.get(f"/programs/applications/{application.pk}/review/")
    assert review.status_code == 302
    assert Application.objects.get(pk=application.pk).status == "declined"


def test_a_refused_decision_keeps_what_the_officer_wrote(cast):
    """Deciding with a review missing is refused: the page named the missing reviewer but
    the reasons and next steps the officer had typed were gone; they stay in the form."""
    application = make_application(cast)
    r = cast.client("officer").post(
        f"/programs/applications/{application.pk}/manage/",
        {
            "action": "decide",
            "decision": "declined",
            "reasons": "Marché encore trop étroit",
            "next_steps": "Revenez au prochain appel",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert cast.expert.get_full_name() in html
    assert "Marché encore trop étroit</textarea>" in html
    assert "Revenez au prochain appel</textarea>" in html
    assert '<option value="declined" selected>' in html
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_the_staff_page_offers_only_what_the_application_can_still_take(cast):
    """The decision, interview and reviewer forms stayed on an application waiting for the
    applicant's answers or already decided, each then refused: they are offered only when
    the service would accept them, and a waiting application says why it cannot be decided."""
    application = make_application(cast)
    officer = cast.client("officer")
    url = f"/programs/applications/{application.pk}/"
    page = officer.get(url).content.decode()
    assert 'value="decide"' in page and 'value="assign"' in page and 'value="interview"' in page
    # Each question to ask again is its own box (the widget's wrapper took the input's class
    # and shrank to a 16 px column, the labels spilling over the next cards).
    assert '<fieldset id="id_questions">' in page
    assert '<div class="form-check"><input type="checkbox" name="questions"' in page
    assert 'class="form-check-input" id="id_questions"' not in page

    services.info_request(
        application=application,
        message="Précisez votre marché.",
        questions=list(application.call.questions.all()[:1]),
        documents=[],
        by=cast.officer,
    )
    page = officer.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'value="decide"' not in page and 'value="interview"' not in page
    assert 'value="assign"' in page  # reviewers may go on scoring meanwhile
    assert "data-decision-waits" in page

    application.refresh_from_db()
    application.status = Application.Status.SUBMITTED
    application.save(update_fields=["status"])
    services.application_decide(
        application=application,
        decision="declined",
        override_reason="Hors du périmètre du programme",
        by=cast.officer,
    )
    page = officer.get(url).content.decode()
    for action in ("decide", "assign", "interview"):
        assert f'value="{action}"' not in page, action


def test_a_reviewer_who_declared_a_conflict_reads_so_in_their_list(cast):
    """An application the reviewer stepped back from (a conflict) sat under "Decided
    applications" with its stage, "Interview", as if decided: it says the conflict."""
    from technopark.programs.tests.test_review import _second_reviewer

    application = make_application(cast)
    karim = _second_reviewer(cast, application)
    services.conflict_declare(
        application=application, person=karim, has_conflict=True, note="Cousin", by=karim
    )
    client = cast.client(None)
    client.force_login(karim)
    page = client.get("/programs/applications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    _, _, stepped_back = page.partition("Decided applications")
    assert "AgriSense" in stepped_back
    assert "You declared a conflict of interest" in stepped_back
    assert "Submitted</span>" not in stepped_back

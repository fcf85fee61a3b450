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
        assert f'Déjà incubé ?</dt><dd class="col-sm-8">{yes}</dd>' in html, who
        assert f'Brevet déposé ?</dt><dd class="col-sm-8">{no}</dd>' in html, who
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

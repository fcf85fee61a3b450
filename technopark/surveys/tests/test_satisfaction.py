"""Satisfaction: one rate across everything, its breakdowns, comments with anonymity kept."""

from __future__ import annotations

import datetime as dt

import pytest

from technopark.core.errors import Conflict, DomainError
from technopark.surveys.models import SatisfactionAnswer
from technopark.surveys.services import satisfaction_record

TODAY = dt.date.today()


@pytest.fixture
def answers(cast):
    rows = [
        (cast.own, 5, "service", "Coaching marketing", "Excellent coach", False),
        (cast.own, 2, "desk", "Guichet CNSS", "Trop d'attente", True),
        (cast.other, 4, "event", "Demo day", "", False),
        (cast.other, 3, "expert", "Session juridique", "Moyen", False),
    ]
    for i, (startup, score, channel, subject, comment, anonymous) in enumerate(rows):
        SatisfactionAnswer.objects.create(
            startup=startup,
            answered_on=TODAY - dt.timedelta(days=i),
            score=score,
            channel=channel,
            subject=subject,
            comment=comment,
            anonymous=anonymous,
            respondent=None if anonymous else cast.owner,
        )


def test_the_results_page_gives_one_rate_and_breakdowns(cast, answers):
    page = cast.client("admin").get("/surveys/satisfaction/").content.decode()
    assert "50 %" in page  # 2 of 4 answers are 4 or 5
    assert "Guichet CNSS" in page and "Site A" in page and "Site B" in page
    assert "Trop d&#x27;attente" in page


def test_anonymous_comments_hide_the_respondent(cast, answers):
    page = cast.client("admin").get("/surveys/satisfaction/").content.decode()
    anonymous_line = next(line for line in page.splitlines() if "Trop d&#x27;attente" in line)
    assert "Own Startup" not in anonymous_line
    named_line = next(line for line in page.splitlines() if "Excellent coach" in line)
    assert "Own Startup" in named_line


def test_site_staff_read_only_their_startups(cast, answers):
    page = cast.client("other_site_staff").get("/surveys/satisfaction/").content.decode()
    assert "Moyen" in page and "Excellent coach" not in page


def test_the_export_lists_the_answers(cast, answers):
    import io

    from openpyxl import load_workbook

    response = cast.client("admin").get("/surveys/satisfaction/comments.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5
    assert any(r[4] == "(anonymous)" or (r[4] and "anonym" in r[4].lower()) for r in rows[1:])


def test_the_service_refuses_bad_scores_and_duplicates(cast):
    with pytest.raises(DomainError):
        satisfaction_record(startup=cast.own, score=6)
    satisfaction_record(startup=cast.own, score=4, channel="event", subject="Salon")
    with pytest.raises(Conflict):
        satisfaction_record(startup=cast.own, score=5, channel="event", subject="Salon")

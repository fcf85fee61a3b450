"""The demo shows expert sessions at each answer and the founder's hours for the period."""

from __future__ import annotations

from django.test import Client

from technopark.accounts.models import User
from technopark.support.models import ExpertSession


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    client.cookies["technopark_language"] = "en"
    return client


def test_the_demo_founder_and_expert_see_sessions_at_each_answer(demo_network, db):
    sessions = ExpertSession.objects.filter(
        request__title="Stratégie de prix pour notre offre SaaS"
    )
    assert set(sessions.values_list("status", flat=True)) == {"proposed", "accepted", "declined"}
    item = sessions.first().request
    page = _client("founder@demo.technopark.ma").get(f"/support/requests/{item.pk}/")
    text = page.content.decode()
    assert "Expert hours for the period" in text and "of 24 hours used" in text
    assert "Indisponible ce jour-là" in text  # the decline's reason
    expert = _client("expert@demo.technopark.ma")
    assert "/support/experts/me/#awaiting" in expert.get("/").content.decode()
    mine = expert.get("/support/experts/me/").content.decode()
    awaiting = sessions.get(status="proposed")
    assert f"/support/sessions/{awaiting.pk}/answer/" in mine

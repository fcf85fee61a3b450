"""A founder asks for a service, books an expert and rates it; staff answer from their queue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from technopark.core.errors import Conflict, DomainError
from technopark.startups.models import Funding, Grouping
from technopark.support import services
from technopark.support.matching import match_experts
from technopark.support.models import Expert, ExpertSession, Participation, ServiceRequest
from technopark.support.tests.fixtures import make_expert, make_opportunity
from technopark.surveys.models import SatisfactionAnswer

pytestmark = pytest.mark.django_db


def _future(days=2, hour=10):
    day = timezone.localtime() + dt.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_founder_requests_an_expert_books_and_rates_through_http(cast):
    make_expert(cast)
    services.expert_upsert(
        email="legal@example.ma",
        full_name="Leila Bennis",
        skills="droit des sociétés, propriété intellectuelle",
        sectors="Santé",
        by=cast.admin,
    )
    owner = cast.client("owner")
    r = owner.post(
        "/support/requests/new/",
        {
            "family": "network",
            "title": "Levée de fonds seed",
            "text": "Nous préparons notre levée de fonds et le pricing SaaS",
        },
    )
    item = ServiceRequest.objects.get()
    assert r["Location"] == f"/support/requests/{item.pk}/"
    assert item.site == cast.site and item.status == "new"
    page = owner.get(f"/support/requests/{item.pk}/").content.decode()
    # The finance expert is proposed with the reasons; the lawyer is not.
    assert "levée de fonds" in page and "named in the request" in page
    assert "Leila Bennis" not in page
    expert = Expert.objects.get(user=cast.expert)
    r = owner.post(
        f"/support/requests/{item.pk}/",
        {
            "action": "book",
            "expert": expert.pk,
            "starts_at": _future().strftime("%Y-%m-%dT%H:%M"),
            "hours": "2",
        },
    )
    session = ExpertSession.objects.get()
    item.refresh_from_db()
    assert item.status == "in_progress" and item.first_answered_at is not None
    assert session.status == "proposed" and session.enrollment.startup == cast.own
    # The expert sees the request, accepts, and records the session once held.
    assert cast.client("expert").get(f"/support/requests/{item.pk}/").status_code == 200
    r = cast.client("expert").post(f"/support/sessions/{session.pk}/answer/", {"answer": "accept"})
    assert r.status_code == 302
    ExpertSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3)
    )
    cast.client("expert").post(
        f"/support/requests/{item.pk}/",
        {
            "action": "session-notes",
            "session": session.pk,
            "notes": "Plan de levée revu",
            "held": "on",
        },
    )
    session.refresh_from_db()
    assert session.status == "held" and session.notes == "Plan de levée revu"
    owner.post(
        f"/support/requests/{item.pk}/",
        {"action": "session-rate", "session": session.pk, "score": "5"},
    )
    answer = SatisfactionAnswer.objects.get(channel="expert")
    assert answer.startup == cast.own and answer.score == 5
    # Staff close it from the queue; the founder rates the service.
    officer = cast.client("officer")
    assert "Levée de fonds seed" in officer.get("/support/queue/").content.decode()
    officer.post(f"/support/requests/{item.pk}/", {"action": "close", "outcome": "done"})
    owner.post(f"/support/requests/{item.pk}/", {"action": "rate", "score": "4"})
    item.refresh_from_db()
    assert item.status == "closed" and item.satisfaction == 4
    assert SatisfactionAnswer.objects.get(channel="service").score == 4
    # Another startup's member does not see it.
    assert cast.client("other_member").get(f"/support/requests/{item.pk}/").status_code == 404


def test_financing_obtained_becomes_a_funding(cast):
    item = services.request_create(
        startup=cast.own,
        family="financing",
        title="Innov Start",
        text="Dossier Innov Start",
        instrument="innov_start",
        amount_requested=Decimal("200000"),
        by=cast.owner,
    )
    with pytest.raises(DomainError):
        services.request_close(request=item, outcome="obtained", by=cast.officer)
    services.request_close(
        request=item,
        outcome="obtained",
        amount=Decimal("180000"),
        obtained_on=dt.date(2026, 3, 1),
        by=cast.officer,
    )
    funding = Funding.objects.get()
    assert (funding.startup, funding.amount_mad, funding.kind, funding.source) == (
        cast.own,
        Decimal("180000"),
        "grant",
        "Innov Start",
    )
    with pytest.raises(DomainError):
        services.request_close(request=item, outcome="done", by=cast.officer)


def test_financing_request_needs_an_instrument(cast):
    with pytest.raises(DomainError):
        services.request_create(
            startup=cast.own, family="financing", title="x", text="y", by=cast.owner
        )


def test_matching_is_ranked_and_explained(cast):
    make_expert(cast)
    services.expert_upsert(
        email="agri@example.ma",
        full_name="Hassan Filali",
        skills="irrigation, agronomie",
        sectors="Agritech",
        by=cast.admin,
    )
    matches = match_experts(
        text="Nous cherchons un appui en irrigation goutte-à-goutte", sector="Agritech"
    )
    assert [m.expert.user.full_name for m in matches][0] == "Hassan Filali"
    assert any("irrigation" in reason for reason in matches[0].reasons)
    assert any("sector" in reason for reason in matches[0].reasons)


def test_an_expert_is_not_booked_twice_nor_beyond_budget(cast):
    expert = make_expert(cast)
    item = services.request_create(
        startup=cast.own, family="network", title="a", text="b", by=cast.owner
    )
    services.session_book(
        request=item, expert=expert, starts_at=_future(), hours=Decimal("2"), by=cast.owner
    )
    with pytest.raises(Conflict):
        services.session_book(
            request=item,
            expert=expert,
            starts_at=_future() + dt.timedelta(hours=1),
            hours=Decimal("1"),
            by=cast.owner,
        )
    with pytest.raises(DomainError):
        services.session_book(
            request=item, expert=expert, starts_at=_future(5), hours=Decimal("9"), by=cast.owner
        )
    with pytest.raises(DomainError):
        services.session_rate(session=ExpertSession.objects.get(), score=5, by=cast.owner)


def test_sla_flags_late_first_answer(cast):
    item = services.request_create(
        startup=cast.own, family="market", title="a", text="b", by=cast.owner
    )
    ServiceRequest.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=72)
    )
    item.refresh_from_db()
    sla = services.sla_of(item, services.sla_targets())
    assert sla.first_answer_late and not sla.close_late


def test_opportunity_apply_select_and_result(cast):
    opportunity = make_opportunity(cast)
    opportunity.places = 1
    opportunity.save()
    owner = cast.client("owner")
    owner.post(
        f"/support/opportunities/{opportunity.pk}/",
        {"action": "apply", "motivation": "Rencontrer des clients africains"},
    )
    mine = Participation.objects.get(startup=cast.own)
    other = services.participation_apply(
        opportunity=opportunity, startup=cast.other, motivation="x", by=cast.other_member
    )
    # The founder cannot select; the admin can, within the places.
    assert (
        owner.post(
            f"/support/opportunities/{opportunity.pk}/", {"action": "select", "id": mine.pk}
        ).status_code
        == 403
    )
    cast.client("admin").post(
        f"/support/opportunities/{opportunity.pk}/", {"action": "select", "id": mine.pk}
    )
    mine.refresh_from_db()
    assert mine.status == "selected"
    with pytest.raises(Conflict):
        services.participation_select(participation=other, selected=True, by=cast.admin)
    services.participation_result(
        participation=mine,
        data={
            "attended": True,
            "contacts": 14,
            "contracts": 2,
            "contracts_mad": Decimal("350000"),
            "export_countries": "SN, CI",
        },
        by=cast.admin,
    )
    mine.refresh_from_db()
    assert mine.contracts == 2
    with pytest.raises(DomainError):
        services.participation_apply(
            opportunity=opportunity, startup=cast.own, motivation="x", by=cast.owner
        )


def test_founders_form_a_gie_for_a_tender(cast):
    tender = services.opportunity_publish(
        data={
            "kind": "tender",
            "title": "Plateforme e-gov",
            "deadline": timezone.localdate() + dt.timedelta(days=20),
        },
        by=cast.admin,
    )
    cast.other.public = True  # a partner found in the directory
    cast.other.save()
    owner = cast.client("owner")
    r = owner.post(
        "/support/groupings/new/",
        {
            "kind": "gie",
            "name": "GIE e-Gov Maroc",
            "members": [cast.own.pk, cast.other.pk],
            "lead": cast.own.pk,
            "formed_on": timezone.localdate().isoformat(),
            "opportunity": tender.pk,
        },
    )
    grouping = Grouping.objects.get()
    assert r.status_code == 302 and grouping.kind == "gie"
    assert grouping.memberships.get(is_lead=True).startup == cast.own
    assert grouping.consortium.opportunity == tender
    # A founder cannot record a merger; nor group startups without their own.
    r = owner.post(
        "/support/groupings/new/",
        {
            "kind": "merger",
            "name": "F",
            "members": [cast.own.pk, cast.other.pk],
            "lead": cast.own.pk,
            "formed_on": timezone.localdate().isoformat(),
        },
    )
    assert Grouping.objects.count() == 1
    with pytest.raises(DomainError):
        services.grouping_form(
            kind="gie",
            name="x",
            startups=[cast.own],
            lead=cast.own,
            formed_on=timezone.localdate(),
            by=cast.admin,
        )


def test_the_expert_keeps_their_profile_and_the_matching_follows(cast):
    make_expert(cast)
    expert = cast.client("expert")
    r = expert.post(
        "/support/experts/me/",
        {
            "skills": "cybersécurité, audit",
            "sectors": "Banque",
            "languages": "fr, en",
            "headline": "",
            "availability": "Lundi",
        },
    )
    assert r.status_code == 302
    assert (
        match_experts(text="audit de cybersécurité", sector="Banque")[0].expert.user == cast.expert
    )
    r = expert.post("/support/experts/me/", {"skills": " ", "languages": "fr"})
    assert Expert.objects.get(user=cast.expert).skills == "cybersécurité, audit"

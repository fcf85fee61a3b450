"""A committee session as its members live it: conflicts declared before voting, one vote
each, the quorum, the chair's decisions through programs, the minutes frozen once approved
and printed in French and Arabic; and who sees what."""

from __future__ import annotations

import inspect
import io

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import pgettext
from pypdf import PdfReader

from technopark.committee import services
from technopark.committee.minutes import minutes_html
from technopark.committee.models import Declaration, Session, Vote
from technopark.committee.tests.fixtures import (
    item_of,
    make_session,
    reviews_done,
    sitting_expert,
)
from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.programs.models import Application
from technopark.programs.services.selection import application_decide

pytestmark = pytest.mark.django_db


def _everyone_declares_none(session, item):
    for member in session.members.select_related("user"):
        services.declare(item=item, conflict=False, by=member.user)


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# --- Votes ---------------------------------------------------------------------------------


def test_a_member_votes_once_the_database_refuses_a_second(cast):
    session = make_session(cast, held=True)
    item = item_of(session, "Dar Pay")
    services.declare(item=item, conflict=False, by=cast.site_manager)
    services.vote_cast(item=item, choice="for", by=cast.site_manager)

    with pytest.raises(DomainError) as refused:
        services.vote_cast(item=item, choice="against", by=cast.site_manager)
    assert refused.value.code == "already_voted"
    assert list(item.votes.values_list("choice", flat=True)) == ["for"]

    member = session.members.get(user=cast.site_manager)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(item=item, member=member, choice="abstain")
    assert services.tally(item) == {"for": 1, "against": 0, "abstain": 0}
    assert Action.objects.filter(name="committee.vote_recorded").count() == 1


def test_no_vote_before_the_declaration_nor_from_an_absent_member(cast):
    session = make_session(cast)
    item = item_of(session, "Dar Pay")
    with pytest.raises(DomainError) as not_held:
        services.declare(item=item, conflict=False, by=cast.officer)
    assert not_held.value.code == "not_held"

    services.session_hold(session=session, present=[cast.officer.pk], by=cast.officer)
    with pytest.raises(DomainError) as undeclared:
        services.vote_cast(item=item, choice="for", by=cast.officer)
    assert undeclared.value.code == "undeclared"

    services.declare(item=item, conflict=False, by=cast.site_manager)
    with pytest.raises(DomainError) as absent:
        services.vote_cast(item=item, choice="for", by=cast.site_manager)
    assert absent.value.code == "absent"
    with pytest.raises(DomainError) as outsider:
        services.declare(item=item, conflict=False, by=cast.expert)
    assert outsider.value.code == "not_member"
    assert not item.votes.exists()
    assert Action.objects.filter(name="committee.session_held", object_id=str(session.pk)).exists()


# --- Conflicts -----------------------------------------------------------------------------


def test_a_conflicted_member_cannot_vote_and_does_not_see_the_votes(cast):
    session = make_session(cast, held=True)
    item = item_of(session, "Dar Pay")
    juror = sitting_expert(cast)
    services.declare(item=item, conflict=False, by=cast.site_manager)
    services.vote_cast(item=item, choice="against", by=cast.site_manager)

    with pytest.raises(DomainError):
        services.declare(item=item, conflict=True, note="", by=juror)  # the nature is asked
    services.declare(item=item, conflict=True, note="Associé du porteur en 2024", by=juror)
    with pytest.raises(DomainError) as refused:
        services.vote_cast(item=item, choice="for", by=juror)
    assert refused.value.code == "conflict"
    assert services.tally(item)["for"] == 0

    seen = _client(juror).get(f"/committee/{session.pk}/")
    assert seen.status_code == 200
    row = next(r for r in seen.context["rows"] if r["item"].pk == item.pk)
    assert row["votes_hidden"] and row["votes"] == [] and row["tally"] is None
    # The manager's vote on the other application... there is none; on this one, hidden.
    assert cast.site_manager.get_full_name() not in seen.content.decode().split("item-")[-1]

    officer_view = _client(cast.officer).get(f"/committee/{session.pk}/")
    row = next(r for r in officer_view.context["rows"] if r["item"].pk == item.pk)
    assert row["tally"] == {"for": 0, "against": 1, "abstain": 0}
    assert [d.member.user for d in row["conflicts"]] == [juror]


def test_a_declaration_no_longer_changes_once_the_member_voted(cast):
    session = make_session(cast, held=True)
    item = item_of(session, "Dar Pay")
    services.declare(item=item, conflict=False, by=cast.officer)
    services.vote_cast(item=item, choice="for", by=cast.officer)
    with pytest.raises(DomainError) as refused:
        services.declare(item=item, conflict=True, note="Cousin", by=cast.officer)
    assert refused.value.code == "voted"
    assert not Declaration.objects.filter(item=item, conflict=True).exists()


# --- Decisions -----------------------------------------------------------------------------


def test_no_decision_without_quorum_of_present_members_without_a_conflict(cast):
    session = make_session(cast, quorum=3, held=True)
    item = item_of(session, "Dar Pay")
    services.declare(item=item, conflict=False, by=cast.officer)
    services.declare(item=item, conflict=False, by=cast.site_manager)
    services.declare(item=item, conflict=True, note="Mentor du projet", by=sitting_expert(cast))

    with pytest.raises(DomainError) as refused:
        services.item_decide(
            item=item, decision="admitted", reasons="Équipe solide.", by=cast.officer
        )
    assert refused.value.code == "quorum"
    assert "2" in refused.value.message and "3" in refused.value.message
    item.refresh_from_db()
    assert item.decision == ""
    assert Application.objects.get(pk=item.application_id).status == "submitted"

    # Through the page: the chair reads why, nothing is recorded.
    response = _client(cast.officer).post(
        f"/committee/items/{item.pk}/decide/",
        {f"i{item.pk}-decision": "declined", f"i{item.pk}-reasons": "Marché étroit."},
        follow=True,
    )
    assert refused.value.message in [str(m) for m in response.context["messages"]]
    assert Application.objects.get(pk=item.application_id).status == "submitted"
    # ... and finds what they typed still in the form, the decision still chosen.
    page = response.content.decode()
    assert "Marché étroit.</textarea>" in page
    assert '<option value="declined" selected>' in page
    # The count the quorum reads says whom it counts: those present who declared.
    assert "present and declared no conflict: 2 (quorum 3)" in page


def test_the_agenda_number_is_isolated_from_the_name(cast):
    session = make_session(cast, held=True)
    page = _client(cast.officer).get(f"/committee/{session.pk}/").content.decode()
    assert '<h3 class="h6 mb-1"><bdi dir="ltr">1.</bdi> <bdi' in page


def test_only_the_chair_decides_and_missing_reviews_need_an_override_reason(cast):
    session = make_session(cast, held=True)
    item = item_of(session, "AgriSense")  # the cast's expert has not scored it
    _everyone_declares_none(session, item)
    with pytest.raises(DomainError) as not_chair:
        services.item_decide(
            item=item, decision="declined", reasons="Trop tôt.", by=cast.site_manager
        )
    assert not_chair.value.code == "not_chair"
    with pytest.raises(DomainError) as missing:
        services.item_decide(item=item, decision="waitlisted", reasons="À revoir.", by=cast.officer)
    assert missing.value.code == "reviews_missing"

    services.item_decide(
        item=item,
        decision="waitlisted",
        reasons="Projet prometteur, traction à démontrer.",
        override_reason="L'expert est indisponible ; le comité a auditionné le porteur.",
        by=cast.officer,
    )
    application = Application.objects.get(pk=item.application_id)
    assert application.status == "waitlisted"
    if "reasons" not in inspect.signature(application_decide).parameters:
        # Today's programs service: the reasons and the override are the decision's note.
        assert "traction à démontrer" in application.decision_note
        assert "auditionné le porteur" in application.decision_note
    item.refresh_from_db()
    assert item.decision == "waitlisted" and item.decided_by == cast.officer
    assert item.override_reason.startswith("L'expert est indisponible")
    assert Action.objects.filter(name="application.decided", object_id=str(application.pk))


# --- Minutes -------------------------------------------------------------------------------


def _decide_everything(cast, session):
    for item in session.items.all():
        _everyone_declares_none(session, item)
        for member in session.members.select_related("user"):
            services.vote_cast(item=item, choice="for", by=member.user)
        reviews_done(item.application)
        services.item_decide(item=item, decision="declined", reasons="Hors cible.", by=cast.officer)


def test_approved_minutes_are_frozen(cast):
    session = make_session(cast, held=True)
    with pytest.raises(DomainError) as undecided:
        services.minutes_approve(session=session, by=cast.officer)
    assert undecided.value.code == "undecided"
    _decide_everything(cast, session)
    with pytest.raises(DomainError):
        services.minutes_approve(session=session, by=cast.site_manager)

    services.minutes_approve(session=session, by=cast.officer)
    session.refresh_from_db()
    assert session.minutes == Session.Minutes.APPROVED
    assert session.minutes_approved_at is not None and session.minutes_approved_by == cast.officer
    assert Action.objects.filter(name="committee.minutes_approved", object_id=str(session.pk))

    item = session.items.first()
    attempts = [
        lambda: services.minutes_approve(session=session, by=cast.officer),
        lambda: services.session_hold(session=session, present=[cast.officer.pk], by=cast.officer),
        lambda: services.declare(item=item, conflict=True, note="x", by=cast.officer),
        lambda: services.vote_cast(item=item, choice="against", by=cast.officer),
        lambda: services.session_save(
            session=session,
            call=session.call,
            starts_at=session.starts_at,
            place="Ailleurs",
            quorum=1,
            chair=cast.officer,
            members=[cast.officer],
            applications=[],
            by=cast.officer,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as frozen:
            attempt()
        assert frozen.value.code == "frozen"
    session.refresh_from_db()
    assert session.place == "Technopark Casablanca, salle du conseil"
    assert all(m.present for m in session.members.all())
    assert Vote.objects.filter(item__session=session).count() == 6


def _pdf_text(client, session, lang: str) -> str:
    response = client.get(f"/committee/{session.pk}/minutes.pdf?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_minutes_print_in_french_and_arabic_with_the_tally(cast, lang):
    session = make_session(cast, held=True)
    call = session.call
    call.title_ar = "الاحتضان 2026 — الموقع أ"
    call.save(update_fields=["title_ar"])
    dar_pay = item_of(session, "Dar Pay")
    services.declare(item=dar_pay, conflict=True, note="Associé", by=sitting_expert(cast))
    services.declare(item=dar_pay, conflict=False, by=cast.officer)
    services.declare(item=dar_pay, conflict=False, by=cast.site_manager)
    services.vote_cast(item=dar_pay, choice="for", by=cast.officer)
    services.vote_cast(item=dar_pay, choice="abstain", by=cast.site_manager)
    services.item_decide(item=dar_pay, decision="declined", reasons="Hors cible.", by=cast.officer)

    text = _pdf_text(_client(cast.officer), session, lang)
    with translation.override(lang):
        for_label, abstain_label = pgettext("vote", "For"), pgettext("vote", "Abstain")
    for label in (for_label, abstain_label):  # right to left, the count reads first
        assert f"{label} : 1" in text or f"1 : {label}" in text
    assert "Dar Pay" in text and "AgriSense" in text
    assert "Leila Berrada" in text and "Associé" in text  # the conflict, named
    assert "Hors cible" in text
    if lang == "ar":
        assert "الاحتضان" in text and "الموقع أ" in text  # the call's Arabic title
        assert 'dir="rtl"' in minutes_html(session, "ar")
        assert '<bdi dir="ltr">Dar Pay</bdi>' in minutes_html(session, "ar")
    else:
        assert "الاحتضان" not in text


# --- Who sees what -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "expert", "other_site_staff"])
def test_a_founder_an_outside_expert_another_site_see_nothing(cast, who):
    session = make_session(cast, held=True)
    client = cast.client(who)
    listing = client.get("/committee/")
    assert listing.status_code == 200
    assert session.call.title not in listing.content.decode()
    assert client.get(f"/committee/{session.pk}/").status_code == 404
    assert client.get(f"/committee/{session.pk}/minutes.pdf").status_code == 404


def test_a_member_sees_the_sessions_they_sit_on_and_votes_from_the_page(cast):
    session = make_session(cast, held=True)
    juror = sitting_expert(cast)
    client = _client(juror)
    listing = client.get("/committee/")
    assert session.call.title in listing.content.decode()
    assert client.get(f"/committee/{session.pk}/edit/").status_code == 403
    # The draft minutes are the chair's and the call's staff's; a member reads them approved.
    assert client.get(f"/committee/{session.pk}/minutes.pdf").status_code == 403

    item = item_of(session, "Dar Pay")
    client.post(f"/committee/items/{item.pk}/declare/", {"conflict": "no"})
    response = client.post(f"/committee/items/{item.pk}/vote/", {"choice": "for"}, follow=True)
    assert response.status_code == 200
    assert item.votes.get().member.user == juror
    assert (
        "btn-lg"
        not in response.content.decode().split(f'id="item-{item.pk}"')[1].split("</section>")[0]
    )  # voted: no vote buttons left for this application


def test_officers_plan_a_session_from_the_call(cast):
    from technopark.programs.tests.fixtures import make_application

    application = make_application(cast)
    client = _client(cast.officer)
    page = client.get(f"/committee/new/?call={application.call_id}")
    assert page.status_code == 200
    response = client.post(
        f"/committee/new/?call={application.call_id}",
        {
            "call": application.call_id,
            "starts_at": "2030-03-02T10:00",
            "place": "Salle Atlas",
            "quorum": "5",
            "chair": cast.officer.pk,
            "members": [cast.officer.pk, cast.site_manager.pk],
            "applications": [application.pk],
        },
    )
    assert response.status_code == 200  # the quorum exceeds the members: refused
    assert not Session.objects.exists()
    assert "quorum" in response.content.decode().lower()

    response = client.post(
        f"/committee/new/?call={application.call_id}",
        {
            "call": application.call_id,
            "starts_at": "2030-03-02T10:00",
            "place": "Salle Atlas",
            "quorum": "2",
            "chair": cast.officer.pk,
            "members": [cast.site_manager.pk],
            "applications": [application.pk],
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/committee/{session.pk}/"
    assert set(session.members.values_list("user__email", flat=True)) == {
        cast.officer.email,
        cast.site_manager.email,
    }  # the chair sits on it
    assert [i.application for i in session.items.all()] == [application]


def test_the_menu_leads_officers_and_experts_not_founders(cast):
    from technopark.core.navigation import menu_items

    def links(user) -> list[str]:
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = user
        return [item.url for item in menu_items(request)]

    assert "/committee/" in links(cast.officer)
    assert "/committee/" in links(cast.admin)
    assert "/committee/" in links(cast.expert)
    assert "/committee/" not in links(cast.owner)

"""The personal calendar feed: one private address per person, all their commitments.

Each kind of commitment is made through its app's services (so the invitation is really
e-mailed), then read from the person's feed: it holds the right people's entries and
nobody else's, with the UID and SEQUENCE of the invitation; a revoked or renewed address
is a 404; the feed takes as many queries for three commitments of each kind as for one.
"""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from technopark.accounts.ical import personal_items
from technopark.accounts.models import PersonalCalendar
from technopark.accounts.services import (
    personal_calendar_renew,
    personal_calendar_revoke,
    user_blank,
)
from technopark.booking import services as booking_services
from technopark.booking.models import Booking
from technopark.booking.tests.conftest import at, next_weekday
from technopark.community import services as community_services
from technopark.community.tests.factories import make_event
from technopark.core import ical
from technopark.desk import services as desk_services
from technopark.desk.tests.factories import make_desk, make_slot
from technopark.house.testing import SpaceFactory, UserFactory, make_role
from technopark.network.models import Space
from technopark.notifications.models import EmailLog
from technopark.programs import services as programs_services
from technopark.programs.models import Application
from technopark.programs.tests.fixtures import make_call
from technopark.support import services as support_services
from technopark.support.models import Expert
from technopark.support.tests.fixtures import make_expert

pytestmark = pytest.mark.django_db

REQUIRED = ("UID", "DTSTART", "DTEND", "DTSTAMP", "SUMMARY")


def _feed(client, user) -> dict[str, object]:
    """The person's feed read through its address, as a calendar application does: the
    VEVENTs by UID (each with every required property)."""
    feed = PersonalCalendar.objects.get(user=user, revoked_at__isnull=True)
    response = client.get(f"/me/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    events = list(calendar.walk("VEVENT"))
    for event in events:
        missing = [name for name in REQUIRED if name not in event]
        assert not missing, (event.get("UID"), missing)
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)), "one entry per commitment"
    return {str(e["UID"]): e for e in events}


def _invitations(user) -> dict[str, tuple[int, str]]:
    """The invite.ics e-mailed to the person: UID → (SEQUENCE, METHOD) of the latest."""
    found: dict[str, tuple[int, str]] = {}
    for log in EmailLog.objects.filter(to_address=user.email).order_by("pk"):
        for attachment in log.attachments:
            if attachment["name"] != "invite.ics":
                continue
            calendar = Calendar.from_ical(base64.b64decode(attachment["data"]))
            [event] = calendar.walk("VEVENT")
            found[str(event["UID"])] = (int(event["SEQUENCE"]), str(calendar["METHOD"]))
    return found


def _subscribe(*users) -> None:
    for user in users:
        personal_calendar_renew(user=user, by=user)


def _room(cast) -> Space:
    return SpaceFactory(
        site=cast.site,
        code="SALLE-1",
        name="Salle Atlas",
        kind=Space.Kind.MEETING_ROOM,
        seats=10,
        leasable=False,
    )


def _application(cast, k: int, team: str) -> Application:
    return Application.objects.create(
        call=make_call(cast),
        applicant=UserFactory(email=f"applicant{k}@example.ma"),
        project_name=f"AgriSense {k}",
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
        team=team,
    )


def _commitments(cast, k: int) -> dict[str, object]:
    """The `k`-th commitment of each kind, made through the services."""
    day = next_weekday(2) + dt.timedelta(days=7 * k)
    soon = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    booking = booking_services.booking_create(
        space=_room(cast) if k == 0 else Space.objects.get(code="SALLE-1"),
        starts_at=at(day, 10),
        ends_at=at(day, 11),
        title=f"Point d'équipe {k}",
        startup=cast.own,
        by=cast.owner,
    )
    desk = make_desk(cast.site)
    appointment = desk_services.appointment_book(
        slot=make_slot(desk, day_offset=2 + k, hour=10),
        service=desk.services.first(),
        startup=cast.own,
        by=cast.owner,
    )
    request = support_services.request_create(
        startup=cast.own,
        family="network",
        title=f"Levée de fonds {k}",
        text="Nous préparons notre levée de fonds",
        by=cast.owner,
    )
    session = support_services.session_book(
        request=request,
        expert=make_expert(cast),
        starts_at=(soon + dt.timedelta(days=3 + k)).replace(hour=10),
        hours=Decimal("1"),
        by=cast.owner,
    )
    application = _application(
        cast,
        k,
        # The colleague is a co-founder; "brother@…" holds the other member's address
        # ("other@example.ma") inside it, and must not invite them.
        "Sara, colleague@example.ma\nSami, brother@example.ma",
    )
    application = programs_services.interview_schedule(
        application=application, at=soon + dt.timedelta(days=5 + k), by=cast.officer
    )
    event = make_event(
        cast.site, title=f"Atelier pitch {k}", days=4 + k, created_by=cast.site_manager
    )
    registration = community_services.registration_create(event=event, user=cast.owner)
    return {
        "booking": booking,
        "appointment": appointment,
        "session": session,
        "application": application,
        "event": event,
        "registration": registration,
    }


def _uids(made: dict) -> dict[str, str]:
    from technopark.programs.ical import interview_uid

    return {
        "booking": f"{made['booking'].uid}@technopark.ma",
        "appointment": ical.uid_for("desk-appointment", made["appointment"].pk),
        "session": ical.uid_for("expert-session", made["session"].pk),
        "interview": interview_uid(made["application"]),
        "registration": ical.uid_for("registration", made["registration"].pk),
        "event": ical.uid_for("event", made["event"].pk),
    }


def test_each_commitment_is_in_the_feed_of_its_people_and_nobody_elses(cast):
    made = _commitments(cast, 0)
    uids = _uids(made)
    applicant = made["application"].applicant
    other_expert = make_role(UserFactory(email="expert2@example.ma"), "expert")
    Expert.objects.create(user=other_expert)
    people = [
        cast.owner,
        cast.colleague,
        cast.other_member,
        cast.expert,
        other_expert,
        cast.desk_agent,
        applicant,
        cast.site_manager,
        cast.officer,
        cast.admin,
    ]
    _subscribe(*people)
    client = cast.client(None)
    feeds = {user.email: set(_feed(client, user)) for user in people}
    expected = {
        # the founder who booked: the room, the desk, the session, the ticket
        cast.owner.email: {"booking", "appointment", "session", "registration"},
        # the colleague: the startup's room and session, and the interview as a co-founder
        cast.colleague.email: {"booking", "session", "interview"},
        cast.expert.email: {"session"},  # reviewer of applications, not invited to interviews
        cast.desk_agent.email: {"appointment"},
        applicant.email: {"interview"},
        cast.site_manager.email: {"event"},  # the organiser
        cast.other_member.email: set(),
        other_expert.email: set(),
        cast.officer.email: set(),
        cast.admin.email: set(),
    }
    for email, kinds in expected.items():
        assert feeds[email] == {uids[kind] for kind in kinds}, email


def test_each_entry_has_the_uid_and_sequence_of_the_invitation(cast):
    made = _commitments(cast, 0)
    _subscribe(cast.owner, cast.expert, cast.colleague)
    # Changes raise the SEQUENCE: a move, the expert's answer, an interview moved.
    booking = booking_services.booking_move(
        booking=made["booking"],
        starts_at=made["booking"].starts_at + dt.timedelta(hours=2),
        ends_at=made["booking"].ends_at + dt.timedelta(hours=2),
        by=cast.owner,
    )
    support_services.session_answer(session=made["session"], accept=True, by=cast.expert)
    programs_services.interview_schedule(
        application=made["application"],
        at=made["application"].interview_at + dt.timedelta(hours=1),
        by=cast.officer,
    )
    client = cast.client(None)
    for user in (cast.owner, cast.expert, cast.colleague):
        invited = _invitations(user)
        assert invited, f"{user.email} received invitations"
        feed = _feed(client, user)
        for uid, (sequence, _method) in invited.items():
            assert uid in feed, (user.email, uid)
            if user == cast.expert:
                # The expert's answer is e-mailed to the startup, not back to the expert:
                # the feed's higher SEQUENCE updates the expert's entry.
                assert int(feed[uid]["SEQUENCE"]) > sequence, (user.email, uid)
            else:
                assert int(feed[uid]["SEQUENCE"]) == sequence, (user.email, uid)
    owner_feed = _feed(client, cast.owner)
    moved = owner_feed[f"{booking.uid}@technopark.ma"]
    assert moved.decoded("DTSTART") == booking.starts_at
    assert int(moved["SEQUENCE"]) >= 1
    session = owner_feed[_uids(made)["session"]]
    assert (str(session["STATUS"]), int(session["SEQUENCE"])) == ("CONFIRMED", 1)


def test_unsettled_commitments_are_tentative_and_cancelled_ones_stay_until_their_date(cast):
    made = _commitments(cast, 0)
    uids = _uids(made)
    _subscribe(cast.owner, cast.colleague)
    client = cast.client(None)
    feed = _feed(client, cast.owner)
    # The session awaits the expert's answer.
    assert str(feed[uids["session"]]["STATUS"]) == "TENTATIVE"
    assert "(Awaiting the expert's answer)" in str(feed[uids["session"]]["SUMMARY"])
    assert str(feed[uids["registration"]]["STATUS"]) == "CONFIRMED"
    # A full event: the colleague waits for a seat.
    full = make_event(cast.site, title="Soirée networking", capacity=1, days=6)
    community_services.registration_create(event=full, user=cast.owner)
    waiting = community_services.registration_create(event=full, user=cast.colleague)
    assert waiting.status == "waitlisted"
    entry = _feed(client, cast.colleague)[ical.uid_for("registration", waiting.pk)]
    assert str(entry["STATUS"]) == "TENTATIVE"
    assert "(On the waiting list)" in str(entry["SUMMARY"])

    # Cancelled: still there, marked cancelled, with the SEQUENCE of the CANCEL e-mailed.
    support_services.session_cancel(session=made["session"], reason="Malade", by=cast.owner)
    desk_services.appointment_cancel(appointment=made["appointment"], by=cast.owner)
    community_services.registration_cancel(registration=made["registration"], by=cast.owner)
    feed = _feed(client, cast.owner)
    invited = _invitations(cast.owner)
    for kind in ("appointment", "registration", "session"):
        assert str(feed[uids[kind]]["STATUS"]) == "CANCELLED", kind
    assert invited[uids["appointment"]] == (int(feed[uids["appointment"]]["SEQUENCE"]), "CANCEL")
    # Cancelling one's own ticket sends no e-mail: the feed's higher SEQUENCE removes it.
    assert int(feed[uids["registration"]]["SEQUENCE"]) > invited[uids["registration"]][0]
    # A cancelled interview has no date any more: it leaves the feed (the CANCEL removed it).
    programs_services.interview_cancel(application=made["application"], by=cast.officer)
    assert uids["interview"] not in _feed(client, cast.colleague)

    # Once its date has passed, a cancelled commitment leaves the feed; a held one stays.
    Booking.objects.filter(pk=made["booking"].pk).update(
        starts_at=timezone.now() - dt.timedelta(days=3, hours=1),
        ends_at=timezone.now() - dt.timedelta(days=3),
    )
    assert uids["booking"] in _feed(client, cast.owner)
    Booking.objects.filter(pk=made["booking"].pk).update(status=Booking.Status.CANCELLED)
    assert uids["booking"] not in _feed(client, cast.owner)
    later = timezone.now() + dt.timedelta(days=30)
    assert not [i for i in personal_items(cast.owner, now=later) if i.cancelled]


def test_the_window_is_two_months_back_and_eighteen_months_ahead(cast):
    made = _commitments(cast, 0)
    uids = _uids(made)
    start = made["booking"].starts_at
    for days, inside in ((-61, False), (-59, True), (540, True), (560, False)):
        now = start - dt.timedelta(days=days)
        found = {i.uid for i in personal_items(cast.owner, now=now)}
        assert (uids["booking"] in found) == inside, days


@pytest.mark.parametrize(
    ("language", "summary", "name"),
    [
        ("fr", "Séance d'expert", "Mon calendrier Technopark"),
        ("ar", "جلسة خبير", "تقويمي في تكنوبارك"),
        ("en", "Expert session", "My Technopark calendar"),
    ],
)
def test_the_feed_speaks_the_persons_language(cast, language, summary, name):
    made = _commitments(cast, 0)
    cast.owner.language = language
    cast.owner.save(update_fields=["language"])
    _subscribe(cast.owner)
    feed = PersonalCalendar.objects.get(user=cast.owner, revoked_at__isnull=True)
    calendar = Calendar.from_ical(cast.client(None).get(f"/me/calendar/{feed.token}.ics").content)
    assert str(calendar["X-WR-CALNAME"]) == name
    session = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == _uids(made)["session"])
    assert str(session["SUMMARY"]).startswith(summary)
    # Times are UTC, so every calendar places them right in Casablanca.
    assert session.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert session.decoded("DTSTART") == made["session"].starts_at


def test_a_renewed_revoked_or_inactive_address_is_a_404(cast):
    client = cast.client("owner")
    anonymous = cast.client(None)
    assert client.post("/me/calendar/renew/").status_code == 302
    first = PersonalCalendar.objects.get(user=cast.owner, revoked_at__isnull=True)
    assert anonymous.get(f"/me/calendar/{first.token}.ics").status_code == 200
    page = client.get("/me/calendar/").content.decode()
    assert f"/me/calendar/{first.token}.ics" in page
    assert "Make a new address" in page

    client.post("/me/calendar/renew/")
    second = PersonalCalendar.objects.get(user=cast.owner, revoked_at__isnull=True)
    assert second.token != first.token
    assert anonymous.get(f"/me/calendar/{first.token}.ics").status_code == 404
    assert anonymous.get(f"/me/calendar/{second.token}.ics").status_code == 200
    assert PersonalCalendar.objects.filter(user=cast.owner).count() == 2

    client.post("/me/calendar/revoke/")
    assert anonymous.get(f"/me/calendar/{second.token}.ics").status_code == 404
    assert not PersonalCalendar.objects.filter(user=cast.owner, revoked_at__isnull=True).exists()
    assert "Make my calendar address" in client.get("/me/calendar/").content.decode()
    assert anonymous.get("/me/calendar/not-a-token.ics").status_code == 404

    # An inactive person's address answers 404; erasing the person revokes it.
    third = personal_calendar_renew(user=cast.colleague, by=cast.colleague)
    cast.colleague.is_active = False
    cast.colleague.save(update_fields=["is_active"])
    assert anonymous.get(f"/me/calendar/{third.token}.ics").status_code == 404
    fourth = personal_calendar_renew(user=cast.other_member, by=cast.other_member)
    user_blank(user=cast.other_member, email="erased-1@invalid")
    fourth.refresh_from_db()
    assert fourth.revoked_at is not None


def test_one_active_address_per_person_is_held_by_the_database(cast):
    from django.db import IntegrityError, transaction

    personal_calendar_renew(user=cast.owner, by=cast.owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalCalendar.objects.create(user=cast.owner, token=PersonalCalendar.new_token())
    assert personal_calendar_revoke(user=cast.owner, by=cast.owner) is True
    assert personal_calendar_revoke(user=cast.owner, by=cast.owner) is False


def test_renewing_and_revoking_are_in_the_audit_trail_without_the_token(cast):
    from auditlog.models import LogEntry

    feed = personal_calendar_renew(user=cast.owner, by=cast.owner)
    personal_calendar_revoke(user=cast.owner, by=cast.owner)
    entries = LogEntry.objects.get_for_object(feed).order_by("pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert all(e.actor_id == cast.owner.pk for e in entries)
    assert not any(feed.token in str(e.changes) for e in entries)


def test_the_feed_takes_as_many_queries_for_three_of_each_as_for_one(cast):
    _commitments(cast, 0)
    _subscribe(cast.owner, cast.desk_agent, cast.expert, cast.colleague, cast.site_manager)
    people = (cast.owner, cast.desk_agent, cast.expert, cast.colleague, cast.site_manager)
    client = cast.client(None)

    def counts() -> list[int]:
        found = []
        for user in people:
            token = PersonalCalendar.objects.get(user=user, revoked_at__isnull=True).token
            client.get(f"/me/calendar/{token}.ics")  # last_read_at written once
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/me/calendar/{token}.ics").status_code == 200
            found.append(len(queries.captured_queries))
        return found

    one = counts()
    sizes = [len(_feed(client, user)) for user in people]
    _commitments(cast, 1)
    _commitments(cast, 2)
    assert [len(_feed(client, user)) for user in people] == [3 * n for n in sizes]
    assert counts() == one
    assert max(one) <= 10, one


def test_the_page_is_in_the_persons_language_and_in_the_account_menu(cast):
    for language, words in (("fr", "Mon calendrier"), ("ar", "تقويمي")):
        cast.owner.language = language
        cast.owner.save(update_fields=["language"])
        client = cast.client("owner")
        client.post("/me/calendar/renew/", HTTP_ACCEPT_LANGUAGE=language)
        response = client.get("/me/calendar/", HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
        assert words in page
        assert 'href="/me/calendar/"' in page  # the account menu's link
        assert "Make a new address" not in page


def test_the_api_reads_renews_and_revokes_the_address(cast):
    from technopark.accounts.services import token_create

    _token, raw = token_create(user=cast.owner, name="script")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = cast.client(None)
    assert client.get("/api/v1/me/calendar", **headers).json()["address"] is None
    made = client.post("/api/v1/me/calendar", **headers)
    assert made.status_code == 201
    address = made.json()["address"]
    assert address.startswith("http://testserver/me/calendar/") and address.endswith(".ics")
    assert client.get("/api/v1/me/calendar", **headers).json()["address"] == address
    assert client.get(address).status_code == 200
    renewed = client.post("/api/v1/me/calendar", **headers).json()["address"]
    assert renewed != address and client.get(address).status_code == 404
    assert client.delete("/api/v1/me/calendar", **headers).status_code == 204
    assert client.get(renewed).status_code == 404
    assert client.get("/api/v1/me/calendar").status_code == 401

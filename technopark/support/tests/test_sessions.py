"""Nothing happens in silence: requests and expert sessions tell the person concerned, by a
real SMTP server, in their language; the expert answers; either side cancels with a reason;
the expert hours are the startup's, per programme period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from technopark.core import ical
from technopark.core.errors import DomainError
from technopark.house.testing import EnrollmentFactory, ProgramFactory, UserFactory, make_role
from technopark.notifications.models import Notification
from technopark.programs.models import Enrollment
from technopark.support import services
from technopark.support.models import ExpertHoursBudget, ExpertSession
from technopark.support.selectors import hours_budget_on
from technopark.support.tests.fixtures import make_expert

pytestmark = pytest.mark.django_db


def _future(days=3, hour=10):
    day = timezone.localtime() + dt.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def _network_request(cast, title="Levée de fonds seed"):
    return services.request_create(
        startup=cast.own,
        family="network",
        title=title,
        text="Nous préparons notre levée de fonds et le pricing SaaS",
        by=cast.owner,
    )


def _invitation(message):
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    if not parts:
        return None, None
    assert len(parts) == 1 and parts[0].get_filename() == "invite.ics"
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return parts[0].get_param("method"), calendar, events[0]


SUBJECTS = {
    "en": {
        "request_new": "New support request",
        "request_answered": "Your request is answered",
        "request_closed": "Your request is closed",
        "session_proposed": "Expert session proposed",
        "session_accepted": "Expert session accepted",
        "session_declined": "Expert session declined",
        "session_cancelled": "Expert session cancelled",
        "casablanca": "Times are in Casablanca time.",
    },
    "fr": {
        "request_new": "Nouvelle demande d'accompagnement",
        "request_answered": "Réponse à votre demande",
        "request_closed": "Votre demande est clôturée",
        "session_proposed": "Séance d'expert proposée",
        "session_accepted": "Séance d'expert acceptée",
        "session_declined": "Séance d'expert refusée",
        "session_cancelled": "Séance d'expert annulée",
        "casablanca": "Les horaires sont à l'heure de Casablanca.",
    },
    "ar": {
        "request_new": "طلب دعم جديد",
        "request_answered": "تمت الإجابة على طلبك",
        "request_closed": "تم إغلاق طلبك",
        "session_proposed": "جلسة خبير مقترحة",
        "session_accepted": "تم قبول جلسة الخبير",
        "session_declined": "تم رفض جلسة الخبير",
        "session_cancelled": "تم إلغاء جلسة الخبير",
        "casablanca": "الأوقات بتوقيت الدار البيضاء.",
    },
}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_every_support_kind_reaches_its_person_by_smtp_in_their_language(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    for user in (cast.owner, cast.officer, cast.expert):
        user.language = language
        user.save(update_fields=["language"])
    expected = SUBJECTS[language]
    expert = make_expert(cast)

    def step(action):
        before = len(smtp_inbox.messages)
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        new = smtp_inbox.messages[before:]
        assert len(new) == 1, [m["Subject"] for m in new]
        return result, new[0]

    def check(message, kind, to, item):
        assert message["To"] == to.email
        assert str(message["Subject"]).strip().startswith(expected[kind]), message["Subject"]
        text = message.get_body(("plain",)).get_content()
        assert f"/support/requests/{item.pk}/" in text  # the link to the request
        html = message.get_body(("html",)).get_content()
        assert ('dir="rtl"' in html) == (language == "ar")
        assert Notification.objects.filter(user=to, kind=f"support.{kind}").exists()
        return text

    # A new request: the site's program officer is told.
    item, message = step(lambda: _network_request(cast))
    check(message, "request_new", cast.officer, item)
    # The officer answers: the founder who asked is told, with the answer.
    _, message = step(
        lambda: services.request_message(
            request=item, text="Envoyez-nous votre deck.", staff=True, by=cast.officer
        )
    )
    assert "Envoyez-nous votre deck." in check(message, "request_answered", cast.owner, item)

    # The founder books the expert: the expert gets an invitation (REQUEST).
    session, message = step(
        lambda: services.session_book(
            request=item, expert=expert, starts_at=_future(), hours=Decimal("2"), by=cast.owner
        )
    )
    assert expected["casablanca"] in check(message, "session_proposed", cast.expert, item)
    method, calendar, proposed = _invitation(message)
    assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
    assert str(proposed["UID"]) == ical.uid_for("expert-session", session.pk)
    assert int(proposed["SEQUENCE"]) == 0
    assert proposed.decoded("DTSTART") == _future()
    assert proposed.decoded("DTEND") == _future() + dt.timedelta(hours=2)

    # The expert accepts: the founder is told, with the same invitation one step later.
    _, message = step(lambda: services.session_answer(session=session, accept=True, by=cast.expert))
    check(message, "session_accepted", cast.owner, item)
    method, _calendar, accepted = _invitation(message)
    assert method == "REQUEST"
    assert str(accepted["UID"]) == str(proposed["UID"])
    assert int(accepted["SEQUENCE"]) > int(proposed["SEQUENCE"])

    # The founder cancels, with the reason: the expert's calendar removes it (CANCEL).
    _, message = step(
        lambda: services.session_cancel(
            session=session, reason="Notre associé est malade", by=cast.owner
        )
    )
    assert "Notre associé est malade" in check(message, "session_cancelled", cast.expert, item)
    method, calendar, cancel = _invitation(message)
    assert method == "CANCEL" and calendar["METHOD"] == "CANCEL"
    assert str(cancel["UID"]) == str(proposed["UID"])
    assert int(cancel["SEQUENCE"]) > int(accepted["SEQUENCE"])
    assert str(cancel["STATUS"]) == "CANCELLED"

    # Another time; the expert declines it: the founder is told, with the reason.
    other, _ = step(
        lambda: services.session_book(
            request=item, expert=expert, starts_at=_future(4), hours=Decimal("1"), by=cast.owner
        )
    )
    _, message = step(
        lambda: services.session_answer(
            session=other, accept=False, reason="En déplacement", by=cast.expert
        )
    )
    assert "En déplacement" in check(message, "session_declined", cast.owner, item)
    assert _invitation(message) == (None, None)

    # The request is closed: the founder is told.
    _, message = step(lambda: services.request_close(request=item, outcome="done", by=cast.officer))
    check(message, "request_closed", cast.owner, item)


def test_the_expert_answers_from_their_page_and_only_they_may(cast, client):
    expert = make_expert(cast)
    item = _network_request(cast)
    session = services.session_book(
        request=item, expert=expert, starts_at=_future(), hours=Decimal("2"), by=cast.owner
    )
    # The expert's home counts it and their page offers the buttons.
    home = cast.client("expert").get("/").content.decode()
    assert "/support/experts/me/#awaiting" in home
    page = cast.client("expert").get("/support/experts/me/").content.decode()
    assert f"/support/sessions/{session.pk}/answer/" in page
    url = f"/support/sessions/{session.pk}/answer/"
    for role, status in (
        ("owner", 403),
        ("colleague", 403),
        ("officer", 403),
        ("other_member", 404),
        ("other_site_staff", 404),
    ):
        response = cast.client(role).post(url, {"answer": "accept"})
        assert response.status_code == status, role
    assert ExpertSession.objects.get(pk=session.pk).status == "proposed"
    # Another expert does not see the session at all.
    stranger = make_role(UserFactory(email="autre.expert@example.ma"), "expert")
    client.force_login(stranger)
    assert client.post(url, {"answer": "accept"}).status_code == 404
    response = cast.client("expert").post(url, {"answer": "decline", "next": "expert"})
    assert response["Location"] == "/support/experts/me/"
    session.refresh_from_db()
    assert session.status == "declined" and session.answered_at is not None
    # Answered once: a second answer changes nothing.
    cast.client("expert").post(url, {"answer": "accept"})
    assert ExpertSession.objects.get(pk=session.pk).status == "declined"


def test_either_side_cancels_with_a_reason_and_the_slot_is_freed(cast):
    expert = make_expert(cast)
    item = _network_request(cast)
    start = _future()
    session = services.session_book(
        request=item, expert=expert, starts_at=start, hours=Decimal("2"), by=cast.owner
    )
    url = f"/support/sessions/{session.pk}/cancel/"
    assert cast.client("other_member").post(url, {"reason": "x"}).status_code == 404
    # No reason: refused, nothing changes.
    cast.client("colleague").post(url, {"reason": "  "})
    assert ExpertSession.objects.get(pk=session.pk).status == "proposed"
    response = cast.client("colleague").post(url, {"reason": "Rendez-vous client"})
    assert response["Location"] == f"/support/requests/{item.pk}/"
    session.refresh_from_db()
    assert (session.status, session.cancel_reason, session.cancelled_by) == (
        "cancelled",
        "Rendez-vous client",
        cast.colleague,
    )
    assert Notification.objects.filter(user=cast.expert, kind="support.session_cancelled").exists()
    # The freed slot can be booked again (the no-double-booking constraint ignores it)...
    again = services.session_book(
        request=item, expert=expert, starts_at=start, hours=Decimal("2"), by=cast.owner
    )
    # ...but not twice; the expert cancels the new one and the founder is told.
    with pytest.raises(DomainError):
        services.session_book(
            request=item, expert=expert, starts_at=start, hours=Decimal("1"), by=cast.owner
        )
    services.session_answer(session=again, accept=True, by=cast.expert)
    assert (
        cast.client("expert")
        .post(f"/support/sessions/{again.pk}/cancel/", {"reason": "Malade"})
        .status_code
        == 302
    )
    assert ExpertSession.objects.get(pk=again.pk).status == "cancelled"
    assert Notification.objects.filter(user=cast.owner, kind="support.session_cancelled").exists()
    # Staff who handle the request may cancel too.
    third = services.session_book(
        request=item, expert=expert, starts_at=start, hours=Decimal("1"), by=cast.owner
    )
    cast.client("officer").post(f"/support/sessions/{third.pk}/cancel/", {"reason": "Doublon"})
    assert ExpertSession.objects.get(pk=third.pk).status == "cancelled"


def test_the_hours_are_the_startups_per_period_and_a_new_period_starts_afresh(cast):
    expert = make_expert(cast)
    period = Enrollment.objects.get(startup=cast.own)
    ExpertHoursBudget.objects.create(program=period.program, hours=Decimal("4"))
    item = _network_request(cast)
    first = services.session_book(
        request=item, expert=expert, starts_at=_future(2), hours=Decimal("3"), by=cast.owner
    )
    # Beyond the budget: refused with a translated error, and nothing is written.
    with translation.override("fr"), pytest.raises(DomainError) as refused:
        services.session_book(
            request=item, expert=expert, starts_at=_future(3), hours=Decimal("2"), by=cast.owner
        )
    assert refused.value.code == "budget"
    assert "vos heures d'expert pour la période" in refused.value.message
    assert "3 heures utilisées sur 4, 1 restantes" in refused.value.message
    assert ExpertSession.objects.count() == 1
    # The page shows what is used and left.
    owner = cast.client("owner")
    owner.cookies["technopark_language"] = "en"
    page = owner.get(f"/support/requests/{item.pk}/").content.decode()
    assert "3 of 4 hours used, 1 left." in page
    # Accepted and held sessions count; a declined one gives its hours back.
    services.session_answer(session=first, accept=True, by=cast.expert)
    assert hours_budget_on(cast.own).used == Decimal("3")
    services.session_cancel(session=first, reason="Reporté", by=cast.owner)
    assert hours_budget_on(cast.own).used == Decimal("0")
    second = services.session_book(
        request=item, expert=expert, starts_at=_future(3), hours=Decimal("4"), by=cast.owner
    )
    services.session_answer(session=second, accept=False, by=cast.expert)
    held = services.session_book(
        request=item, expert=expert, starts_at=_future(4), hours=Decimal("4"), by=cast.owner
    )
    services.session_answer(session=held, accept=True, by=cast.expert)
    ExpertSession.objects.filter(pk=held.pk).update(starts_at=timezone.now() - dt.timedelta(days=1))
    held.refresh_from_db()
    services.session_record(session=held, notes="", held=True, by=cast.expert)
    assert hours_budget_on(cast.own).left == Decimal("0")
    # Another startup's hours are its own.
    other_item = services.request_create(
        startup=cast.other, family="network", title="x", text="y", by=cast.other_member
    )
    services.session_book(
        request=other_item,
        expert=expert,
        starts_at=_future(5),
        hours=Decimal("4"),
        by=cast.other_member,
    )
    # The period ends; a new enrollment (another program) starts with a fresh budget.
    switch = timezone.localdate() + dt.timedelta(days=10)
    Enrollment.objects.filter(pk=period.pk).update(ended_on=switch, outcome="graduated")
    EnrollmentFactory(
        startup=cast.own,
        site=cast.site,
        program=ProgramFactory(code="ACC", name="Accélération", kind="acceleration"),
        started_on=switch,
    )
    with pytest.raises(DomainError):
        services.session_book(
            request=item, expert=expert, starts_at=_future(6), hours=Decimal("1"), by=cast.owner
        )
    fresh = services.session_book(
        request=item, expert=expert, starts_at=_future(12), hours=Decimal("8"), by=cast.owner
    )
    assert fresh.enrollment.started_on == switch
    assert hours_budget_on(cast.own, switch).used == Decimal("8")
    assert hours_budget_on(cast.own, switch).total == Decimal("20")


def test_a_startup_without_a_programme_has_no_expert_hours(cast):
    expert = make_expert(cast)
    item = _network_request(cast)
    Enrollment.objects.filter(startup=cast.own).update(
        ended_on=timezone.localdate(), outcome="graduated", started_on=dt.date(2021, 1, 1)
    )
    with pytest.raises(DomainError) as refused:
        services.session_book(
            request=item, expert=expert, starts_at=_future(), hours=Decimal("1"), by=cast.owner
        )
    assert refused.value.code == "no_period"
    assert not ExpertSession.objects.exists()

"""Named actions (core/actions.py): each service records its action once, in its own
transaction, with its actor and the channel it came from; the names are documented and each
is recorded by some service; the startup's timeline and the audit panel read them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django_tasks import task

import technopark.core.tests.test_api_on_demo as api_demo
from technopark.core.actions import ACTIONS, CHANNELS, channel, record
from technopark.core.models import Action
from technopark.core.tests import unrecorded_services
from technopark.core.tests.service_writes import analyse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def only(name: str, obj) -> Action:
    """The one action `name` recorded about `obj` (fails when none or several)."""
    rows = list(
        Action.objects.filter(
            name=name,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
        )
    )
    assert len(rows) == 1, f"{name} on {obj!r}: {len(rows)} actions"
    return rows[0]


# --- The registry, its documentation, and the services -----------------------------------


def test_every_name_is_documented_and_every_documented_name_declared():
    text = (ROOT / "docs" / "actions.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", text, re.MULTILINE))
    assert documented == set(ACTIONS)


def test_channels_are_the_models_choices():
    assert set(CHANNELS) == set(Action.Channel.values)


def test_every_registered_name_is_recorded_by_some_service():
    found = analyse()
    recorded = {name for name in found.mentioned if name in ACTIONS}
    assert set(ACTIONS) - recorded == set(), "declared but recorded by no service"
    assert found.named - set(ACTIONS) == set(), "recorded but not declared"


def test_every_writing_service_records_an_action_or_says_why():
    """A public service decorated with `transaction.atomic` or taking `by` records a named
    action (itself, or through a service it calls), or `unrecorded_services.py` says why
    not; an entry there that records after all, or names no service, is stale."""
    writes = analyse().writes
    listed = set(unrecorded_services.EXEMPT) | set(unrecorded_services.NOT_YET)
    silent = sorted(k for k, records in writes.items() if not records and k not in listed)
    assert not silent, (
        "these services write and record no named action: call core.actions.record(...) "
        "(docs/actions.md), or say why in core/tests/unrecorded_services.py:\n" + "\n".join(silent)
    )
    stale = sorted(k for k in listed if writes.get(k) is not False)
    assert not stale, "listed in unrecorded_services.py but recording, or no service:\n" + "\n".join(stale)  # fmt: skip
    assert not set(unrecorded_services.EXEMPT) & set(unrecorded_services.NOT_YET)
    assert all(reason.strip() for reason in unrecorded_services.EXEMPT.values())


def test_the_check_sees_a_service_that_records_nothing(tmp_path):
    app = tmp_path / "technopark" / "app"
    app.mkdir(parents=True)
    (app / "services.py").write_text(
        "from django.db import transaction\n"
        "from technopark.core.actions import record as say\n\n"
        "@transaction.atomic\ndef silent(*, x):\n    x.save()\n\n"
        'def direct(*, x, by):\n    say("booking.created", x, by=by)\n\n'
        "def through(*, x, by):\n    _helper(x, by)\n\n"
        "def _helper(x, by):\n    direct(x=x, by=by)\n\n"
        "def reads(*, x):\n    return x\n"
    )
    found = analyse(tmp_path / "technopark")
    assert found.writes == {
        "app/services.py:silent": False,
        "app/services.py:direct": True,
        "app/services.py:through": True,
    }
    assert found.named == {"booking.created"}


def test_an_undeclared_name_is_refused(cast):
    with pytest.raises(ValueError):
        record("booking.exploded", cast.own, by=cast.admin)
    assert not Action.objects.exists()


def test_an_action_rolled_back_with_its_change_is_not_recorded(
    cast, django_capture_on_commit_callbacks
):
    from django.db import transaction

    heard = []
    from technopark.core.actions import action_recorded

    def listener(sender, action, **kwargs):
        heard.append(action.name)

    action_recorded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError), transaction.atomic():
                record("booking.created", cast.own, by=cast.owner)
                raise RuntimeError
            record("booking.cancelled", cast.own, by=cast.owner)
    finally:
        action_recorded.disconnect(listener)
    assert list(Action.objects.values_list("name", flat=True)) == ["booking.cancelled"]
    assert heard == ["booking.cancelled"]


# --- Each service on the demo network ------------------------------------------------------


@pytest.fixture
def users(demo_network):
    return demo_network.ctx.users


def test_bookings_and_appointments_through_the_api(demo_network, db, users):
    from technopark.booking.models import Booking
    from technopark.desk.models import Appointment

    demo = demo_network
    call = api_demo.Caller(demo, "founder", _openapi())
    booking = call("post", "/api/v1/bookings", 201, body=api_demo._free_booking(call, demo))
    call("delete", "/api/v1/bookings/{booking_id}", 204, booking_id=booking["id"])
    made = Booking.objects.get(pk=booking["id"])
    for name in ("booking.created", "booking.cancelled"):
        action = only(name, made)
        assert (action.actor, action.channel) == (users["founder"], "api")
        assert action.startup_id == demo.founder_startup.pk
        assert action.site_id == made.site_id

    found = call("get", "/api/v1/desks", 200, limit=500)["items"]
    desk = next(d for d in found if d["code"] == "CASA-OMPIC")
    slot = api_demo._open_slot(call, demo, desk)
    body = {"slot": slot["id"], "service": desk["services"][0]["code"], "note": "Dépôt"}
    appointment = call("post", "/api/v1/appointments", 201, body=body)
    call("delete", "/api/v1/appointments/{appointment_id}", 204, appointment_id=appointment["id"])
    made = Appointment.objects.get(pk=appointment["id"])
    for name in ("appointment.booked", "appointment.cancelled"):
        action = only(name, made)
        assert (action.actor, action.channel) == (users["founder"], "api")
        assert action.startup_id == demo.founder_startup.pk


_OPENAPI: dict = {}


def _openapi() -> dict:
    import json

    if not _OPENAPI:
        _OPENAPI.update(json.loads(Client().get("/api/v1/openapi.json").content))
    return _OPENAPI


def test_support_requests_through_the_pages(demo_network, db, users):
    from technopark.support.models import ServiceRequest

    founder, manager = Client(), Client()
    founder.force_login(users["founder"])
    response = founder.post(
        "/support/requests/new/",
        {"family": "network", "title": "Mise en relation", "text": "Un distributeur à Fès."},
    )
    assert response.status_code == 302
    request = ServiceRequest.objects.get(title="Mise en relation")
    created = only("support_request.created", request)
    assert (created.actor, created.channel) == (users["founder"], "page")
    assert created.startup_id == demo_network.founder_startup.pk

    manager.force_login(users["network_admin"])
    response = manager.post(
        f"/support/requests/{request.pk}/", {"action": "close", "outcome": "done"}
    )
    assert response.status_code == 302
    closed = only("support_request.closed", request)
    assert (closed.actor, closed.channel) == (users["network_admin"], "page")
    assert closed.payload == {"outcome": "done"}


def test_invoices_issued_by_the_command(demo_network, db):
    from technopark.billing.models import Invoice

    month = (demo_network.today.replace(day=1) + dt.timedelta(days=62)).replace(day=1)
    before = set(Invoice.objects.values_list("pk", flat=True))
    call_command("invoices-issue", month=f"{month:%Y-%m}", issued_on=f"{demo_network.today}")
    issued = Invoice.objects.exclude(pk__in=before)
    assert issued.exists()
    for invoice in issued:
        action = only("invoice.issued", invoice)
        assert action.channel == "command"
        assert action.startup_id == invoice.startup_id and action.site_id == invoice.site_id
        assert action.payload["number"] == invoice.reference


def test_billing_and_contracts_by_a_service(demo_network, db, users):
    from technopark.billing.models import Invoice
    from technopark.billing.services.credit_notes import credit_note_issue
    from technopark.billing.services.invoices import invoice_balance, payment_record
    from technopark.hosting.models import Lease
    from technopark.hosting.services.leases import lease_renew

    admin = users["network_admin"]
    open_invoices = [i for i in Invoice.objects.order_by("pk") if invoice_balance(i) > 1]
    first, second = open_invoices[:2]
    payment = payment_record(
        invoice=first, amount_mad=Decimal("1.00"), paid_on=demo_network.today, by=admin
    )
    action = only("payment.recorded", payment)
    assert (action.actor, action.channel) == (admin, "system")
    assert (action.startup_id, action.site_id) == (first.startup_id, first.site_id)
    assert Decimal(action.payload["amount_mad"]) == Decimal("1.00")

    note = credit_note_issue(
        invoice=second, issued_on=demo_network.today, reason="Erreur de surface", by=admin
    )
    assert only("credit_note.issued", note).startup_id == second.startup_id

    lease = Lease.objects.filter(status=Lease.Status.ACTIVE, planned_end__isnull=False).first()
    renewed = lease_renew(lease=lease, planned_end=lease.planned_end.replace(year=lease.planned_end.year + 2), by=admin)  # fmt: skip
    ended = only("contract.ended", lease)
    signed = only("contract.signed", renewed)
    assert ended.actor == signed.actor == admin
    assert signed.startup_id == lease.startup_id


def test_applications_and_registrations_by_a_service(demo_network, db, users):
    from technopark.community.models import Event, Registration
    from technopark.community.services import registration_create, registration_decide
    from technopark.programs.models import Application
    from technopark.programs.services.applications import application_problems, application_submit
    from technopark.programs.services.selection import application_decide

    admin = users["network_admin"]
    submitted = Application.objects.filter(status=Application.Status.SUBMITTED).first()
    application_decide(
        application=submitted,
        decision="declined",
        note="Hors cible",
        override_reason="Comité plénier",
        by=admin,
    )
    decided = only("application.decided", submitted)
    assert (decided.actor, decided.payload["decision"]) == (admin, "declined")
    assert decided.site_id == submitted.call.site_id

    drafts = Application.objects.filter(status=Application.Status.DRAFT, call__closes_on__gte=demo_network.today)  # fmt: skip
    ready = next((a for a in drafts if not application_problems(a)), None)
    if ready is not None:  # the demo's drafts are half written; submit one that is complete
        application_submit(application=ready, by=ready.applicant)
        assert only("application.submitted", ready).actor == ready.applicant

    pending = list(Registration.objects.filter(status=Registration.Status.PENDING)[:2])
    registration_decide(registration=pending[0], approve=True, by=admin)
    registration_decide(registration=pending[1], approve=False, by=admin)
    assert only("registration.approved", pending[0]).site_id == pending[0].event.site_id
    assert only("registration.declined", pending[1]).actor == admin

    event = (
        Event.objects.filter(starts_at__date__gt=demo_network.today + dt.timedelta(days=1))
        .exclude(registrations__user=admin)
        .filter(status="published", requires_approval=False)
        .first()
    )
    registration = registration_create(event=event, user=admin, by=admin)
    assert only("registration.created", registration).payload["event"] == event.pk


def test_halls_moves_notices_check_ins_and_declarations_by_a_service(demo_network, db, users):
    from technopark.booking.models import Booking
    from technopark.booking.services import booking_approve, booking_decline, booking_move
    from technopark.community.models import Registration
    from technopark.community.services import checkin
    from technopark.hosting.models import Lease
    from technopark.hosting.services.leases import lease_give_notice
    from technopark.surveys.services import declaration_submit

    admin = users["network_admin"]
    booking = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        kind=Booking.Kind.BOOKING,
        starts_at__date__gt=demo_network.today + dt.timedelta(days=2),  # fmt: skip
    ).first()
    day = dt.timedelta(days=7)
    booking_move(booking=booking, starts_at=booking.starts_at + day, ends_at=booking.ends_at + day, by=admin)  # fmt: skip
    moved = only("booking.moved", booking)
    assert (moved.actor, moved.site_id) == (admin, booking.site_id)

    requests = list(Booking.objects.filter(status=Booking.Status.REQUESTED)[:2])
    if len(requests) == 2:  # the demo's hall requests, when today's demo has two
        booking_approve(booking=requests[0], by=admin)
        booking_decline(booking=requests[1], reason="Salle réservée au ministère", by=admin)
        assert only("booking.approved", requests[0]).actor == admin
        assert only("booking.declined", requests[1]).actor == admin

    lease = Lease.objects.filter(status=Lease.Status.ACTIVE).first()
    leaving = demo_network.today + dt.timedelta(days=90)
    lease_give_notice(lease=lease, notice_on=demo_network.today, leaving_on=leaving, by=admin)
    notice = only("contract.notice_given", lease)
    assert (notice.startup_id, notice.payload["leaving_on"]) == (
        lease.startup_id,
        leaving.isoformat(),
    )

    registration = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, checked_in_at__isnull=True
    ).first()
    checkin(registration=registration, by=admin)
    checkin(registration=registration, by=admin)  # again: nothing more happened
    assert only("registration.checked_in", registration).site_id == registration.event.site_id

    startup = demo_network.founder_startup
    declaration = declaration_submit(startup=startup, as_of=demo_network.today, direct_jobs=7, by=admin)  # fmt: skip
    declared = only("declaration.submitted", declaration)
    assert (declared.startup_id, declared.payload["direct_jobs"]) == (startup.pk, 7)


def test_application_submitted_on_a_complete_draft(cast):
    """The demo's drafts are half written; a complete one, made as the programs' tests do."""
    from technopark.programs.models import Answer
    from technopark.programs.services.applications import application_start, application_submit
    from technopark.programs.tests.fixtures import make_application, make_call

    call = make_call(cast)
    application, user, _created = application_start(
        call=call, email="salma@startup.ma", full_name="Salma Kettani", language="fr"
    )
    application.summary = "Export de dattes"
    application.save()
    for question in call.questions.all():
        value = question.choice_list[0] if question.choice_list else "Le Maroc"
        Answer.objects.create(application=application, question=question, value=value)
    make_application(cast).documents.update(application=application)
    application_submit(application=application, by=user)
    action = only("application.submitted", application)
    assert (action.actor, action.channel) == (user, "system")
    assert action.site_id == call.site_id


@task()
def request_in_background(startup_id: int, user_id: int) -> int:
    from technopark.accounts.models import User
    from technopark.startups.models import Startup
    from technopark.support.services import request_create

    made = request_create(
        startup=Startup.objects.get(pk=startup_id),
        family="market",
        title="Salon Gitex",
        text="Un stand partagé.",
        by=User.objects.get(pk=user_id),
    )
    return made.pk


def test_a_task_and_a_command_name_their_channel(demo_network, db, users):
    from technopark.support.models import ServiceRequest

    result = request_in_background.enqueue(demo_network.founder_startup.pk, users["founder"].pk)
    made = ServiceRequest.objects.get(pk=result.return_value)
    assert only("support_request.created", made).channel == "task"
    with channel("import"):
        request_in_background.call(demo_network.founder_startup.pk, users["founder"].pk)
    latest = Action.objects.filter(name="support_request.created").order_by("-pk").first()
    assert latest.channel == "import"


# --- Who reads them ------------------------------------------------------------------------


def test_the_timeline_and_the_audit_panel_tell_them(demo_network, db, users):
    from technopark.billing.models import Invoice
    from technopark.billing.services.invoices import invoice_balance, payment_record

    startup = demo_network.founder_startup
    invoice = next(
        i for i in Invoice.objects.filter(startup=startup).order_by("-pk") if invoice_balance(i) > 1
    )
    payment = payment_record(
        invoice=invoice,
        amount_mad=Decimal("1.00"),
        paid_on=demo_network.today,
        by=users["network_admin"],
    )
    admin = Client()
    admin.force_login(users["network_admin"])
    page = admin.get(f"/startups/{startup.ref}/").content.decode()
    assert str(payment) in page  # the timeline's "Payment: …" entry names it
    assert 'data-action="payment.recorded"' in page  # the audit panel's row
    outsider = Client()
    outsider.force_login(users["expert"])
    assert (
        'data-action="payment.recorded"'
        not in outsider.get(f"/startups/{startup.ref}/").content.decode()
    )


def test_charges_deposits_reversals_and_closings_by_a_service(demo_network, db, users):
    """The money an auditor follows: each write of billing is an action, with its actor,
    its startup and site, and its amounts; the site's books closed name the day."""
    from technopark.billing.models import Invoice
    from technopark.billing.services.charges import charge_add
    from technopark.billing.services.invoices import (
        invoice_balance,
        payment_record,
        payment_reverse,
    )
    from technopark.billing.services.periods import closed_until, period_close

    admin = users["network_admin"]
    invoice = next(i for i in Invoice.objects.order_by("pk") if invoice_balance(i) > 1)
    charge = charge_add(
        site=invoice.site,
        startup=invoice.startup,
        kind="other",
        label="Badge perdu",
        unit_price_mad=Decimal("50"),
        incurred_on=demo_network.today,
        by=admin,
    )
    added = only("charge.added", charge)
    assert (added.actor, added.startup_id, added.site_id) == (admin, invoice.startup_id, invoice.site_id)  # fmt: skip
    assert Decimal(added.payload["unit_price_mad"]) == Decimal("50")

    payment = payment_record(invoice=invoice, amount_mad=Decimal("1.00"), paid_on=demo_network.today, by=admin)  # fmt: skip
    reversal = payment_reverse(payment=payment, reason="Carte remboursée", reversed_on=demo_network.today, by=admin)  # fmt: skip
    reversed_ = only("payment.reversed", reversal)
    assert (reversed_.startup_id, reversed_.payload["invoice"]) == (invoice.startup_id, invoice.reference)  # fmt: skip
    assert "Carte" not in str(reversed_.payload)  # the reason stays on the reversal

    last = closed_until(invoice.site)
    day = last + dt.timedelta(days=1) if last else demo_network.today - dt.timedelta(days=400)
    closing = period_close(site=invoice.site, closed_until=day, by=admin)
    closed = only("billing_period.closed", closing)
    assert (closed.site_id, closed.payload["closed_until"]) == (invoice.site_id, f"{closing.closed_until:%Y-%m-%d}")  # fmt: skip


def test_a_persons_own_choices_and_erasure_name_no_one(demo_network, db, users):
    """A consent's action is the person's own; an erased account is told by its number."""
    from technopark.accounts.models import User
    from technopark.privacy.services import consent_set, user_anonymise

    person = User.objects.create_user(email="leila.test@example.ma", password="x", full_name="Leila Test")  # fmt: skip
    consent = consent_set(user=person, purpose="marketing", granted=True)
    consent_set(user=person, purpose="marketing", granted=True)  # no change: no action
    action = only("consent.changed", consent)
    assert (action.actor, action.payload) == (person, {"purpose": "marketing", "granted": True})
    assert "leila" not in action.label.lower()

    user_anonymise(user=person, by=users["network_admin"])
    erased = only("account.anonymised", person)
    assert (erased.label, erased.actor) == (f"#{person.pk}", users["network_admin"])

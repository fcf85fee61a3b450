"""Hosting tells people through notification_send: a real SMTP server receives invoices
and credit notes (PDF attached), payment reminders, contract reminders and waiting-list
offers, each in the recipient's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from technopark.billing import services as billing_services
from technopark.billing.models import Invoice, SiteBilling
from technopark.hosting import services
from technopark.hosting.daily import daily
from technopark.hosting.models import Lease, WaitingEntry
from technopark.house.testing import SpaceFactory
from technopark.notifications.models import Notification
from technopark.notifications.services import preference_set

D = dt.date
OCTOBER = D(2026, 10, 1)


@pytest.fixture
def lease(cast):
    SiteBilling.objects.filter(site=cast.site).update(rib="190780212110001234567891")
    cast.own.billing_email = "compta@own.ma"
    cast.own.save()
    lease = Lease.objects.get(space__code="A-101")
    lease.rent_per_m2_mad = Decimal("62.50")
    lease.save()
    return lease


@pytest.fixture
def office(cast):
    return SpaceFactory(site=cast.site, code="A-102", area_m2=Decimal("25"))


def _subject(message) -> str:
    return " ".join(str(message["Subject"]).split())


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])


def _to(inbox, address):
    return [m for m in inbox.messages if m["To"] == address]


def _text(message):
    return message.get_body(("plain",)).get_content()


def _pdf(message):
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    return part.get_filename(), part.get_payload(decode=True)


@pytest.mark.parametrize(
    ("language", "invoice_subject", "invoice_text", "credit_subject"),
    [
        ("ar", "الفاتورة", "تجدون رفقته الفاتورة", "الإشعار الدائن"),
        ("fr", "Facture", "Veuillez trouver ci-joint la facture", "Avoir"),
        ("en", "Invoice", "Please find attached invoice", "Credit note"),
    ],
)
def test_the_founder_and_the_billing_address_receive_the_invoice_and_credit_note_pdfs(
    cast,
    lease,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    language,
    invoice_subject,
    invoice_text,
    credit_subject,
):
    _speak(cast.owner, language)
    with django_capture_on_commit_callbacks(execute=True):
        invoice = services.invoice_issue(lease=lease, month=OCTOBER, issued_on=OCTOBER)
    assert sorted(m["To"] for m in smtp_inbox.messages) == ["compta@own.ma", cast.owner.email]
    [mine] = _to(smtp_inbox, cast.owner.email)
    assert _subject(mine).startswith(invoice_subject)
    assert invoice.reference in _subject(mine)
    assert invoice_text in _text(mine)
    assert ('dir="rtl"' in mine.get_body(("html",)).get_content()) == (language == "ar")
    name, content = _pdf(mine)
    assert name == f"facture-{invoice.reference}.pdf" and content.startswith(b"%PDF")
    # The billing address has no account: the e-mail only, in the site's language.
    [billing] = _to(smtp_inbox, "compta@own.ma")
    assert _text(billing).startswith("Please find attached invoice")
    assert _pdf(billing)[0] == name
    assert Invoice.objects.get(pk=invoice.pk).sent_at is not None
    assert Notification.objects.get(user=cast.owner).kind == "hosting.invoice_issued"

    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        note = billing_services.credit_note_issue(
            invoice=invoice, issued_on=D(2026, 10, 2), reason="Erreur", by=cast.site_manager
        )
    [mine] = _to(smtp_inbox, cast.owner.email)
    assert _subject(mine).startswith(credit_subject)
    assert note.reference in _subject(mine) and invoice.reference in _text(mine)
    assert _pdf(mine)[0] == f"avoir-{note.reference}.pdf"


@pytest.mark.parametrize(
    ("language", "founder_subject", "manager_subject"),
    [
        ("ar", "تذكير: الفاتورة", "Own Startup لم تؤدِّ الفاتورة"),
        ("fr", "Relance : la facture", "Own Startup n'a pas payé la facture"),
        ("en", "Reminder: invoice", "Own Startup has not paid invoice"),
    ],
)
def test_an_overdue_invoice_reminds_the_founder_and_at_the_last_level_the_manager(
    cast,
    lease,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    language,
    founder_subject,
    manager_subject,
):
    _speak(cast.owner, language)
    _speak(cast.site_manager, language)
    invoice = services.invoice_issue(lease=lease, month=OCTOBER, issued_on=OCTOBER, send=False)
    with django_capture_on_commit_callbacks(execute=True):
        billing_services.invoice_reminders_send(today=invoice.due_on + dt.timedelta(days=7))
    assert sorted(m["To"] for m in smtp_inbox.messages) == ["compta@own.ma", cast.owner.email]
    [mine] = _to(smtp_inbox, cast.owner.email)
    assert _subject(mine).startswith(founder_subject)
    assert invoice.reference in _subject(mine) and "7" in _subject(mine)
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        billing_services.invoice_reminders_send(today=invoice.due_on + dt.timedelta(days=30))
    [told] = _to(smtp_inbox, cast.site_manager.email)
    assert _subject(told).startswith(manager_subject)
    assert f"/billing/invoices/{invoice.pk}/" in _text(told)
    assert not _to(smtp_inbox, cast.other_site_staff.email)


def test_a_manager_who_turned_overdue_notices_off_sees_them_in_the_app_only(
    cast, lease, smtp_inbox, django_capture_on_commit_callbacks
):
    preference_set(user=cast.site_manager, kind="hosting.invoice_overdue_manager", choice="off")
    # Payment reminders to the startup are mandatory: "off" is not honoured.
    preference_set(user=cast.owner, kind="hosting.invoice_overdue", choice="off")
    invoice = services.invoice_issue(lease=lease, month=OCTOBER, issued_on=OCTOBER, send=False)
    with django_capture_on_commit_callbacks(execute=True):
        billing_services.invoice_reminders_send(today=invoice.due_on + dt.timedelta(days=30))
    assert sorted(m["To"] for m in smtp_inbox.messages) == ["compta@own.ma", cast.owner.email]
    assert Notification.objects.filter(
        user=cast.site_manager, kind="hosting.invoice_overdue_manager"
    ).exists()


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        ("ar", "ينتهي عقد الإيواء الخاص بـ Own Startup", "جدّدوه أو خطّطوا للانتقال"),
        ("fr", "La convention d'hébergement de Own Startup", "Renouvelez-la, préparez"),
        ("en", "The hosting contract of Own Startup", "Renew it, plan the move"),
    ],
)
def test_a_contract_ending_in_60_days_is_told_to_the_startup_and_the_manager(
    cast, office, smtp_inbox, django_capture_on_commit_callbacks, language, subject, sentence
):
    _speak(cast.owner, language)
    _speak(cast.site_manager, language)
    services.lease_create(
        site=cast.site,
        space=office,
        startup=cast.own,
        starts_on=D(2024, 3, 1),
        planned_end=D(2027, 3, 1),
        rent_per_m2_mad=Decimal("60"),
        signed_on=D(2024, 3, 1),
        deposit_months=0,
        by=cast.site_manager,
    )
    with django_capture_on_commit_callbacks(execute=True):
        daily(D(2026, 12, 31))
    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted(
        [cast.owner.email, cast.colleague.email, cast.site_manager.email]
    )
    for user in (cast.owner, cast.site_manager):
        [message] = _to(smtp_inbox, user.email)
        assert _subject(message).startswith(subject)
        assert "01/03/2027" in _subject(message)
        assert sentence in _text(message)
    assert "/hosting/startup/OWN-1/invoices/" in _text(_to(smtp_inbox, cast.owner.email)[0])


def _offer(cast, office) -> WaitingEntry:
    entry = services.waiting_add(
        site=cast.site,
        startup=cast.own,
        area_needed_m2=Decimal(20),
        kind="office",
        requested_on=D(2026, 1, 10),
        by=cast.site_manager,
    )
    services.waiting_offer(entry=entry, space=office, on=D(2026, 3, 1), by=cast.site_manager)
    entry.refresh_from_db()
    return entry


@pytest.mark.parametrize(
    ("language", "subject", "answer_by"),
    [
        ("ar", "يقترح عليكم Site A الفضاء A-102", "أجيبوا قبل 16/03/2026"),
        ("fr", "Site A vous propose l'espace A-102", "Répondez avant le 16/03/2026"),
        ("en", "Site A offers you space A-102", "Answer by 16/03/2026"),
    ],
)
def test_an_offer_from_the_waiting_list_reaches_the_founders_with_the_date_and_the_link(
    cast, office, smtp_inbox, django_capture_on_commit_callbacks, language, subject, answer_by
):
    _speak(cast.owner, language)
    with django_capture_on_commit_callbacks(execute=True):
        entry = _offer(cast, office)
    assert entry.answer_by == D(2026, 3, 16)
    # The founders only: the colleague is not asked to commit the startup.
    [message] = smtp_inbox.messages
    assert message["To"] == cast.owner.email
    assert _subject(message).startswith(subject)
    text = _text(message)
    assert answer_by in text
    assert "http://127.0.0.1:8000/hosting/startup/OWN-1/invoices/" in text
    page = cast.client("owner").get("/hosting/startup/OWN-1/invoices/")
    assert "16/03/2026" in page.content.decode()
    assert Notification.objects.get(user=cast.owner).kind == "hosting.space_offered"


@pytest.mark.parametrize(
    ("language", "declined"),
    [
        ("ar", "رفضت Own Startup الفضاء A-102"),
        ("fr", "Own Startup a décliné l'espace A-102"),
        ("en", "Own Startup declined space A-102"),
    ],
)
def test_the_manager_is_told_when_the_founder_declines_from_the_workspace(
    cast, office, smtp_inbox, django_capture_on_commit_callbacks, language, declined
):
    _speak(cast.site_manager, language)
    entry = _offer(cast, office)
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").post(f"/hosting/startup/OWN-1/offers/{entry.pk}/decline/")
    assert response.status_code == 302
    [message] = smtp_inbox.messages
    assert message["To"] == cast.site_manager.email
    assert _subject(message) == declined
    assert "/hosting/SA/waiting/" in _text(message)


def test_the_manager_is_told_when_the_founder_accepts(
    cast, office, smtp_inbox, django_capture_on_commit_callbacks
):
    entry = _offer(cast, office)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("owner").post(f"/hosting/startup/OWN-1/offers/{entry.pk}/accept/")
    [message] = smtp_inbox.messages
    assert message["To"] == cast.site_manager.email
    assert _subject(message) == "Own Startup accepted space A-102"
    assert "awaits your signature" in _text(message)


@pytest.mark.parametrize(
    ("language", "lapsed", "manager"),
    [
        ("ar", "انقضى عرض الفضاء A-102", "لم تُجب Own Startup عن عرض الفضاء A-102"),
        ("fr", "L'offre de l'espace A-102 a expiré", "Own Startup n'a pas répondu à l'offre"),
        ("en", "The offer of space A-102 has lapsed", "Own Startup did not answer the offer"),
    ],
)
def test_an_unanswered_offer_lapses_the_day_after_its_date_and_both_sides_are_told(
    cast, office, smtp_inbox, django_capture_on_commit_callbacks, language, lapsed, manager
):
    _speak(cast.owner, language)
    _speak(cast.site_manager, language)
    entry = _offer(cast, office)
    with django_capture_on_commit_callbacks(execute=True):
        daily(D(2026, 3, 16))  # the last day to answer: still offered
    assert WaitingEntry.objects.get(pk=entry.pk).status == "offered"
    assert not smtp_inbox.messages
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 lapsed offer(s)" in daily(D(2026, 3, 17))
    entry.refresh_from_db()
    assert (entry.status, entry.offered_space, entry.declined_count) == ("waiting", None, 1)
    [founder] = _to(smtp_inbox, cast.owner.email)
    assert _subject(founder) == lapsed
    assert "16/03/2026" in _text(founder)
    [told] = _to(smtp_inbox, cast.site_manager.email)
    assert _subject(told).startswith(manager)
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 lapsed offer(s)" in daily(D(2026, 3, 18))

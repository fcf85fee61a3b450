"""Billing an accounts department accepts: Moroccan mentions, amounts in words, VAT per
line, credit notes, sending, payment reminders, arrears by age and the journal export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from technopark.billing import services
from technopark.billing.amounts import amount_in_words, invoice_total_sentence
from technopark.billing.journal import journal_csv, journal_entries
from technopark.billing.models import (
    AccountPlan,
    CreditNote,
    Invoice,
    InvoiceReminder,
    SiteBilling,
)
from technopark.billing.selectors import arrears_by_age
from technopark.core.errors import DomainError
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease
from technopark.network.models import Operator

D = dt.date


@pytest.fixture
def lease(cast):
    Operator.objects.filter(pk=cast.site.operator_id).update(
        ice="001525687000089", tax_id="40215378", rc="123457", rc_court="Casablanca", tp="35790123"
    )
    SiteBilling.objects.filter(site=cast.site).update(
        cnss="7712345",
        bank_name="Banque Populaire",
        rib="190780212110001234567891",
        payment_terms="Virement à 30 jours",
        vat_exemption_mention="Exonéré de TVA en vertu de l'article 92 du CGI",
    )
    cast.own.ice = "002345678000012"
    cast.own.tax_id = "50123456"
    cast.own.rc = "98765"
    cast.own.rc_court = "Casablanca"
    cast.own.address = "12 rue des Startups, Casablanca"
    cast.own.billing_email = "compta@own.ma"
    cast.own.save()
    lease = Lease.objects.get(space__code="A-101")
    lease.rent_per_m2_mad = Decimal("62.50")  # 20 m² → 1 250,00
    lease.charges_mad = Decimal("120")
    lease.save()
    return lease


OCTOBER = D(2026, 10, 1)


def _issue(lease, month=OCTOBER) -> Invoice:
    return hosting_services.invoice_issue(lease=lease, month=month, issued_on=month)


def test_amount_in_words():
    assert amount_in_words(Decimal("1644.50")) == (
        "mille six cent quarante-quatre dirhams et cinquante centimes"
    )
    assert amount_in_words(Decimal("1.01")) == "un dirham et un centime"
    assert invoice_total_sentence(Decimal("80")) == (
        "Arrêtée la présente facture à la somme de quatre-vingts dirhams et zéro centime TTC."
    )


def test_invoice_carries_every_mention(cast, lease):
    invoice = _issue(lease)
    assert [(li.amount_excl_mad, li.vat_mad) for li in invoice.lines.all()] == [
        (Decimal("1250.00"), Decimal("250.00")),
        (Decimal("120.00"), Decimal("24.00")),
    ]
    html = cast.client("owner").get(f"/billing/invoices/{invoice.pk}/").content.decode()
    for mention in (
        "7712345",  # seller CNSS
        "Banque Populaire",
        "190 780 2121100012345678 91",  # the RIB, in its four parts
        "Virement à 30 jours",
        "50123456",  # client IF
        "98765",  # client RC
        "12 rue des Startups",
        "002345678000012",
        "31/10/2026",  # due date
        "Arrêtée la présente facture à la somme de mille six cent quarante-quatre dirhams "
        "et zéro centime TTC.",
    ):
        assert mention in html, mention
    assert "Exonéré" not in html


def test_vat_rate_is_configurable_and_exempt_lines_carry_the_legal_mention(cast, lease):
    SiteBilling.objects.filter(site=cast.site).update(vat_rate="0.10")
    ten = _issue(lease)
    assert ten.vat_mad == Decimal("137.00")
    SiteBilling.objects.filter(site=cast.site).update(vat_rate="0.00")
    exempt = _issue(lease, D(2026, 11, 1))
    assert (exempt.vat_mad, exempt.total_mad) == (Decimal("0.00"), Decimal("1370.00"))
    html = cast.client("owner").get(f"/billing/invoices/{exempt.pk}/").content.decode()
    assert "article 92 du CGI" in html


def test_a_rib_has_24_digits(cast):
    billing = SiteBilling(site=cast.site, rib="1907802121100012345")
    with pytest.raises(ValidationError):
        billing.full_clean()


def test_an_issued_invoice_is_never_edited(cast, lease):
    invoice = _issue(lease)
    invoice.total_mad = Decimal("1")
    with pytest.raises(DatabaseError), transaction.atomic():
        invoice.save()
    # stamping it sent is not an edit of what it says
    Invoice.objects.filter(pk=invoice.pk).update(sent_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    assert Invoice.objects.get(pk=invoice.pk).total_mad == Decimal("1644.00")


def test_credit_notes_cancel_in_part_then_whole_with_their_own_sequence(cast, lease):
    invoice = _issue(lease)
    services.payment_record(
        invoice=invoice, amount_mad=Decimal("644"), paid_on=D(2026, 10, 10), by=cast.site_manager
    )
    part = services.credit_note_issue(
        invoice=invoice,
        issued_on=D(2026, 10, 12),
        reason="Surface corrigée",
        amount_mad=Decimal("600"),
        by=cast.site_manager,
    )
    assert part.reference == "AV-SA-2026-00001"
    assert (part.amount_excl_mad, part.vat_mad) == (Decimal("500.00"), Decimal("100.00"))
    assert Invoice.objects.get(pk=invoice.pk).balance_due == Decimal("400.00")
    with pytest.raises(DomainError) as exc:
        services.credit_note_issue(
            invoice=invoice,
            issued_on=D(2026, 10, 12),
            reason="x",
            amount_mad=Decimal("401"),
            by=None,
        )
    assert exc.value.code == "overcredited"
    rest = services.credit_note_issue(
        invoice=invoice, issued_on=D(2026, 10, 13), reason="Départ anticipé", by=cast.site_manager
    )
    assert (rest.number, rest.total_mad) == (2, Decimal("400.00"))
    assert Invoice.objects.get(pk=invoice.pk).balance_due == 0
    assert arrears_by_age(Invoice.objects.all(), D(2027, 1, 1)) == []
    with pytest.raises(DomainError):
        services.payment_record(
            invoice=invoice, amount_mad=Decimal("1"), paid_on=D(2026, 10, 20), by=None
        )
    # invoice numbers are untouched by the credit notes' series
    assert _issue(lease, D(2026, 11, 1)).number == 2
    # the credit note's own page and PDF, in French
    owner = cast.client("owner")
    page = owner.get(f"/billing/credit-notes/{part.pk}/").content.decode()
    assert "AV-SA-2026-00001" in page and "Surface corrigée" in page
    assert "Arrêté le présent avoir à la somme de six cents dirhams et zéro centime TTC." in page
    pdf = owner.get(f"/billing/credit-notes/{part.pk}/pdf/")
    assert pdf.content.startswith(b"%PDF")
    with pytest.raises(DatabaseError), transaction.atomic():
        CreditNote.objects.filter(pk=part.pk).update(total_mad=Decimal("1"))


def test_a_manager_credits_from_the_invoice_page(cast, lease):
    invoice = _issue(lease)
    response = cast.client("site_manager").post(
        f"/billing/invoices/{invoice.pk}/credit/", {"amount_mad": "100", "reason": "Geste"}
    )
    note = CreditNote.objects.get()
    assert response.url == f"/billing/credit-notes/{note.pk}/"
    assert note.issued_by == cast.site_manager
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(note).get()
    assert entry.actor == cast.site_manager


def test_invoices_and_credit_notes_are_mailed_with_their_pdf(
    cast, lease, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = _issue(lease)
    # The founder (in their language) and the startup's billing e-mail.
    assert sorted(m.to[0] for m in mail.outbox) == ["compta@own.ma", "owner@example.ma"]
    for message in mail.outbox:
        assert invoice.reference in message.subject
        name, content, mimetype = message.attachments[0]
        assert (name, mimetype) == (f"facture-{invoice.reference}.pdf", "application/pdf")
        assert content.startswith(b"%PDF")
    assert Invoice.objects.get(pk=invoice.pk).sent_at is not None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        note = services.credit_note_issue(
            invoice=invoice, issued_on=D(2026, 10, 2), reason="Erreur", by=None
        )
    assert {m.attachments[0][0] for m in mail.outbox} == {f"avoir-{note.reference}.pdf"}


def test_reminders_at_7_15_30_days_then_the_manager_is_told(
    cast, lease, django_capture_on_commit_callbacks
):
    invoice = _issue(lease)  # due 31/10/2026
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for day in (D(2026, 11, 6), D(2026, 11, 7), D(2026, 11, 8), D(2026, 11, 15)):
            services.invoice_reminders_send(today=day)
    startup_side = ["owner@example.ma", "compta@own.ma"]
    assert [m.to[0] for m in mail.outbox] == startup_side * 2
    with django_capture_on_commit_callbacks(execute=True):
        services.invoice_reminders_send(today=D(2026, 11, 30))
        services.invoice_reminders_send(today=D(2026, 12, 1))
    assert [m.to[0] for m in mail.outbox[4:]] == [*startup_side, "manager@example.ma"]
    assert sorted(invoice.reminders.values_list("days_late", flat=True)) == [7, 15, 30]
    assert InvoiceReminder.objects.get(days_late=30).manager_told
    # a paid invoice is not chased
    other = _issue(lease, D(2026, 11, 1))
    services.payment_record(
        invoice=other, amount_mad=other.total_mad, paid_on=D(2026, 11, 5), by=None
    )
    assert services.invoice_reminders_send(today=D(2027, 1, 1)) == 0


def test_arrears_by_age_and_its_export(cast, lease):
    for month in (D(2026, 7, 1), D(2026, 9, 1), D(2026, 10, 1)):
        _issue(lease, month)
    rows = arrears_by_age(Invoice.objects.all(), D(2026, 11, 15))
    # due 31/07 (107 days), 01/10 (45 days), 31/10 (15 days)
    assert rows[0].buckets == {
        "0-30": Decimal("1644.00"),
        "31-60": Decimal("1644.00"),
        "61-90": Decimal("0"),
        "90+": Decimal("1644.00"),
    }
    manager = cast.client("site_manager")
    page = manager.get(f"/billing/{cast.site.code}/arrears/").content.decode()
    assert "Own Startup" in page
    csv = manager.get(f"/billing/{cast.site.code}/arrears/?format=csv").content.decode()
    assert "Own Startup" in csv and "002345678000012" in csv
    assert cast.client("owner").get(f"/billing/{cast.site.code}/arrears/").status_code == 404


def test_the_journal_balances_each_piece(cast, lease):
    invoice = _issue(lease)
    services.payment_record(
        invoice=invoice,
        amount_mad=Decimal("1000"),
        paid_on=D(2026, 10, 20),
        reference="VIR-1",
        by=None,
    )
    services.credit_note_issue(
        invoice=invoice,
        issued_on=D(2026, 10, 25),
        reason="Geste",
        amount_mad=Decimal("120"),
        by=None,
    )
    AccountPlan.objects.create(operator=cast.site.operator, account_revenue="71240000")
    entries = journal_entries(Invoice.objects.all(), D(2026, 10, 1), D(2026, 10, 31))
    pieces = {}
    for e in entries:
        debit, credit = pieces.get(e.piece, (0, 0))
        pieces[e.piece] = (debit + e.debit, credit + e.credit)
    assert set(pieces) == {"SA-2026-00001", "VIR-1", "AV-SA-2026-00001"}
    assert all(d == c for d, c in pieces.values())
    assert pieces["SA-2026-00001"] == (Decimal("1644.00"), Decimal("1644.00"))
    client = f"3421{cast.own.pk:04d}"  # the client's own auxiliary account
    assert {e.account for e in entries} == {client, "71240000", "44550000", "51410000"}
    text = journal_csv(entries)
    # French Excel reads it as UTF-8 thanks to the byte order mark
    assert text.splitlines()[0] == "\ufeffDate;Journal;Pièce;Compte;Libellé;Débit;Crédit;ICE"
    assert (
        f"01/10/2026;VT;SA-2026-00001;{client};" in text
        and ';1644,00;0,00;"=""002345678000012"""' in text
    )
    response = cast.client("site_manager").get(
        f"/billing/{cast.site.code}/journal/?start=2026-10-01&end=2026-10-31&format=xlsx"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert cast.client("officer").get(f"/billing/{cast.site.code}/journal/").status_code == 403


def test_the_deposit_is_invoiced_at_signing_held_then_partly_retained(cast, lease):
    from technopark.billing.models import Deposit
    from technopark.house.testing import SpaceFactory

    new = hosting_services.lease_create(
        site=cast.site,
        space=SpaceFactory(site=cast.site, code="A-190"),
        startup=cast.own,
        starts_on=D(2026, 11, 1),
        planned_end=D(2029, 11, 1),
        monthly_rent_mad=Decimal("1500"),
        by=cast.site_manager,
    )
    assert not Deposit.objects.exists()  # a draft holds nothing
    hosting_services.lease_sign(lease=new, signed_on=D(2026, 10, 20), by=cast.site_manager)
    deposit = Deposit.objects.get(lease=new)
    assert (deposit.amount_mad, deposit.status) == (Decimal("3000.00"), "held")
    invoice = deposit.invoice
    assert (invoice.kind, invoice.vat_mad, invoice.total_mad) == ("deposit", 0, Decimal("3000.00"))
    accounts = {
        (e.account, e.credit)
        for e in journal_entries(
            Invoice.objects.filter(pk=invoice.pk), D(2026, 10, 1), D(2026, 10, 31)
        )
    }
    assert ("44270000", Decimal("3000.00")) in accounts  # owed back, not revenue
    assert "hors champ de la TVA" in invoice.vat_mention
    with pytest.raises(DomainError) as exc:
        services.deposit_settle(
            lease=new, retained_mad=0, reason="", settled_on=D(2027, 1, 1), by=None
        )
    assert exc.value.code == "bad_state"  # still running
    hosting_services.lease_end(lease=new, ended_on=D(2027, 6, 1), by=cast.site_manager)
    with pytest.raises(DomainError) as exc:
        services.deposit_settle(
            lease=new, retained_mad=Decimal("500"), reason="", settled_on=D(2027, 6, 2), by=None
        )
    assert exc.value.code == "no_reason"
    settled = services.deposit_settle(
        lease=new,
        retained_mad=Decimal("500"),
        reason="Moquette à remplacer",
        settled_on=D(2027, 6, 2),
        by=cast.site_manager,
    )
    assert (settled.status, settled.returned_mad, settled.retained_mad) == (
        "partly",
        Decimal("2500.00"),
        Decimal("500.00"),
    )
    with pytest.raises(DomainError):
        services.deposit_settle(
            lease=new, retained_mad=0, reason="", settled_on=D(2027, 6, 3), by=None
        )


def test_room_hire_residents_get_free_hours_outsiders_pay_from_the_first(cast, lease):
    from technopark.booking.models import Booking
    from technopark.booking.rules import local_datetime
    from technopark.booking.services import room_hire_bill_month
    from technopark.house.testing import SpaceFactory, StartupFactory
    from technopark.network.models import Space

    room = SpaceFactory(
        site=cast.site, code="SALLE-1", kind=Space.Kind.MEETING_ROOM, seats=8, leasable=False
    )
    outsider = StartupFactory(name="Visiteur SARL")
    # the resident books 6 h in October, the outsider 2 h
    for n, (startup, hours) in enumerate(((cast.own, 3), (cast.own, 3), (outsider, 2))):
        day = D(2026, 10, 5 + n)
        Booking.objects.create(
            site=cast.site,
            space=room,
            startup=startup,
            title="Réunion",
            starts_at=local_datetime(day, dt.time(9)),
            ends_at=local_datetime(day, dt.time(9 + hours)),
            booked_by=cast.owner,
        )
    made = room_hire_bill_month(site=cast.site, month=D(2026, 10, 1), by=None)
    assert sorted((c.startup.name, c.quantity) for c in made) == [
        ("Own Startup", Decimal("2.00")),  # 6 h - 4 free
        ("Visiteur SARL", Decimal("2.00")),
    ]
    assert room_hire_bill_month(site=cast.site, month=D(2026, 10, 1), by=None) == []
    # the resident's goes on the next rent invoice; the outsider gets an invoice of its own
    services.charge_add(
        site=cast.site,
        startup=cast.own,
        kind="service",
        label="Légalisation de documents",
        unit_price_mad=Decimal("50"),
        incurred_on=D(2026, 10, 20),
        by=cast.site_manager,
    )
    november = _issue(lease, D(2026, 11, 1))
    labels = list(november.lines.values_list("label", flat=True))
    assert labels[2:] == [
        "Légalisation de documents",
        "Location de salles de réunion 10/2026 : 6 h, dont 4 h offertes aux résidents",
    ]
    assert november.charges_mad == Decimal("120.00") + Decimal("300.00") + Decimal("50.00")
    own = services.charges_invoice(
        site=cast.site, startup=outsider, issued_on=D(2026, 11, 2), by=cast.site_manager
    )
    assert (own.kind, own.lease, own.total_mad) == ("charges", None, Decimal("360.00"))
    with pytest.raises(DomainError):
        services.charges_invoice(
            site=cast.site, startup=outsider, issued_on=D(2026, 11, 3), by=None
        )


def test_pages_for_charges_and_the_deposit(cast, lease):
    from technopark.billing.models import Charge, Deposit

    manager = cast.client("site_manager")
    response = manager.post(
        f"/billing/{cast.site.code}/charges/",
        {
            "action": "add",
            "startup": cast.own.pk,
            "kind": "event",
            "label": "Stand au Demo Day",
            "quantity": "1",
            "unit_price_mad": "800",
            "incurred_on": "2026-10-10",
        },
    )
    assert response.status_code == 302
    page = manager.get(f"/billing/{cast.site.code}/charges/").content.decode()
    assert "Stand au Demo Day" in page
    response = manager.post(
        f"/billing/{cast.site.code}/charges/", {"action": "invoice", "ref": cast.own.ref}
    )
    charge = Charge.objects.get()
    assert response.url == f"/billing/invoices/{charge.invoice_id}/"
    # the deposit of a contract that ends
    services.deposit_invoice(lease=lease, issued_on=D(2025, 1, 1), by=None)
    hosting_services.lease_end(lease=lease, ended_on=D(2026, 12, 1), by=cast.site_manager)
    url = f"/hosting/{cast.site.code}/contracts/{lease.pk}/"
    assert "Settle the deposit" in manager.get(url).content.decode()
    manager.post(
        url + "deposit/",
        {"deposit-day": "2026-12-02", "deposit-retained_mad": "0", "deposit-reason": ""},
    )
    assert Deposit.objects.get(lease=lease).status == "returned"
    assert cast.client("owner").post(url + "deposit/", {}).status_code in (403, 404)


def test_the_contract_pdf_in_french_and_arabic_and_its_signed_scan(cast, lease):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/hosting/{cast.site.code}/contracts/{lease.pk}/"
    owner = cast.client("owner")
    for lang in ("fr", "ar"):
        pdf = owner.get(url + f"pdf/?lang={lang}")
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    manager = cast.client("site_manager")
    fake = SimpleUploadedFile(
        "contrat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    manager.post(url + "scan/", {"scan": fake})
    lease.refresh_from_db()
    assert not lease.signed_scan
    real = SimpleUploadedFile("contrat.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n")
    manager.post(url + "scan/", {"scan": real})
    lease.refresh_from_db()
    assert lease.signed_scan
    download = owner.get(url + "scan/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert cast.client("other_member").get(url + "scan/").status_code == 404


def test_the_founder_gives_notice_and_answers_an_offer_from_the_workspace(cast, lease):

    owner = cast.client("owner")
    page = owner.get(f"/hosting/startup/{cast.own.ref}/invoices/").content.decode()
    assert "Give notice" in page or "préavis" in page
    owner.post(
        f"/hosting/startup/{cast.own.ref}/contracts/{lease.pk}/notice/",
        {"notice-notice_on": "2026-10-01", "notice-leaving_on": "2027-01-31"},
    )
    lease.refresh_from_db()
    assert (lease.status, lease.planned_end) == ("notice", D(2027, 1, 31))
    entry = _offered_entry(cast)
    owner.post(f"/hosting/startup/{cast.own.ref}/offers/{entry.pk}/accept/")
    entry.refresh_from_db()
    assert entry.status == "placed"
    assert (entry.lease.status, entry.lease.rent_per_m2_mad) == ("draft", Decimal("50.00"))


def _offered_entry(cast):
    """Own Startup's place on site A's waiting list, offered a 30 m² office (A-301)."""
    from technopark.hosting.models import WaitingEntry
    from technopark.house.testing import SpaceFactory

    return WaitingEntry.objects.create(
        site=cast.site,
        startup=cast.own,
        area_needed_m2=Decimal("30"),
        kind="office",
        requested_on=D(2026, 1, 5),
        status=WaitingEntry.Status.OFFERED,
        offered_space=SpaceFactory(site=cast.site, code="A-301", area_m2=Decimal("30")),
        offered_on=D(2026, 11, 1),
    )


def test_a_teammate_who_is_not_a_founder_cannot_end_the_contract_or_take_an_offer(cast, lease):
    """Like inviting people, committing the startup is a founder's decision."""
    from technopark.hosting.models import WaitingEntry

    colleague = cast.client("colleague")
    page = colleague.get(f"/hosting/startup/{cast.own.ref}/invoices/")
    assert page.status_code == 200  # the teammate still sees the contracts
    assert f"/contracts/{lease.pk}/notice/" not in page.content.decode()
    response = colleague.post(
        f"/hosting/startup/{cast.own.ref}/contracts/{lease.pk}/notice/",
        {"notice-notice_on": "2026-10-01", "notice-leaving_on": "2027-01-31"},
    )
    assert response.status_code == 403
    lease.refresh_from_db()
    assert lease.status != "notice"
    entry = _offered_entry(cast)
    for answer in ("accept", "decline"):
        url = f"/hosting/startup/{cast.own.ref}/offers/{entry.pk}/{answer}/"
        assert colleague.post(url).status_code == 403
    entry.refresh_from_db()
    assert entry.status == WaitingEntry.Status.OFFERED

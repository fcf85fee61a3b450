"""Bank statements: MT940, CAMT.053 and CSV read, each credit matched (by the invoice number,
else proposed by amount and client, else left for a person), recorded through the payment
service; a statement imported again records nothing twice; never more than a balance."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from technopark.billing.models import Payment
from technopark.core.errors import DomainError
from technopark.hosting.models import Lease
from technopark.payments import parsers, services
from technopark.payments.models import BankStatement, BankTransaction, ClientCredit
from technopark.payments.tests.conftest import issue

ACCOUNT = "190780212110001234567891"


@pytest.fixture
def invoices(cast):
    """Three invoices of 1 200,00 MAD of 'Own Startup' (SA-2026-00001 to 00003)."""
    lease = Lease.objects.get(space__code="A-101")
    return [issue(lease, dt.date(2026, m, 1)) for m in (9, 10, 11)]


def mt940(lines: list[tuple[str, str, str]]) -> bytes:
    """A statement of credits (bank reference, amount, label) and one debit."""
    body = [":20:STMT2611", f":25:{ACCOUNT}", ":28C:00001/001", ":60F:C261101MAD1000,00"]
    for n, (ref, amount, label) in enumerate(lines, start=5):
        body += [f":61:2611{n:02d}11{n:02d}C{amount}NTRFNONREF//{ref}", f":86:{label}"]
    body += [":61:2611201120D50,00NCHGNONREF//FEES1", ":86:FRAIS DE TENUE", ":62F:C261130MAD0,00"]
    return ("\r\n".join(body) + "\r\n").encode()


def camt053(entries: list[tuple[str, str, str, str]]) -> bytes:
    ntry = "".join(
        f"""<Ntry><Amt Ccy="MAD">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-12</Dt></BookgDt><AcctSvcrRef>{ref}</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>{payer}</Nm></Dbtr></RltdPties>
        <RmtInf><Ustrd>{label}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"""
        for ref, amount, label, payer in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-13T08:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><Othr><Id>{ACCOUNT}</Id></Othr></Id></Acct>{ntry}
<Ntry><Amt Ccy="MAD">80.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-12</Dt></BookgDt>
<AcctSvcrRef>FEE9</AcctSvcrRef></Ntry></Stmt></BkToCstmrStmt></Document>""".encode()


def _import(cast, fmt, data, **kw):
    account, credits = parsers.parse(fmt, data, **kw)
    return services.statement_import(
        account=account, fmt=fmt, credits=credits, site=cast.site, by=cast.site_manager
    )


@pytest.mark.django_db
def test_an_mt940_statement_is_matched_proposed_and_left_and_a_reimport_records_nothing(
    cast, invoices
):
    data = mt940(
        [
            ("BK1", "1200,00", "VIR RECU FACTURE SA 2026 1 LOYER SEPTEMBRE"),
            ("BK2", "1200,00", "VIREMENT OWN STARTUP LOYER"),
            ("BK3", "777,00", "VIR RECU STE INCONNUE"),
        ]
    )
    result = _import(cast, "mt940", data)
    assert [t.bank_reference for t in result.matched] == ["BK1"]
    assert [t.bank_reference for t in result.proposed] == ["BK2"]
    assert [t.bank_reference for t in result.unknown] == ["BK3"]
    assert Payment.objects.get().invoice == invoices[0]  # the debit was skipped
    # The proposal: one of the two invoices still open with that amount, not recorded yet.
    proposed = BankTransaction.objects.get(bank_reference="BK2")
    assert proposed.invoice in invoices[1:] and proposed.payment is None

    again = _import(cast, "mt940", data)
    assert (again.matched, again.proposed, again.unknown, again.already) == ([], [], [], 3)
    assert BankTransaction.objects.count() == 3 and Payment.objects.count() == 1
    assert BankStatement.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_the_same_bank_reference_twice(cast, invoices):
    _import(cast, "mt940", mt940([("BK1", "10,00", "X")]))
    statement = BankStatement.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        BankTransaction.objects.create(
            statement=statement,
            account=ACCOUNT,
            bank_reference="BK1",
            booked_on=dt.date(2026, 11, 5),
            amount_mad=Decimal("10"),
            state="unknown",
        )


@pytest.mark.django_db
def test_a_camt053_credit_above_the_balance_keeps_the_excess_as_credit(cast, invoices):
    services_payment = Decimal("1000.00")
    from technopark.billing.services import payment_record

    payment_record(
        invoice=invoices[0],
        amount_mad=services_payment,
        paid_on=dt.date(2026, 9, 10),
        by=cast.site_manager,
    )
    result = _import(
        cast,
        "camt053",
        camt053([("C1", "1200.00", "Facture SA-2026-00001", "OWN STARTUP SARL")]),
    )
    assert [t.bank_reference for t in result.matched] == ["C1"]
    assert sum(p.amount_mad for p in Payment.objects.filter(invoice=invoices[0])) == Decimal(
        "1200.00"
    )
    assert ClientCredit.objects.get().amount_mad == Decimal("1000.00")


@pytest.mark.django_db
def test_staff_confirm_a_proposal_assign_an_unknown_and_dismiss_another(cast, invoices):
    _import(
        cast,
        "camt053",
        camt053(
            [
                ("C2", "1200.00", "Loyer novembre", "OWN STARTUP"),
                ("C3", "1200.00", "VIR 4411", "M. ALAMI"),
                ("C4", "15.00", "Interets crediteurs", "BANQUE"),
            ]
        ),
    )
    client = cast.client("site_manager")
    page = client.get(f"/payments/{cast.site.code}/statements/")
    assert page.status_code == 200
    assert page.content.decode().count('data-state="unknown"') == 2
    proposal = BankTransaction.objects.get(bank_reference="C2")
    assert proposal.state == "proposed"
    client.post(f"/payments/transactions/{proposal.pk}/confirm/")
    proposal.refresh_from_db()
    assert proposal.state == "matched" and proposal.payment.amount_mad == Decimal("1200.00")
    # Confirming twice records nothing more.
    client.post(f"/payments/transactions/{proposal.pk}/confirm/")
    assert Payment.objects.count() == 1

    unknown = BankTransaction.objects.get(bank_reference="C3")
    target = next(i for i in invoices if i != proposal.invoice)
    client.post(f"/payments/transactions/{unknown.pk}/assign/", {"invoice": target.reference})
    unknown.refresh_from_db()
    assert unknown.state == "matched" and unknown.invoice == target
    interest = BankTransaction.objects.get(bank_reference="C4")
    client.post(f"/payments/transactions/{interest.pk}/assign/", {"invoice": "SA-1999-00042"})
    interest.refresh_from_db()
    assert interest.state == "unknown"  # no such invoice: nothing changed
    client.post(f"/payments/transactions/{interest.pk}/dismiss/", {"reason": "Intérêts"})
    interest.refresh_from_db()
    assert interest.state == "dismissed" and Payment.objects.count() == 2


@pytest.mark.django_db
def test_a_transfer_booked_in_a_period_closed_since_is_recorded_on_the_first_open_day(
    cast, invoices
):
    from technopark.billing.services.periods import period_close

    _import(cast, "camt053", camt053([("C2", "1200.00", "Loyer novembre", "OWN STARTUP")]))
    proposal = BankTransaction.objects.get(bank_reference="C2")
    assert proposal.booked_on == dt.date(2026, 11, 12)
    period_close(site=cast.site, closed_until=dt.date(2026, 11, 30), by=cast.site_manager)
    cast.client("site_manager").post(f"/payments/transactions/{proposal.pk}/confirm/")
    proposal.refresh_from_db()
    assert proposal.state == "matched"
    assert proposal.payment.paid_on == dt.date(2026, 12, 1)


@pytest.mark.django_db
def test_the_upload_page_reads_a_csv_with_the_columns_given(cast, invoices):
    csv_data = (
        "Date opération;Montant;Référence;Libellé;Donneur\n"
        "05/11/2026;1 200,00;CSV1;Règlement facture SA-2026-00002;Own Startup\n"
        "06/11/2026;-40,00;CSV2;Frais;Banque\n"
    ).encode("utf-8-sig")
    response = cast.client("site_manager").post(
        f"/payments/{cast.site.code}/statements/",
        {
            "file": SimpleUploadedFile("releve.csv", csv_data),
            "format": "csv",
            "account": ACCOUNT,
            "col_date": "Date opération",
            "col_amount": "Montant",
            "col_reference": "Référence",
            "col_label": "Libellé",
            "col_payer": "Donneur",
            "date_format": "%d/%m/%Y",
            "delimiter": ";",
        },
    )
    assert response.status_code == 302
    tx = BankTransaction.objects.get()
    assert (tx.bank_reference, tx.state, tx.invoice) == ("CSV1", "matched", invoices[1])


@pytest.mark.django_db
def test_a_bad_file_is_a_clear_error_and_changes_nothing(cast, invoices):
    bomb = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Document>&b;</Document>"""
    with pytest.raises(DomainError) as refused:
        parsers.parse("camt053", bomb)
    assert refused.value.code == "bad_statement"
    response = cast.client("site_manager").post(
        f"/payments/{cast.site.code}/statements/",
        {"file": SimpleUploadedFile("x.csv", b"a;b\n1;2\n"), "format": "csv", "account": "X"},
    )
    assert response.status_code == 200 and 'class="alert alert-danger"' in response.content.decode()
    assert not BankStatement.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_what_it_matched_proposed_and_left(cast, invoices, tmp_path):
    path = tmp_path / "releve.sta"
    path.write_bytes(
        mt940(
            [
                ("BK1", "1200,00", "FACTURE SA-2026-00003"),
                ("BK2", "1200,00", "OWN STARTUP LOYER"),
                ("BK3", "99,00", "INCONNU"),
            ]
        )
    )
    out = StringIO()
    call_command("payments-import", str(path), "--site", "SA", "--language", "fr", stdout=out)
    text = out.getvalue()
    assert "BK1" in text and "SA-2026-00003" in text and "BK2" in text and "BK3" in text
    assert text.strip().splitlines()[-1].startswith("1 ")  # the summary: 1 recorded, ...
    out = StringIO()
    call_command("payments-import", str(path), "--site", "SA", stdout=out)
    assert "3" in out.getvalue().strip().splitlines()[-1] and Payment.objects.count() == 1
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(["not", "a", "mapping"]))
    with pytest.raises(CommandError):
        call_command("payments-import", str(path), "--format", "csv", "--mapping", str(mapping))

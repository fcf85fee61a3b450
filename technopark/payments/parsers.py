"""Reading bank statements: MT940 (the `mt-940` library), CAMT.053 (ISO 20022 XML, read with
`defusedxml`, which refuses entity expansion and external entities) and a bank's CSV with a
column mapping. Each returns the statement's account and its credits; debits are skipped.
A file that cannot be read is a DomainError naming the problem, never a traceback."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from technopark.core.errors import DomainError
from technopark.payments.services import Credit

FORMATS = ("mt940", "camt053", "csv")


def _bad(detail: str) -> DomainError:
    return DomainError(
        _("This file cannot be read as a bank statement: %(detail)s") % {"detail": detail},
        code="bad_statement",
    )


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _bad(_("unknown text encoding"))


def guess_format(name: str, data: bytes) -> str:
    head = data[:400].lstrip()
    if head.startswith(b"<") or name.lower().endswith(".xml"):
        return "camt053"
    if b":20:" in data[:200] or b":25:" in data[:400] or name.lower().endswith((".sta", ".940")):
        return "mt940"
    return "csv"


def _fallback_ref(*parts) -> str:
    """A reference for a line that has none: the same line gives the same reference."""
    return "H" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:30]


def _day(value) -> dt.date:
    if value is None:
        raise _bad(_("an entry without a date"))
    return dt.date(value.year, value.month, value.day)


def parse_mt940(data: bytes) -> tuple[str, list[Credit]]:
    import mt940

    try:
        statement = mt940.models.Transactions()
        statement.parse(_text(data))
    except Exception as exc:  # noqa: BLE001 - the library raises many kinds
        raise _bad("MT940") from exc
    account = str(statement.data.get("account_identification") or "")
    credits = []
    for index, tx in enumerate(statement):
        amount = tx.data.get("amount")
        if amount is None or amount.amount <= 0:
            continue
        details = tx.data.get("transaction_details") or ""
        ref = tx.data.get("bank_reference") or tx.data.get("customer_reference") or ""
        if not ref or ref.upper() == "NONREF":
            ref = _fallback_ref(tx.data.get("date"), amount.amount, details, index)
        credits.append(
            Credit(
                reference=str(ref),
                booked_on=_day(tx.data.get("date")),
                amount=Decimal(amount.amount),
                label=" ".join(str(details).split()),
                counterparty=str(tx.data.get("extra_details") or ""),
            )
        )
    if not account and not credits:
        raise _bad("MT940")
    return account, credits


def parse_camt053(data: bytes) -> tuple[str, list[Credit]]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise _bad("XML") from exc
    ns = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else ""
    if "camt.053" not in ns:
        raise _bad(_("not a CAMT.053 document"))
    q = {"c": ns}

    def text(node, path: str) -> str:
        found = node.find(path, q)
        return (found.text or "").strip() if found is not None else ""

    account = ""
    credits = []
    for stmt in root.iterfind(".//c:Stmt", q):
        account = text(stmt, "c:Acct/c:Id/c:IBAN") or text(stmt, "c:Acct/c:Id/c:Othr/c:Id")
        for entry in stmt.iterfind("c:Ntry", q):
            if text(entry, "c:CdtDbtInd") != "CRDT":
                continue
            try:
                amount = Decimal(text(entry, "c:Amt"))
                booked = dt.date.fromisoformat(
                    (text(entry, "c:BookgDt/c:Dt") or text(entry, "c:BookgDt/c:DtTm"))[:10]
                )
            except (InvalidOperation, ValueError) as exc:
                raise _bad(_("an entry without amount or date")) from exc
            label = " ".join(
                n.text.strip()
                for n in entry.iterfind(".//c:RmtInf/c:Ustrd", q)
                if n.text and n.text.strip()
            ) or text(entry, "c:AddtlNtryInf")
            ref = (
                text(entry, "c:AcctSvcrRef")
                or text(entry, ".//c:TxDtls/c:Refs/c:AcctSvcrRef")
                or text(entry, ".//c:TxDtls/c:Refs/c:EndToEndId")
                or _fallback_ref(booked, amount, label)
            )
            payer = text(entry, ".//c:RltdPties/c:Dbtr/c:Nm") or text(
                entry, ".//c:RltdPties/c:Dbtr/c:Pty/c:Nm"
            )
            credits.append(Credit(ref, booked, amount, label, payer))
    if not account:
        raise _bad(_("no account in the statement"))
    return account, credits


DEFAULT_MAPPING = {
    "date": "date",
    "amount": "amount",
    "reference": "reference",
    "label": "label",
    "payer": "payer",
    "date_format": "%d/%m/%Y",
    "delimiter": ";",
    "decimal": ",",
}


def read_mapping(data: bytes | str | None) -> dict:
    """A column mapping: JSON, {"date": column, "amount": column, ...} (docs/payments.md)."""
    if not data:
        return dict(DEFAULT_MAPPING)
    try:
        given = json.loads(data)
    except ValueError as exc:
        raise DomainError(_("The column mapping is not valid JSON."), code="bad_mapping") from exc
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        raise DomainError(_("The column mapping is not valid JSON."), code="bad_mapping")
    return {**DEFAULT_MAPPING, **given}


def _amount(value: str, decimal_mark: str) -> Decimal:
    value = value.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if decimal_mark == ",":
        value = value.replace(".", "").replace(",", ".")
    else:
        value = value.replace(",", "")
    return Decimal(value)


def parse_csv(data: bytes, mapping: dict, account: str = "") -> tuple[str, list[Credit]]:
    reader = csv.DictReader(io.StringIO(_text(data)), delimiter=mapping["delimiter"] or ";")
    columns = set(reader.fieldnames or [])
    missing = [mapping[k] for k in ("date", "amount") if mapping[k] not in columns]
    if missing:
        raise DomainError(
            _("Columns missing from the file: %(columns)s") % {"columns": ", ".join(missing)},
            code="bad_mapping",
        )
    credits = []
    for line, row in enumerate(reader, start=2):
        try:
            amount = _amount(row[mapping["amount"]] or "", mapping["decimal"])
            booked = dt.datetime.strptime(
                (row[mapping["date"]] or "").strip(), mapping["date_format"]
            ).date()
        except (InvalidOperation, ValueError) as exc:
            raise DomainError(
                _("Line %(line)d: a date or an amount cannot be read.") % {"line": line},
                code="bad_statement",
            ) from exc
        if amount <= 0:
            continue
        label = (row.get(mapping["label"]) or "").strip()
        ref = (row.get(mapping["reference"]) or "").strip() or _fallback_ref(
            booked, amount, label, line
        )
        credits.append(Credit(ref, booked, amount, label, (row.get(mapping["payer"]) or "")))
    account = account or mapping.get("account", "")
    return account, credits


def parse(
    fmt: str, data: bytes, *, mapping: dict | None = None, account: str = ""
) -> tuple[str, list[Credit]]:
    if fmt == "mt940":
        found, credits = parse_mt940(data)
    elif fmt == "camt053":
        found, credits = parse_camt053(data)
    else:
        found, credits = parse_csv(data, mapping or dict(DEFAULT_MAPPING), account)
    return account or found, credits

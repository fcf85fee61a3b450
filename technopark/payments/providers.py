"""Card payment providers. `Provider` is the interface; `CmiProvider` speaks the protocol of
CMI, Morocco's interbank card gateway (3D_PAY_HOSTING: the merchant's page POSTs a signed form
to the gateway's hosted payment page; the gateway calls the merchant back, server to server,
with the result and the same kind of hash, then sends the browser to okUrl or failUrl).

The hash (hashAlgorithm "ver3"): every parameter but HASH and encoding, sorted by name
(case-insensitively), each value with `\\` and `|` escaped by a backslash, joined by `|`, then
`|` and the escaped store key; SHA-512 of that, base64-encoded. See docs/payments.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings

CURRENCY_MAD = "504"  # ISO 4217 numeric code of the dirham
EXCLUDED = {"hash", "encoding"}


def _escape(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|")


def _natural_key(name: str):
    """PHP's natcasesort, which CMI's own samples use: case-insensitive, numbers by value."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower())]


def cmi_hash(params: dict[str, str], store_key: str) -> str:
    names = sorted((k for k in params if k.lower() not in EXCLUDED), key=_natural_key)
    plain = "|".join(_escape(params[name]) for name in names) + "|" + _escape(store_key)
    return base64.b64encode(hashlib.sha512(plain.encode("utf-8")).digest()).decode("ascii")


@dataclass(frozen=True)
class Outcome:
    """What a verified callback says: the order, whether the card was charged, and the
    gateway's own reference and message."""

    oid: str
    approved: bool
    amount: Decimal
    reference: str
    message: str


class InvalidCallback(Exception):
    """The callback's signature or content does not hold: nothing may change."""


class Provider(Protocol):
    code: str

    def checkout(
        self,
        *,
        oid: str,
        amount: Decimal,
        ok_url: str,
        fail_url: str,
        callback_url: str,
        language: str,
        email: str = "",
    ) -> tuple[str, dict[str, str]]:
        """The URL to POST to and the form's fields (the browser submits them)."""

    def verify(self, params: dict[str, str]) -> Outcome:
        """A callback's result, or InvalidCallback when it is not the gateway's."""

    def acknowledge(self, outcome: Outcome) -> str:
        """The body the gateway expects back from the merchant."""


class CmiProvider:
    code = "cmi"

    def __init__(self, *, gateway_url: str, client_id: str, store_key: str):
        self.gateway_url = gateway_url
        self.client_id = client_id
        self.store_key = store_key

    def checkout(
        self, *, oid, amount, ok_url, fail_url, callback_url, language, email=""
    ) -> tuple[str, dict[str, str]]:
        fields = {
            "clientid": self.client_id,
            "amount": f"{amount:.2f}",
            "currency": CURRENCY_MAD,
            "oid": oid,
            "okUrl": ok_url,
            "failUrl": fail_url,
            "callbackUrl": callback_url,
            "shopurl": ok_url,
            "trantype": "PreAuth",
            "storetype": "3D_PAY_HOSTING",
            "hashAlgorithm": "ver3",
            "lang": language if language in ("fr", "ar", "en") else "fr",
            "rnd": base64.b16encode(hashlib.sha256(oid.encode()).digest()[:10]).decode(),
            "encoding": "UTF-8",
            "email": email,
            "AutoRedirect": "true",
        }
        fields["HASH"] = cmi_hash(fields, self.store_key)
        return self.gateway_url, fields

    def verify(self, params: dict[str, str]) -> Outcome:
        given = params.get("HASH", "")
        if not given or not hmac.compare_digest(given, cmi_hash(params, self.store_key)):
            raise InvalidCallback("hash")
        if params.get("clientid") != self.client_id or params.get("currency") != CURRENCY_MAD:
            raise InvalidCallback("merchant")
        try:
            amount = Decimal(params.get("amount", ""))
        except ArithmeticError as exc:
            raise InvalidCallback("amount") from exc
        approved = params.get("ProcReturnCode") == "00" and params.get("Response") == "Approved"
        return Outcome(
            oid=params.get("oid", ""),
            approved=approved,
            amount=amount,
            reference=params.get("TransId", "")[:64],
            message=(params.get("ErrMsg") or params.get("Response") or "")[:300],
        )

    def acknowledge(self, outcome: Outcome) -> str:
        # CMI's answers: capture the pre-authorisation, or tell it the order is refused.
        return "ACTION=POSTAUTH" if outcome.approved else "APPROVED"


def provider() -> Provider:
    return CmiProvider(
        gateway_url=settings.PAYMENTS_GATEWAY_URL,
        client_id=settings.PAYMENTS_CMI_CLIENT_ID,
        store_key=settings.PAYMENTS_CMI_STORE_KEY,
    )

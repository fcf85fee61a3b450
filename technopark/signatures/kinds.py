"""What can be signed: a small registry of "signable kinds".

A kind says how to render its PDF (from the record signed, in a language), who may ask for
a signature, and what happens once everyone has signed. Two kinds come with the app:

- `contract`: a hosting contract (draft), rendered as hosting renders it today; once signed
  by all, hosting's own `lease_sign` signs it, and the sealed PDF is kept as its signed file;
- `document`: any PDF the staff upload for a startup (an amendment, an avenant…); nothing
  more happens when it is signed.

A third, `minutes`, signs the approved minutes of a selection committee (its members present
sign; the chair last). Another app registers its kind with `register(SignableKind(...))`
from its `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SignableKind:
    name: str
    label: Any  # a lazy translation
    # (object_id) -> the record signed, or None for kinds signed without one.
    resolve: Callable[[int | None], Any]
    # (record, language) -> the PDF; None: the PDF is uploaded with the request.
    render: Callable[[Any, str], bytes] | None
    # (user, record or startup) -> may this person ask for signatures?
    may_request: Callable[[Any, Any], bool]
    # (signature request, final PDF bytes, by) -> a note when the record could not follow,
    # else "" (called in the transaction of the last signature).
    on_completed: Callable[[Any, bytes, Any], str]


_KINDS: dict[str, SignableKind] = {}


def register(kind: SignableKind) -> None:
    _KINDS[kind.name] = kind


def get(name: str) -> SignableKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no signable kind named {name!r}") from None


def all_kinds() -> list[SignableKind]:
    return list(_KINDS.values())


# --- contract: a hosting contract ------------------------------------------------------------


def _lease(object_id):
    from technopark.hosting.models import Lease

    return Lease.objects.select_related("site", "startup", "space").get(pk=object_id)


def _render_contract(lease, language: str) -> bytes:
    from technopark.hosting.contract_pdf import contract_pdf

    return contract_pdf(lease, "ar" if language == "ar" else "fr")


def _may_request_contract(user, lease) -> bool:
    from technopark.accounts.permissions import can

    return can(user, "lease.change", lease)


def _contract_signed(request, final: bytes, by) -> str:
    """The contract becomes signed through hosting's own service; the sealed PDF is its
    signed file. What hosting refuses (another contract took the space meanwhile) is kept as
    a note for the staff, and the signatures stand."""
    from django.core.files.base import ContentFile
    from django.db import transaction

    from technopark.core import clock
    from technopark.core.errors import DomainError
    from technopark.hosting.models import Lease
    from technopark.hosting.services import lease_attach_scan, lease_sign

    lease = _lease(request.object_id)
    try:
        with transaction.atomic():
            if lease.status == Lease.Status.DRAFT:
                lease_sign(lease=lease, signed_on=clock.today(), by=by)
            lease_attach_scan(
                lease=lease,
                file=ContentFile(final, name=f"contrat-{lease.site.code}-{lease.pk}-signe.pdf"),
                by=by,
            )
    except DomainError as exc:
        return exc.message
    return ""


register(
    SignableKind(
        name="contract",
        label=_("Hosting contract"),
        resolve=_lease,
        render=_render_contract,
        may_request=_may_request_contract,
        on_completed=_contract_signed,
    )
)


# --- minutes: a selection committee's approved minutes ------------------------------------


def _session(object_id):
    from technopark.committee.models import Session

    return Session.objects.select_related("call__site", "chair").get(pk=object_id)


def _render_minutes(session, language: str) -> bytes:
    from technopark.committee.minutes import minutes_pdf

    return minutes_pdf(session, "ar" if language == "ar" else "fr")


def _may_request_minutes(user, session) -> bool:
    """Those who run the session, once the chair has approved its minutes (frozen)."""
    from technopark.accounts.permissions import can

    return session.minutes == "approved" and can(user, "committee.manage", session)


register(
    SignableKind(
        name="minutes",
        label=_("Minutes of a selection committee"),
        resolve=_session,
        render=_render_minutes,
        may_request=_may_request_minutes,
        on_completed=lambda request, final, by: "",
    )
)


# --- document: a PDF uploaded for a startup --------------------------------------------------


def _may_request_document(user, startup) -> bool:
    from technopark.accounts.permissions import can

    return can(user, "signature.request", startup)


register(
    SignableKind(
        name="document",
        label=_("Document"),
        resolve=lambda object_id: None,
        render=None,
        may_request=_may_request_document,
        on_completed=lambda request, final, by: "",
    )
)

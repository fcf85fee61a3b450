"""Who sees and acts on signature requests.

- A request is seen by the staff of its site (managers and program officers), by the
  members of its startup, and by the people asked to sign it; a founder never sees another
  startup's requests, nor their documents.
- The site's managers (and network administrators) ask for signatures and cancel requests.
- Only the signer signs or declines, with their own session.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.network.models import Site
from technopark.signatures.models import SignatureRequest, Signer
from technopark.startups.models import Startup


def visible_signature_requests(user) -> QuerySet[SignatureRequest]:
    p = principal(user)
    qs = SignatureRequest.objects.select_related("site", "startup")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    signing = Signer.objects.filter(user_id=p.user_id).values("request_id")
    return qs.filter(
        Q(site_id__in=p.staff_site_ids) | Q(startup_id__in=p.startup_ids) | Q(pk__in=signing)
    )


def request_sites(user, startup: Startup) -> QuerySet[Site]:
    """The sites at which the user may ask this startup for signatures: those they manage
    where the startup is enrolled or holds a contract."""
    p = principal(user)
    at = Site.objects.filter(Q(enrollments__startup=startup) | Q(leases__startup=startup))
    if not p.is_network_admin:
        at = at.filter(pk__in=p.managed_site_ids)
    return Site.objects.filter(pk__in=at.values("pk")).order_by("code")


@rule("signature.list")
def _list(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.staff_site_ids) or bool(p.startup_ids)


@rule("signature.request")
def _request(p: Principal, startup: Startup) -> bool:
    """Ask a startup for signatures on an uploaded document."""
    if p.is_network_admin:
        return True
    if not p.managed_site_ids:
        return False
    return Site.objects.filter(
        Q(enrollments__startup=startup) | Q(leases__startup=startup),
        pk__in=p.managed_site_ids,
    ).exists()


@rule("signature.view")
def _view(p: Principal, request: SignatureRequest) -> bool:
    if p.works_at_site(request.site_id) or p.is_member_of(request.startup_id):
        return True
    return p.is_authenticated and request.signers.filter(user_id=p.user_id).exists()


@rule("signature.manage")
def _manage(p: Principal, request: SignatureRequest) -> bool:
    return p.manages_site(request.site_id)


@rule("signature.sign")
def _sign(p: Principal, signer: Signer) -> bool:
    return p.is_authenticated and signer.user_id == p.user_id

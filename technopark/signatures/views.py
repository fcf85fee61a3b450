"""Signature pages: the list, asking (from a contract or an uploaded PDF), a request and its
evidence, the signer's page, the documents (docs/signatures.md)."""

from __future__ import annotations

import datetime as dt

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core import clock
from technopark.core.client_address import client_ip
from technopark.core.errors import DomainError
from technopark.core.uploads import serve_private
from technopark.hosting.models import Lease
from technopark.hosting.permissions import visible_leases
from technopark.signatures import kinds, services
from technopark.signatures.forms import DeclineForm, RequestForm, SignForm
from technopark.signatures.models import SignatureRequest, Signer
from technopark.signatures.permissions import request_sites, visible_signature_requests
from technopark.startups.permissions import visible_startups


def _request(request: HttpRequest, pk: int) -> SignatureRequest:
    found = get_visible_or_404(visible_signature_requests(request.user).distinct(), pk=pk)
    require(request.user, "signature.view", found, view_perm="signature.view")
    return found


def _my_signer(request: HttpRequest, sig: SignatureRequest) -> Signer | None:
    return sig.signers.filter(user_id=request.user.pk).select_related("user").first()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "signature.list"):
        raise Http404
    qs = visible_signature_requests(request.user).distinct().prefetch_related("signers__user")
    status = request.GET.get("status", "")
    if status in SignatureRequest.Status.values:
        qs = qs.filter(status=status)
    elif status == "open":
        qs = qs.filter(status__in=SignatureRequest.OPEN)
    p = principal(request.user)
    return render(
        request,
        "signatures/index.html",
        {
            "rows": qs[:200],
            "status": status,
            "statuses": SignatureRequest.Status.choices,
            "to_sign": Signer.objects.filter(
                user=request.user,
                status__in=[Signer.Status.WAITING, Signer.Status.VIEWED],
                request__status__in=SignatureRequest.OPEN,
                invited_at__isnull=False,
            ).select_related("request"),
            "can_ask": p.is_network_admin or bool(p.managed_site_ids),
        },
    )


def _ask(request, *, kind: str, startup, target=None, with_file=False, back=None):
    sites = request_sites(request.user, startup)
    site = target.site if target is not None else sites.first()
    if site is None:
        raise Http404
    candidates = services.signer_candidates(startup, site)
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        candidates=candidates,
        with_file=with_file,
        languages=("fr", "ar") if kind == "contract" else None,
        initial=None if request.method == "POST" else _initial(kind, target, startup),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sig = services.signature_request_create(
                kind=kind,
                startup=startup,
                site=site,
                target=target,
                title=data["title"],
                language=data["language"],
                signers=form.ordered_signers(),
                in_order=data["in_order"],
                expires_on=data["expires_on"],
                file=data.get("file"),
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The signers are invited."))
            return redirect("signatures:detail", pk=sig.pk)
    return render(
        request,
        "signatures/new.html",
        {
            "form": form,
            "startup": startup,
            "site": site,
            "kind": kinds.get(kind),
            "target": target,
            "back": back,
        },
    )


def _initial(kind, target, startup) -> dict:
    import datetime as dt

    from technopark.core import clock

    initial = {"expires_on": clock.today() + dt.timedelta(days=15), "language": "fr"}
    if kind == "contract":
        initial["title"] = _("Hosting contract %(code)s-%(pk)s, space %(space)s") % {
            "code": target.site.code,
            "pk": target.pk,
            "space": target.space.code,
        }
        initial["in_order"] = True
    return initial


@login_required
def new_for_contract(request: HttpRequest, lease_pk: int) -> HttpResponse:
    lease = get_visible_or_404(
        visible_leases(request.user).select_related("site", "startup", "space"), pk=lease_pk
    )
    require(request.user, "lease.change", lease, view_perm="lease.view")
    back = reverse("hosting:contract_detail", args=[lease.site.code, lease.pk])
    if lease.status != Lease.Status.DRAFT:
        messages.error(request, _("Only a draft contract can be sent for signature."))
        return redirect(back)
    return _ask(request, kind="contract", startup=lease.startup, target=lease, back=back)


@login_required
@require_POST
def new_for_minutes(request: HttpRequest, session_pk: int) -> HttpResponse:
    """The approved minutes of a committee's session, sent at once to the members present
    (the chair last) to sign, in the language asked (French or Arabic)."""
    from technopark.committee.permissions import visible_sessions

    session = get_visible_or_404(
        visible_sessions(request.user).select_related("call__site", "chair"), pk=session_pk
    )
    require(request.user, "committee.manage", session, view_perm="committee.view")
    back = reverse("committee:detail", args=[session.pk])
    present = [m.user for m in session.members.filter(present=True).select_related("user")]
    signers = [u for u in present if u.pk != session.chair_id] + [session.chair]
    language = "ar" if request.POST.get("language") == "ar" else "fr"
    # The title is the document's, in its language, not in the sender's interface language.
    with translation.override(language):
        title = _("Minutes of the committee of %(day)s, %(call)s") % {
            "day": formats.date_format(
                timezone.localtime(session.starts_at).date(), "SHORT_DATE_FORMAT"
            ),
            "call": str(session.call),
        }
    try:
        sig = services.signature_request_create(
            kind="minutes",
            startup=None,
            site=session.call.site,
            target=session,
            title=title,
            language=language,
            signers=signers,
            expires_on=clock.today() + dt.timedelta(days=15),
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, _("The members present are invited to sign the minutes."))
    return redirect("signatures:detail", pk=sig.pk)


@login_required
def new_document(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    if not (p.is_network_admin or p.managed_site_ids):
        raise Http404
    ref = request.GET.get("startup", "").strip()
    if not ref:
        startups = visible_startups(request.user)
        if not p.is_network_admin:
            from django.db.models import Q

            startups = startups.filter(
                Q(enrollments__site_id__in=p.managed_site_ids)
                | Q(leases__site_id__in=p.managed_site_ids)
            )
        return render(
            request,
            "signatures/pick_startup.html",
            {"startups": startups.distinct().order_by("name").values("ref", "name")[:1000]},
        )
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "signature.request", startup, view_perm="startup.view")
    return _ask(request, kind="document", startup=startup, with_file=True)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    sig = _request(request, pk)
    signers = list(sig.signers.select_related("user"))
    return render(
        request,
        "signatures/detail.html",
        {
            "sig": sig,
            "signers": signers,
            "mine": next((s for s in signers if s.user_id == request.user.pk), None),
            "kind": kinds.get(sig.kind),
            "can_manage": can(request.user, "signature.manage", sig),
            "lease_url": reverse("hosting:contract_detail", args=[sig.site.code, sig.object_id])
            if sig.kind == "contract" and can(request.user, "hosting.view_site", sig.site)
            else "",
        },
    )


@login_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF as sent for signature, to read in the page or to download; opening it is
    what makes a signer's "viewed"."""
    sig = _request(request, pk)
    mine = _my_signer(request, sig)
    if mine is not None and sig.is_open:
        services.signature_viewed(signer=mine, by=request.user)
    with sig.original.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="document-{sig.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def final(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed PDF, sealed, with its page of evidence: the startup's members and the
    staff of its site."""
    sig = _request(request, pk)
    if not sig.final:
        raise Http404
    return serve_private(request, sig.final, filename=f"signed-{sig.pk}.pdf")


def _signer_or_404(request, pk: int) -> tuple[SignatureRequest, Signer]:
    sig = _request(request, pk)
    mine = _my_signer(request, sig)
    if mine is None:
        raise Http404
    require(request.user, "signature.sign", mine)
    mine.request = sig
    return sig, mine


@login_required
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The signer's page: read, ask for a code, sign (code + consent) or decline."""
    sig, mine = _signer_or_404(request, pk)
    form = SignForm(request.POST or None, initial={"document_sha256": sig.original_sha256})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.signature_sign(
                signer=mine,
                code=data["code"],
                consent=data["consent"],
                document_sha256=data["document_sha256"],
                ip_address=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
                language=request.LANGUAGE_CODE,
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            mine.refresh_from_db()
        else:
            messages.success(request, _("You have signed. Thank you."))
            return redirect("signatures:detail", pk=sig.pk)
    problem = services._turn_problem(mine)
    return render(
        request,
        "signatures/sign.html",
        {
            "sig": sig,
            "mine": mine,
            "form": form,
            "decline_form": DeclineForm(),
            "consent": services.consent_text(request.LANGUAGE_CODE),
            "problem": problem.message if problem else "",
            "code_sent": mine.code_hash != "",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def send_code(request: HttpRequest, pk: int) -> HttpResponse:
    sig, mine = _signer_or_404(request, pk)
    try:
        services.signature_code_send(
            signer=mine, by=request.user, language=translation.get_language()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("A code was sent to %(email)s. It is valid for 10 minutes.")
            % {"email": request.user.email},
        )
    return redirect("signatures:sign", pk=sig.pk)


@login_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    sig, mine = _signer_or_404(request, pk)
    form = DeclineForm(request.POST)
    form.is_valid()
    try:
        services.signature_decline(
            signer=mine, reason=form.cleaned_data.get("reason", ""), by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("signatures:sign", pk=sig.pk)
    messages.success(request, _("You declined to sign; the others are told why."))
    return redirect("signatures:detail", pk=sig.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    sig = _request(request, pk)
    require(request.user, "signature.manage", sig, view_perm="signature.view")
    try:
        services.signature_request_cancel(request=sig, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The request is cancelled."))
    return redirect("signatures:detail", pk=sig.pk)

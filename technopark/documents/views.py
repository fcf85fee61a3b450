"""The vault of a startup, its documents (downloads and versions), and document requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core import clock
from technopark.core.errors import DomainError
from technopark.core.uploads import serve_private
from technopark.documents.forms import DecideForm, RequestForm, UploadForm
from technopark.documents.models import Document, DocumentRequest, DocumentType
from technopark.documents.permissions import (
    staff_startups,
    vault_startups,
    visible_documents,
    visible_requests,
)
from technopark.documents.services import (
    document_request_decide,
    document_requests_create,
    document_upload,
)

PAGE_SIZE = 25
STATUS_FILTERS = ("open", "submitted", "accepted", "sent_back", "overdue")


def _form_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _vault_context(request, startup, form=None) -> dict:
    today = clock.today()
    current = list(
        visible_documents(request.user)
        .filter(startup=startup, is_current=True)
        .order_by("doc_type__position", "-uploaded_at", "-pk")
    )
    for doc in current:
        doc.state = doc.validity(today)
    requests = list(
        visible_requests(request.user).filter(startup=startup).order_by("-created_at", "-pk")[:50]
    )
    for req in requests:
        req.shown = req.shown_status(today)
        req.shown_label = req.shown_status_label(today)
    can_upload = can(request.user, "documents.upload", startup)
    return {
        "startup": startup,
        "documents": current,
        "requests": requests,
        "can_upload": can_upload,
        "form": form if form is not None else (UploadForm() if can_upload else None),
        "can_request": can(request.user, "documents.request", startup),
        "can_staff_page": can(request.user, "startup.staff_page", startup),
        "is_member": principal(request.user).is_member_of(startup.pk),
    }


@login_required
def vault(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(vault_startups(request.user), ref=ref)
    require(request.user, "documents.vault", startup)
    return render(request, "documents/vault.html", _vault_context(request, startup))


@login_required
@require_POST
def vault_upload(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(vault_startups(request.user), ref=ref)
    require(request.user, "documents.upload", startup, view_perm="documents.vault")
    replaces = None
    if request.POST.get("replaces"):
        replaces = get_visible_or_404(
            visible_documents(request.user).filter(startup=startup), pk=request.POST["replaces"]
        )
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_upload(
                startup=startup,
                doc_type=form.cleaned_data["doc_type"],
                file=form.cleaned_data["file"],
                issued_on=form.cleaned_data["issued_on"],
                expires_on=form.cleaned_data["expires_on"],
                replaces=replaces,
                by=request.user,
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The document is in the vault."))
            return redirect("documents:vault", ref=startup.ref)
    return render(
        request, "documents/vault.html", _vault_context(request, startup, form), status=400
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_visible_or_404(visible_documents(request.user), pk=pk)
    require(request.user, "document.view", document)
    versions = []
    cursor: Document | None = document
    while cursor is not None and len(versions) < 100:
        versions.append(cursor)
        cursor = cursor.previous
    newer = document
    while hasattr(newer, "replaced_by") and len(versions) < 200:
        newer = newer.replaced_by
        versions.insert(0, newer)
    current = versions[0]
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "startup": document.startup,
            "versions": versions,
            "current": current,
            "state": current.validity(clock.today()),
            "can_upload": current.is_current
            and can(request.user, "documents.upload", document.startup),
            "form": UploadForm(fixed_type=current.doc_type),
        },
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_visible_or_404(visible_documents(request.user), pk=pk)
    require(request.user, "document.view", document)
    return serve_private(request, document.file, filename=document.original_name)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "documents.request_any")
    today = clock.today()
    qs = visible_requests(request.user).order_by("-created_at", "-pk")
    status = request.GET.get("status", "")
    if status == "overdue":
        qs = qs.filter(
            status__in=[DocumentRequest.Status.OPEN, DocumentRequest.Status.SENT_BACK],
            due_on__lt=today,
        )
    elif status in STATUS_FILTERS:
        qs = qs.filter(status=status)
    else:
        status = ""
    doc_type = request.GET.get("type", "")
    if doc_type:
        qs = qs.filter(doc_type__code=doc_type[:40])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for req in page:
        req.shown = req.shown_status(today)
        req.shown_label = req.shown_status_label(today)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "documents/request_list.html",
        {
            "page_obj": page,
            "status": status,
            "doc_type": doc_type,
            "types": DocumentType.objects.all(),
            # A filter's choices read as labels: capitalised in every language.
            "statuses": [
                ("open", pgettext("document request filter", "Open")),
                ("submitted", pgettext("document request filter", "Submitted")),
                ("accepted", pgettext("document request filter", "Accepted")),
                ("sent_back", pgettext("document request filter", "Sent back")),
                ("overdue", pgettext("document request filter", "Overdue")),
            ],
            "querystring_without_page": (params.urlencode() + "&") if params else "",
        },
    )


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "documents.request_any")
    startups = staff_startups(request.user)
    initial = {}
    if request.GET.get("startup"):
        initial["startups"] = list(startups.filter(ref=request.GET["startup"][:40]))
    form = RequestForm(request.POST or None, startups=startups, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = document_requests_create(
                startups=list(form.cleaned_data["startups"]),
                doc_type=form.cleaned_data["doc_type"],
                due_on=form.cleaned_data["due_on"],
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Request sent to %(count)d startup(s).") % {"count": len(made)},
            )
            return redirect("documents:requests")
    return render(request, "documents/request_form.html", {"form": form})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_visible_or_404(visible_requests(request.user), pk=pk)
    require(request.user, "document_request.view", req)
    today = clock.today()
    can_fulfil = can(request.user, "document_request.fulfil", req)
    can_decide = (
        can(request.user, "document_request.decide", req)
        and req.status == DocumentRequest.Status.SUBMITTED
    )
    upload_form = UploadForm(fixed_type=req.doc_type) if can_fulfil else None
    decide_form = DecideForm() if can_decide else None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "upload":
            require(request.user, "document_request.fulfil", req)
            upload_form = UploadForm(request.POST, request.FILES, fixed_type=req.doc_type)
            if upload_form.is_valid():
                try:
                    document_upload(
                        startup=req.startup,
                        doc_type=req.doc_type,
                        file=upload_form.cleaned_data["file"],
                        issued_on=upload_form.cleaned_data["issued_on"],
                        expires_on=upload_form.cleaned_data["expires_on"],
                        request=req,
                        by=request.user,
                    )
                except DomainError as exc:
                    _form_error(upload_form, exc)
                else:
                    messages.success(request, _("Document sent. Thank you."))
                    return redirect("documents:request", pk=req.pk)
        elif action == "decide":
            require(request.user, "document_request.decide", req)
            decide_form = DecideForm(request.POST)
            if decide_form.is_valid():
                try:
                    document_request_decide(
                        request=req,
                        accept=decide_form.cleaned_data["decision"] == "accept",
                        comment=decide_form.cleaned_data["comment"],
                        by=request.user,
                    )
                except DomainError as exc:
                    _form_error(decide_form, exc)
                else:
                    if decide_form.cleaned_data["decision"] == "accept":
                        messages.success(request, _("Accepted: the startup is told."))
                    else:
                        messages.success(request, _("Sent back to the startup with your comment."))
                    return redirect("documents:request", pk=req.pk)
        else:
            return redirect("documents:request", pk=req.pk)
        status = 400
    return render(
        request,
        "documents/request_detail.html",
        {
            "req": req,
            "startup": req.startup,
            "shown": req.shown_status(today),
            "shown_label": req.shown_status_label(today),
            "upload_form": upload_form,
            "decide_form": decide_form,
        },
        status=status,
    )

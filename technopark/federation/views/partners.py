"""Partner structures: the public directory, each partner's own space, and the bilan split."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.models import Role, User
from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.core.query import page_day
from technopark.federation.bilan import SPLIT_FIGURES, bilan_split, operator_bilan, split_rows
from technopark.federation.forms import PartnerCreateForm, PartnerForm, StaffInviteForm, UploadForm
from technopark.federation.permissions import public_partners, visible_partners
from technopark.federation.selectors import (
    partner_application_counts,
    partner_calls,
    partner_enrollments,
    partner_programs,
    partners_with_counts,
)
from technopark.federation.services import (
    PARTNER_FIELDS,
    PARTNER_ROLES,
    partner_create,
    partner_staff_invite,
    partner_staff_remove,
    partner_update,
)
from technopark.interchange.models import ImportJob
from technopark.interchange.report import ImportReport
from technopark.interchange.services import (
    import_upload_cancel,
    import_upload_confirm,
    import_upload_create,
)
from technopark.network.models import Operator
from technopark.startups.permissions import visible_startups


def _as_of(request: HttpRequest) -> dt.date:
    return page_day(request, "as_of", timezone.localdate())


def _partner(request: HttpRequest, slug: str) -> Operator:
    operator = get_visible_or_404(visible_partners(request.user), slug=slug)
    require(request.user, "partner.view", operator)
    return operator


def _tabs(request: HttpRequest, operator: Operator, active: str) -> dict:
    return {
        "operator": operator,
        "active_tab": active,
        "can_manage_staff": can(request.user, "partner.manage_staff", operator),
        "can_change": can(request.user, "partner.change", operator),
        "can_upload": can(request.user, "partner.upload", operator),
    }


# --- Public ----------------------------------------------------------------------------------


def partner_directory(request: HttpRequest) -> HttpResponse:
    partners = partners_with_counts(public_partners()).order_by("name")
    kind = request.GET.get("kind") or ""
    if kind in Operator.Kind.values:
        partners = partners.filter(kind=kind)
    return render(
        request,
        "federation/partner_directory.html",
        {
            "partners": partners,
            "kinds": [(k, label) for k, label in Operator.Kind.choices if k != "network"],
            "kind": kind,
        },
    )


def partner_profile(request: HttpRequest, slug: str) -> HttpResponse:
    operator = get_visible_or_404(partners_with_counts(public_partners()), slug=slug)
    return render(
        request,
        "federation/partner_profile.html",
        {
            "operator": operator,
            "programs": operator.programs.order_by("name"),
            "can_open_space": can(request.user, "partner.view", operator),
        },
    )


# --- A partner's own space -------------------------------------------------------------------


@login_required
def partner_space(request: HttpRequest) -> HttpResponse:
    partners = list(partners_with_counts(visible_partners(request.user)).order_by("name"))
    network_staff = can(request.user, "federation.network_staff")
    if not partners and not network_staff:
        raise Http404
    if len(partners) == 1 and not network_staff:
        return redirect("federation:partner_home", slug=partners[0].slug)
    return render(
        request,
        "federation/partner_space.html",
        {"partners": partners, "can_add": can(request.user, "partner.add")},
    )


@login_required
def partner_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "partner.add", view_perm="partner.add")
    form = PartnerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            operator = partner_create(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s joined the network; its administrator was invited.")
                % {"name": operator.name},
            )
            return redirect("federation:partner_home", slug=operator.slug)
    return render(request, "federation/partner_form.html", {"form": form, "operator": None})


@login_required
def partner_edit(request: HttpRequest, slug: str) -> HttpResponse:
    operator = _partner(request, slug)
    require(request.user, "partner.change", operator, view_perm="partner.view")
    initial = {name: getattr(operator, name) for name in PARTNER_FIELDS}
    form = PartnerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            partner_update(operator=operator, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("federation:partner_home", slug=operator.slug)
    return render(
        request,
        "federation/partner_form.html",
        {**_tabs(request, operator, "profile"), "form": form},
    )


@login_required
def partner_home(request: HttpRequest, slug: str) -> HttpResponse:
    operator = _partner(request, slug)
    enrollments = partner_enrollments(operator).filter(startup__in=visible_startups(request.user))[
        :200
    ]
    return render(
        request,
        "federation/partner_home.html",
        {
            **_tabs(request, operator, "home"),
            "programs": partner_programs(operator),
            "calls": partner_calls(operator),
            "applications": partner_application_counts(operator),
            "enrollments": enrollments,
        },
    )


@login_required
def partner_bilan(request: HttpRequest, slug: str) -> HttpResponse:
    operator = _partner(request, slug)
    as_of = _as_of(request)
    kpis = operator_bilan(operator, as_of)
    rows = (
        [
            {"label": label, "kind": kind, "value": kpis.get(key)}
            for key, label, kind in SPLIT_FIGURES
        ]
        if kpis is not None
        else None
    )
    return render(
        request,
        "federation/partner_bilan.html",
        {**_tabs(request, operator, "bilan"), "as_of": as_of, "rows": rows},
    )


@login_required
def partner_staff(request: HttpRequest, slug: str) -> HttpResponse:
    operator = _partner(request, slug)
    can_manage = can(request.user, "partner.manage_staff", operator)
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "partner.manage_staff", operator, view_perm="partner.view")
        if form.is_valid():
            try:
                user = partner_staff_invite(operator=operator, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    _("%(email)s was invited; an e-mail is on its way.") % {"email": user.email},
                )
                return redirect("federation:partner_staff", slug=operator.slug)
    roles = (
        Role.objects.filter(operator=operator, kind__in=PARTNER_ROLES)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return render(
        request,
        "federation/partner_staff.html",
        {**_tabs(request, operator, "staff"), "roles": roles, "form": form if can_manage else None},
    )


@login_required
@require_POST
def partner_staff_remove_view(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    operator = _partner(request, slug)
    require(request.user, "partner.manage_staff", operator, view_perm="partner.view")
    member = get_visible_or_404(
        User.objects.filter(roles__operator=operator, roles__kind__in=PARTNER_ROLES).distinct(),
        pk=user_id,
    )
    try:
        partner_staff_remove(operator=operator, user=member, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(who)s no longer works for %(partner)s here.")
            % {"who": member, "partner": operator.name},
        )
    return redirect("federation:partner_staff", slug=operator.slug)


# --- Upload in the interchange format --------------------------------------------------------
# The upload is an interchange ImportJob: stored, checked and imported by its services and
# tasks, so it leaves the same record, report and audit trail as any other import.


def _pending_job(operator: Operator, user) -> ImportJob | None:
    """This person's upload for the partner that waits for a confirmation, if any."""
    return (
        ImportJob.objects.filter(
            operator=operator, created_by=user, status=ImportJob.Status.CHECKED
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def _report(job: ImportJob | None) -> ImportReport | None:
    data = job.report_data if job is not None else None
    return ImportReport.from_dict(data) if data else None


@login_required
def partner_upload(request: HttpRequest, slug: str) -> HttpResponse:
    operator = _partner(request, slug)
    require(request.user, "partner.upload", operator, view_perm="partner.view")
    form = UploadForm()
    job = None
    pending = _pending_job(operator, request.user)
    if request.method == "POST":
        if "confirm" in request.POST and pending:
            try:
                job = import_upload_confirm(job=pending, by=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("federation:partner_upload", slug=operator.slug)
            report = _report(job)
            if report is not None and report.written:
                messages.success(
                    request, _("%(n)s records created or updated.") % {"n": report.changed}
                )
        elif "cancel" in request.POST and pending:
            import_upload_cancel(job=pending, by=request.user)
            return redirect("federation:partner_upload", slug=operator.slug)
        elif "confirm" not in request.POST and "cancel" not in request.POST:
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                if pending:
                    import_upload_cancel(job=pending, by=request.user)
                try:
                    job = import_upload_create(
                        files=[form.cleaned_data["file"]], operator=operator, by=request.user
                    )
                except DomainError as exc:
                    form.add_error("file", exc.message)
                else:
                    job.refresh_from_db()
        pending = _pending_job(operator, request.user)
    return render(
        request,
        "federation/partner_upload.html",
        {
            **_tabs(request, operator, "upload"),
            "form": form,
            "job": job,
            "report": _report(job),
            "pending": {"name": pending.original_name, "job": pending} if pending else None,
            "available": True,
        },
    )


# --- The network's bilan, split -------------------------------------------------------------


@login_required
def bilan_split_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "federation.network_staff", view_perm="federation.network_staff")
    as_of = _as_of(request)
    columns = bilan_split(as_of)
    return render(
        request,
        "federation/bilan_split.html",
        {
            "as_of": as_of,
            "columns": columns,
            "rows": split_rows(columns) if columns is not None else None,
        },
    )

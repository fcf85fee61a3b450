"""Pages about one's personal data: the notice, my data, the export, requests and the queue."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.privacy.forms import ConsentForm, DataRequestForm, ProcessForm
from technopark.privacy.models import Consent, DataRequest
from technopark.privacy.permissions import visible_data_requests
from technopark.privacy.selectors import personal_data, personal_data_json
from technopark.privacy.services import consent_set, data_request_close, data_request_create


def notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/notice.html",
        {
            "controller": settings.TECHNOPARK_OPERATOR,
            "cndp_declaration": settings.TECHNOPARK_CNDP_DECLARATION,
            "retention_applications_days": settings.TECHNOPARK_RETENTION_DECLINED_APPLICATIONS_DAYS,
            "retention_audit_years": settings.TECHNOPARK_RETENTION_AUDIT_DAYS // 365,
            "purposes": Consent.Purpose.choices,
        },
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    granted = dict(request.user.consents.values_list("purpose", "granted"))
    return render(
        request,
        "privacy/my_data.html",
        {
            "consent_form": ConsentForm(initial=granted),
            "request_form": DataRequestForm(),
            "requests": request.user.data_requests.all(),
        },
    )


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    data = personal_data(request.user)
    return render(
        request,
        "privacy/export.html",
        {
            "data": data,
            "sections": data["_sections"],
            "audit": data["audit"][:200],
            "audit_total": len(data["audit"]),
        },
    )


@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(
        personal_data_json(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-technopark-data.json"'
    return response


@login_required
@require_POST
def consents_update(request: HttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST)
    form.is_valid()  # booleans: always valid
    for purpose in Consent.Purpose.values:
        consent_set(user=request.user, purpose=purpose, granted=form.cleaned_data[purpose])
    messages.success(request, _("Your choices are saved."))
    return redirect("privacy:home")


@login_required
@require_POST
def request_new(request: HttpRequest) -> HttpResponse:
    form = DataRequestForm(request.POST)
    if form.is_valid():
        try:
            data_request_create(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your request is sent; the staff answer within 30 days."))
    else:
        messages.error(request, _("Choose what you ask for."))
    return redirect("privacy:home")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.process")
    status = request.GET.get("status", DataRequest.Status.OPEN)
    if status not in DataRequest.Status.values:
        status = DataRequest.Status.OPEN
    requests = visible_data_requests(request.user).filter(status=status).order_by("created_at")
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/queue.html",
        {
            "page": page,
            "page_obj": page,
            "querystring_without_page": f"status={status}&",
            "status": status,
            "statuses": DataRequest.Status.choices,
        },
    )


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = get_visible_or_404(visible_data_requests(request.user), pk=pk)
    may_process = can(request.user, "privacy.process", data_request)
    form = ProcessForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "privacy.process", data_request)
        if form.is_valid():
            try:
                data_request_close(request=data_request, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field or None, exc.message)
            else:
                messages.success(request, _("The request is closed."))
                return redirect("privacy:queue")
    context = {"req": data_request, "form": form, "may_process": may_process}
    if may_process and data_request.status == DataRequest.Status.OPEN:
        data = personal_data(data_request.user)
        context["sections"] = data["_sections"]
    return render(request, "privacy/request_detail.html", context)

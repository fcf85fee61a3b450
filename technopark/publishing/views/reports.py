"""Staff pages for the bilan's reports: direct download, background jobs with progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal
from technopark.core.errors import DomainError
from technopark.network.models import Site
from technopark.publishing.forms import ReportForm
from technopark.publishing.models import ReportJob
from technopark.publishing.permissions import visible_reports
from technopark.publishing.reports import bilan_pdf, bilan_xlsx, render_xlsx
from technopark.publishing.services import MIME, report_request, report_retry
from technopark.startups.permissions import private_startups


def _sites(request: HttpRequest):
    p = principal(request.user)
    sites = Site.objects.order_by("name")
    return sites if p.is_network_admin else sites.filter(pk__in=p.staff_site_ids)


def _staff(request: HttpRequest) -> None:
    if not can(request.user, "report.generate", None):
        raise Http404


@login_required
def reports_page(request: HttpRequest, form: ReportForm | None = None) -> HttpResponse:
    _staff(request)
    return render(
        request,
        "publishing/reports.html",
        {
            "form": form or ReportForm(sites=_sites(request)),
            "jobs": visible_reports(request.user).select_related("site")[:20],
        },
    )


@login_required
def report_now(request: HttpRequest) -> HttpResponse:
    """The download button: generate and send the file in this request."""
    _staff(request)
    form = ReportForm(request.GET, sites=_sites(request))
    if not form.is_valid():
        return reports_page(request, form)
    data = form.cleaned_data
    site = data["site"].code if data["site"] else None
    if data["format"] == "pdf":
        content = bilan_pdf(as_of=data["as_of"], site=site, language=data["language"])
    elif principal(request.user).is_network_admin:
        content = bilan_xlsx(as_of=data["as_of"], site=site, language=data["language"])
    else:  # the drill-down lists keep to the startups this person may read
        content = render_xlsx(
            as_of=data["as_of"],
            site=site,
            startups=private_startups(request.user),
            language=data["language"],
        )
    response = HttpResponse(content, content_type=MIME[data["format"]])
    name = f"bilan-{site or 'reseau'}-{data['as_of'].isoformat()}.{data['format']}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = ReportForm(request.POST, sites=_sites(request))
    if form.is_valid():
        try:
            report_request(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("publishing:reports")
    return reports_page(request, form)


@login_required
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of one job; htmx polls it while the job runs."""
    _staff(request)
    job = get_visible_or_404(visible_reports(request.user).select_related("site"), pk=pk)
    return render(request, "publishing/_report_job.html", {"job": job})


@login_required
@require_POST
def report_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue again a report that failed or whose worker stopped (the Retry button)."""
    _staff(request)
    job = get_visible_or_404(visible_reports(request.user), pk=pk)
    try:
        report_retry(job=job, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The report was queued again."))
    return redirect("publishing:reports")


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    job = get_visible_or_404(visible_reports(request.user).select_related("site"), pk=pk)
    if job.status != ReportJob.Status.DONE or not job.content:
        return redirect("publishing:reports")
    response = HttpResponse(bytes(job.content), content_type=MIME[job.format])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response

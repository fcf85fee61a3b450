"""Pages of the collection work: campaigns, the declaration form, the answer link, satisfaction."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.selection import bulk_context
from technopark.core.xlsx import xlsx_response
from technopark.network.models import Site
from technopark.startups.permissions import visible_startups
from technopark.surveys import forms
from technopark.surveys.models import Campaign
from technopark.surveys.permissions import (
    visible_answers,
    visible_asked_requests,
    visible_campaigns,
    visible_requests,
)
from technopark.surveys.selectors import (
    campaign_answers,
    declaration_asks,
    metric_cell,
    metric_heading,
    satisfaction_summary,
    shown_value,
    with_site,
)
from technopark.surveys.services import (
    campaign_metrics_set,
    campaign_open,
    declaration_prefill,
    declaration_submit,
    followup_submit,
    metric_values,
    request_from_token,
    request_token,
    response_rates,
    satisfaction_record,
)

ROW_TEMPLATES = {"export", "patent", "funding", "metric"}


def _staff_or_404(request: HttpRequest, perm: str) -> None:
    """Campaign pages exist for staff only; others get a 404, as for anything they can't see."""
    if not can(request.user, perm):
        raise Http404


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    _staff_or_404(request, "platform.staff")
    today = timezone.localdate()
    periods = {
        "open": {"opens_on__lte": today, "closes_on__gte": today},
        "coming": {"opens_on__gt": today},
        "closed": {"closes_on__lt": today},
    }
    listing = Listing(
        request,
        visible_campaigns(request.user).prefetch_related("sites"),
        search=("title",),
        filters={
            "kind": Filter(_("Kind"), Campaign.Kind.choices, "kind", any_label=_("All")),
            "period": Filter(
                _("Period"),
                [("open", _("Open today")), ("coming", _("Coming")), ("closed", _("Closed"))],
                lambda qs, value: qs.filter(**periods[value]),
                any_label=_("All"),
            ),
        },
        sorts={
            "newest": Sort(_("Newest first"), ("-opens_on", "title")),
            "closing": Sort(_("Closing first"), ("closes_on", "title")),
            "title": Sort(_("Title"), ("title", "pk")),
        },
        columns=[
            Column(_("Title"), lambda c: c.title),
            Column(_("Kind"), lambda c: c.get_kind_display()),
            Column(_("Sites"), lambda c: ", ".join(s.name for s in c.sites.all())),
            Column(_("Opens on"), lambda c: c.opens_on),
            Column(_("Closes on"), lambda c: c.closes_on),
        ],
        export_name="campaigns",
    )
    if listing.export:
        return listing.export_response()
    return render(
        request,
        "surveys/campaign_list.html",
        {
            "campaigns": listing.rows,
            "listing": listing,
            "can_add": can(request.user, "campaign.add"),
        },
    )


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    _staff_or_404(request, "platform.staff")
    require(request.user, "campaign.add")
    p = principal(request.user)
    sites = Site.objects.order_by("name")
    if not p.is_network_admin:
        sites = sites.filter(pk__in=p.staff_site_ids)
    today = timezone.localdate()
    form = forms.CampaignForm(
        request.POST or None,
        sites=sites,
        initial={
            "as_of": forms.last_period_end(today),
            "opens_on": today,
            "closes_on": today + dt.timedelta(days=30),
            "period": f"{today.year}-S{1 if today.month > 6 else 2}",
        },
    )
    specs = forms.parse_metric_rows(request.POST) if request.method == "POST" else []
    metric_error = ""
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_open(by=request.user, metrics=specs, **form.cleaned_data)
        except DomainError as exc:
            if exc.field == "metrics":
                metric_error = exc.message
            else:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("Campaign opened: %(n)s startups asked.") % {"n": campaign.requests.count()},
            )
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaign_new.html",
        {
            "form": form,
            "metric_rows": forms.metric_rows(specs) or [{}],
            "metric_error": metric_error,
            "metric_kinds": forms.METRIC_KINDS,
        },
    )


@login_required
def campaign_metrics(request: HttpRequest, pk: int) -> HttpResponse:
    """The extra figures a declaration campaign asks for: shown, and changed until it opens."""
    campaign = _campaign(request, pk)
    today = timezone.localdate()
    editable = campaign.opens_on > today and campaign.kind == Campaign.Kind.DECLARATION
    if request.method == "POST":
        require(request.user, "campaign.change", campaign, view_perm="campaign.view")
    can_change = editable and can(request.user, "campaign.change", campaign)
    metrics = list(campaign.metrics.all())
    rows = forms.metric_rows(metrics)
    error = ""
    if request.method == "POST":
        specs = forms.parse_metric_rows(request.POST)
        try:
            campaign_metrics_set(campaign=campaign, metrics=specs, by=request.user, today=today)
        except DomainError as exc:
            error, rows = exc.message, forms.metric_rows(specs)
        else:
            messages.success(request, _("The figures this campaign asks for are saved."))
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaign_metrics.html",
        {
            "campaign": campaign,
            "metrics": metrics,
            "metric_rows": (rows or []) + [{}] if can_change else rows,
            "metric_error": error,
            "metric_kinds": forms.METRIC_KINDS,
            "can_change": can_change,
        },
    )


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    if not principal(request.user).is_staff:
        raise Http404
    return get_visible_or_404(visible_campaigns(request.user), pk=pk)


def _answers_listing(request: HttpRequest, campaign: Campaign) -> Listing:
    """The campaign's requests, with the standard figures and the extra figures given."""
    metrics = list(campaign.metrics.all())
    year = campaign.as_of.year
    columns = [
        Column(_("Reference"), lambda r: r.startup.ref),
        Column(_("Startup"), lambda r: r.startup.name),
        Column(_("Site"), lambda r: r.site.name if r.site else ""),
        Column(_("Program"), lambda r: r.program.name if r.program else ""),
        Column(_("Sent on"), lambda r: r.sent_on),
        Column(_("First reminder"), lambda r: r.reminded_7_on),
        Column(_("Second reminder"), lambda r: r.reminded_14_on),
        Column(_("Officer told"), lambda r: r.officer_told_on),
        Column(
            _("Answered at"),
            lambda r: timezone.localtime(r.answered_at) if r.answered_at else None,
        ),
    ]
    if campaign.kind == Campaign.Kind.DECLARATION:
        columns += [
            Column(_("Figures as of"), lambda r: r.declaration.as_of if r.declaration else None),
            Column(
                _("Direct jobs"), lambda r: r.declaration.direct_jobs if r.declaration else None
            ),
            Column(
                _("Indirect jobs"),
                lambda r: r.declaration.indirect_jobs if r.declaration else None,
            ),
            Column(
                _("Revenue (MAD)"), lambda r: r.declaration.revenue_mad if r.declaration else None
            ),
            Column(
                _("Exports %(year)s (MAD)") % {"year": year},
                lambda r: r.exports_mad if r.answered_at else None,
            ),
            Column(
                _("Patents filed in %(year)s") % {"year": year},
                lambda r: r.patents if r.answered_at else None,
            ),
            Column(
                _("Funds raised in %(year)s (MAD)") % {"year": year},
                lambda r: r.funds_mad if r.answered_at else None,
            ),
        ]
        columns += [Column(metric_heading(m), partial(metric_cell, metric=m)) for m in metrics]
    return Listing(
        request,
        campaign_answers(visible_requests(request.user, campaign), campaign),
        search=("startup__name", "startup__ref"),
        filters={
            "answered": Filter(
                _("Answer"),
                [("yes", _("Answered")), ("no", _("Waiting"))],
                lambda qs, value: qs.filter(answered_at__isnull=value == "no"),
                any_label=_("All"),
            ),
        },
        sorts={
            "waiting": Sort(_("Waiting first"), ("answered_at", "startup__name")),
            "name": Sort(_("Startup"), ("startup__name", "pk")),
            "answered": Sort(_("Latest answers first"), ("-answered_at", "startup__name")),
        },
        columns=columns,
        export_name=f"campaign-{campaign.pk}",
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    listing = _answers_listing(request, campaign)
    if listing.export:
        return listing.export_response()
    metrics = list(campaign.metrics.all())
    rows = listing.rows
    for r in rows:
        r.metric_cells = [metric_cell(r, metric=m) for m in metrics]
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "rates": response_rates(visible_requests(request.user, campaign)),
            "listing": listing,
            "rows": rows,
            "page_obj": listing.page_obj,
            "metrics": metrics,
            "metric_headings": [metric_heading(m) for m in metrics],
            "bulk": bulk_context(request, "surveys.requests", str(campaign.pk), listing),
            "can_change_metrics": campaign.kind == Campaign.Kind.DECLARATION
            and campaign.opens_on > timezone.localdate()
            and can(request.user, "campaign.change", campaign),
        },
    )


@login_required
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's answers as an Excel file (the page offers CSV too)."""
    campaign = _campaign(request, pk)
    listing = _answers_listing(request, campaign)
    listing.export = "xlsx"
    return listing.export_response()


def _declaration_context(
    startup, form, *, year: int, prefill: dict, errors=(), metric_groups=(), **extra
) -> dict:
    return {
        "startup": startup,
        "form": form,
        "year": year,
        "exports": prefill.get("exports") or [{}],
        "row_errors": errors,
        "metric_groups": metric_groups,
        "funding_kinds": forms.FUNDING_KINDS,
        "patent_offices": forms.PATENT_OFFICES,
        **extra,
    }


def _metric_groups(asks, posted=None, errors=None) -> list[dict]:
    """The extra figures of each campaign asking, with the value to show and its error."""
    errors = errors or {}
    groups = []
    for ask in asks:
        given = {a.metric_id: a for a in ask.metric_answers.all()}
        fields = []
        for m in ask.campaign.metrics.all():
            name = f"metric_{m.pk}"
            if posted is not None:
                value = posted.get(name, "")
            elif m.pk in given:
                value = shown_value(given[m.pk].value, m, raw=True)
            else:
                value = ""
            fields.append({"metric": m, "name": name, "value": value, "error": errors.get(name)})
        if fields:
            groups.append({"campaign": ask.campaign, "fields": fields})
    return groups


def _handle_declaration(request, startup, *, by, default_as_of: dt.date, on_success, ask=None):
    today = timezone.localdate()
    asks = declaration_asks(startup, today=today, request=ask)
    prefill = declaration_prefill(startup)
    pending = [a for a in asks if a.answered_at is None]
    if ask is None and pending:
        default_as_of = min(pending[0].campaign.as_of, today)
    initial = {
        "as_of": default_as_of,
        "direct_jobs": prefill["direct_jobs"],
        "indirect_jobs": prefill["indirect_jobs"],
        "revenue_mad": prefill["revenue_mad"],
    }
    form = forms.DeclarationForm(request.POST or None, initial=initial)
    year = default_as_of.year
    if request.method == "POST":
        posted_metrics = {
            f"metric_{m.pk}": request.POST.get(f"metric_{m.pk}", "")
            for a in asks
            for m in a.campaign.metrics.all()
        }
        _values, metric_errors = metric_values(asks, posted_metrics)
        field_errors = {e.field: e.message for e in metric_errors}
        rows = ([], [], [], [])
        if form.is_valid():
            year = form.cleaned_data["as_of"].year
            rows = forms.parse_rows(request.POST, year=year)
            exports, patents, fundings, errors = rows
            if not errors and not metric_errors:
                try:
                    declaration_submit(
                        startup=startup,
                        exports=exports,
                        patents=patents,
                        fundings=fundings,
                        metrics=posted_metrics,
                        request=ask,
                        by=by,
                        today=today,
                        **form.cleaned_data,
                    )
                except DomainError as exc:
                    if exc.field in posted_metrics:
                        field_errors[exc.field] = exc.message
                    else:
                        errors = [exc.message]
                else:
                    return on_success()
            rows = (*rows[:3], errors)
        posted = [
            {"country": c, "amount_mad": a}
            for c, a in zip(
                request.POST.getlist("export_country"),
                request.POST.getlist("export_amount"),
                strict=False,
            )
        ]
        if field_errors:
            rows = (
                *rows[:3],
                [*rows[3], _("Check the extra figures the campaign asks for.")],
            )
        return _declaration_context(
            startup,
            form,
            year=year,
            prefill={"exports": posted},
            errors=rows[3],
            metric_groups=_metric_groups(asks, posted_metrics, field_errors),
        )
    return _declaration_context(
        startup,
        form,
        year=year,
        prefill=prefill,
        last=prefill,
        metric_groups=_metric_groups(asks),
    )


@login_required
def declare(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "declaration.submit", startup, view_perm="startup.view_private")

    def done():
        messages.success(request, _("Thank you: your figures are recorded."))
        if principal(request.user).is_member_of(startup.pk):
            return redirect("startups:workspace", ref=startup.ref)
        return redirect(startup)

    context = _handle_declaration(
        request,
        startup,
        by=request.user,
        default_as_of=forms.last_period_end(timezone.localdate()),
        on_success=done,
    )
    if isinstance(context, HttpResponse):
        return context
    return render(request, "surveys/declare.html", context)


@login_required
def request_open(request: HttpRequest, pk: int) -> HttpResponse:
    """What a notification opens: the answer to one request of the member's startup."""
    req = get_visible_or_404(
        visible_asked_requests(request.user).select_related("campaign", "startup"), pk=pk
    )
    campaign = req.campaign
    today = timezone.localdate()
    if req.answered_at is not None:
        messages.info(request, _("This was answered already. Thank you."))
        return redirect("startups:workspace", ref=req.startup.ref)
    if not campaign.opens_on <= today <= campaign.closes_on:
        messages.info(request, _("This campaign is closed: it no longer takes answers."))
        return redirect("startups:workspace", ref=req.startup.ref)
    if campaign.kind == Campaign.Kind.DECLARATION:
        return redirect("surveys:declare", ref=req.startup.ref)
    return redirect("surveys:answer", token=request_token(req))


@login_required
def row(request: HttpRequest, kind: str) -> HttpResponse:
    """An empty repeatable row, added by htmx."""
    if kind not in ROW_TEMPLATES:
        raise Http404
    return render(
        request,
        f"surveys/_row_{kind}.html",
        {
            "funding_kinds": forms.FUNDING_KINDS,
            "patent_offices": forms.PATENT_OFFICES,
            "metric_kinds": forms.METRIC_KINDS,
            "m": {},
        },
    )


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the e-mail: works without logging in, once, until it expires."""
    try:
        req = request_from_token(token)
    except DomainError as exc:
        return render(
            request, "surveys/answer_closed.html", {"message": exc.message}, status=exc.status
        )
    campaign = req.campaign
    thanks = render(request, "surveys/answer_thanks.html", {"campaign": campaign})
    if campaign.kind == Campaign.Kind.DECLARATION:
        member = principal(request.user).is_member_of(req.startup_id)
        try:
            with transaction.atomic():
                if request.method == "POST":  # a second answer sent at the same time waits here
                    req = request_from_token(token, for_update=True)
                context = _handle_declaration(
                    request,
                    req.startup,
                    by=request.user if member else None,
                    default_as_of=campaign.as_of,
                    on_success=lambda: thanks,
                    ask=req,
                )
        except DomainError as exc:
            return render(
                request, "surveys/answer_closed.html", {"message": exc.message}, status=exc.status
            )
        if isinstance(context, HttpResponse):
            return context
        return render(
            request, "surveys/declare.html", {**context, "campaign": campaign, "token": token}
        )
    form_class = (
        forms.FollowUpForm if campaign.kind == Campaign.Kind.FOLLOWUP else forms.SatisfactionForm
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if campaign.kind == Campaign.Kind.FOLLOWUP:
                followup_submit(request=req, **form.cleaned_data)
            else:
                satisfaction_record(startup=req.startup, request=req, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return thanks
    return render(
        request,
        "surveys/answer.html",
        {"campaign": campaign, "startup": req.startup, "form": form},
    )


def _satisfaction_scope(request: HttpRequest):
    if not can(request.user, "satisfaction.results"):
        raise Http404
    return visible_answers(request.user)


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    """The calendar year asked for, or the last twelve months."""
    until = timezone.localdate()
    year = request.GET.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= until.year:
        return dt.date(int(year) - 1, 12, 31), min(dt.date(int(year), 12, 31), until)
    return until - dt.timedelta(days=365), until


@login_required
def satisfaction_results(request: HttpRequest) -> HttpResponse:
    answers = _satisfaction_scope(request)
    since, until = _period(request)
    comments = (
        with_site(answers.filter(answered_on__gt=since, answered_on__lte=until))
        .exclude(comment="")
        .select_related("startup", "respondent")
    )
    page = Paginator(comments, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/satisfaction_results.html",
        {
            "summary": satisfaction_summary(answers, since=since, until=until),
            "page_obj": page,
            "since": since,
            "until": until,
            "years": range(until.year, until.year - 5, -1),
            "year": request.GET.get("year", ""),
        },
    )


@login_required
def satisfaction_export(request: HttpRequest) -> HttpResponse:
    answers = _satisfaction_scope(request)
    since, until = _period(request)
    rows = (
        (
            a.answered_on,
            a.get_channel_display(),
            a.subject,
            a.site_name or "",
            _("(anonymous)") if a.anonymous else a.startup.name,
            a.score,
            a.comment,
        )
        for a in with_site(
            answers.filter(answered_on__gt=since, answered_on__lte=until)
        ).select_related("startup")
    )
    headers = [
        _("Date"),
        _("Channel"),
        _("Subject"),
        _("Site"),
        _("Startup"),
        _("Score"),
        _("Comment"),
    ]
    return xlsx_response("satisfaction.xlsx", headers, rows)

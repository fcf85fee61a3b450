"""Pages of the collection work: campaigns, the declaration form, the answer link, satisfaction."""

from __future__ import annotations

import datetime as dt

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
from technopark.core.xlsx import xlsx_response
from technopark.network.models import Site
from technopark.startups.permissions import visible_startups
from technopark.surveys import forms
from technopark.surveys.models import Campaign
from technopark.surveys.permissions import visible_answers, visible_campaigns, visible_requests
from technopark.surveys.selectors import satisfaction_summary, with_site
from technopark.surveys.services import (
    campaign_open,
    declaration_prefill,
    declaration_submit,
    followup_submit,
    request_from_token,
    response_rates,
    satisfaction_record,
)

ROW_TEMPLATES = {"export", "patent", "funding"}


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
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_open(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("Campaign opened: %(n)s startups asked.") % {"n": campaign.requests.count()},
            )
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(request, "surveys/campaign_new.html", {"form": form})


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    if not principal(request.user).is_staff:
        raise Http404
    return get_visible_or_404(visible_campaigns(request.user), pk=pk)


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    requests = visible_requests(request.user, campaign)
    page = Paginator(requests.order_by("answered_at", "startup__name"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/campaign_detail.html",
        {"campaign": campaign, "rates": response_rates(requests), "page_obj": page},
    )


@login_required
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    rows = (
        (
            r.startup.ref,
            r.startup.name,
            r.site.name if r.site else "",
            r.program.name if r.program else "",
            r.sent_on,
            r.reminded_7_on,
            r.reminded_14_on,
            r.officer_told_on,
            timezone.localtime(r.answered_at) if r.answered_at else None,
        )
        for r in visible_requests(request.user, campaign)
    )
    headers = [
        _("Reference"),
        _("Startup"),
        _("Site"),
        _("Program"),
        _("Sent on"),
        _("First reminder"),
        _("Second reminder"),
        _("Officer told"),
        _("Answered at"),
    ]
    return xlsx_response(f"campaign-{campaign.pk}.xlsx", headers, rows)


def _declaration_context(startup, form, *, year: int, prefill: dict, errors=(), **extra) -> dict:
    return {
        "startup": startup,
        "form": form,
        "year": year,
        "exports": prefill.get("exports") or [{}],
        "row_errors": errors,
        "funding_kinds": forms.FUNDING_KINDS,
        "patent_offices": forms.PATENT_OFFICES,
        **extra,
    }


def _handle_declaration(request, startup, *, by, default_as_of: dt.date, on_success):
    prefill = declaration_prefill(startup)
    initial = {
        "as_of": default_as_of,
        "direct_jobs": prefill["direct_jobs"],
        "indirect_jobs": prefill["indirect_jobs"],
        "revenue_mad": prefill["revenue_mad"],
    }
    form = forms.DeclarationForm(request.POST or None, initial=initial)
    year = default_as_of.year
    if request.method == "POST":
        rows = ([], [], [], [])
        if form.is_valid():
            year = form.cleaned_data["as_of"].year
            rows = forms.parse_rows(request.POST, year=year)
            exports, patents, fundings, errors = rows
            if not errors:
                try:
                    declaration_submit(
                        startup=startup,
                        exports=exports,
                        patents=patents,
                        fundings=fundings,
                        by=by,
                        **form.cleaned_data,
                    )
                except DomainError as exc:
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
        return _declaration_context(
            startup, form, year=year, prefill={"exports": posted}, errors=rows[3]
        )
    return _declaration_context(startup, form, year=year, prefill=prefill, last=prefill)


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
def row(request: HttpRequest, kind: str) -> HttpResponse:
    """An empty repeatable row, added by htmx."""
    if kind not in ROW_TEMPLATES:
        raise Http404
    return render(
        request,
        f"surveys/_row_{kind}.html",
        {"funding_kinds": forms.FUNDING_KINDS, "patent_offices": forms.PATENT_OFFICES},
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

        def done():
            type(req).objects.filter(pk=req.pk).update(answered_at=timezone.now())
            return thanks

        try:
            with transaction.atomic():
                if request.method == "POST":  # a second answer sent at the same time waits here
                    req = request_from_token(token, for_update=True)
                context = _handle_declaration(
                    request, req.startup, by=None, default_as_of=campaign.as_of, on_success=done
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

"""The services catalogue page, opportunities, and GIEs/mergers (requests: views.requests)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.startups.models import Startup
from technopark.startups.permissions import visible_startups
from technopark.support import services
from technopark.support.forms import (
    DocumentForm,
    GroupingForm,
    OpportunityForm,
    ParticipationForm,
    ResultForm,
    bootstrap,
)
from technopark.support.models import ExpertSession, Opportunity, ServiceRequest
from technopark.support.permissions import visible_consortia, visible_opportunities
from technopark.support.selectors import hours_budget_on


def catalogue(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    today = timezone.localdate()
    context = {
        "opportunities": visible_opportunities(request.user).filter(deadline__gte=today)[:20],
        "may_request": can(request.user, "support.request"),
        "is_staff": can(request.user, "support.queue"),
    }
    if p.startup_ids:
        context["my_requests"] = ServiceRequest.objects.filter(startup_id__in=p.startup_ids)[:20]
        context["my_groupings"] = visible_consortia(request.user)
        startup = _my_startup(request.user)
        context["budget"] = hours_budget_on(startup) if startup else None
        context["coming_sessions"] = (
            ExpertSession.objects.filter(
                request__startup_id__in=p.startup_ids,
                status__in=[ExpertSession.Status.PROPOSED, ExpertSession.Status.ACCEPTED],
                starts_at__gte=timezone.now(),
            )
            .select_related("expert__user", "request")
            .order_by("starts_at")[:20]
        )
    if p.is_expert:
        context["my_sessions"] = ExpertSession.objects.filter(
            expert__user_id=p.user_id
        ).select_related("request__startup")[:20]
    return render(request, "support/catalogue.html", context)


@login_required
def opportunity_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "opportunity.add")
    form = bootstrap(OpportunityForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_publish(data=form.cleaned_data, by=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("support:opportunity", pk=opportunity.pk)
    return render(request, "support/opportunity_create.html", {"form": form})


def _my_startup(user) -> Startup | None:
    ids = principal(user).startup_ids
    return Startup.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


@login_required
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_visible_or_404(visible_opportunities(request.user), pk=pk)
    manages = can(request.user, "opportunity.manage", opportunity)
    startup = _my_startup(request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "apply" and startup is not None:
                form = ParticipationForm(request.POST)
                if not form.is_valid():
                    raise DomainError(_("Say why you want to take part."))
                services.participation_apply(
                    opportunity=opportunity, startup=startup, by=request.user, **form.cleaned_data
                )
                messages.success(request, _("Your application is sent."))
            elif action in ("select", "decline", "result"):
                require(request.user, "opportunity.manage", opportunity)
                participation = opportunity.participations.get(pk=request.POST.get("id") or 0)
                if action == "result":
                    form = ResultForm(request.POST, instance=participation)
                    if not form.is_valid():
                        raise DomainError(_("Check the figures of the result."))
                    services.participation_result(
                        participation=participation, data=form.cleaned_data, by=request.user
                    )
                else:
                    services.participation_select(
                        participation=participation, selected=action == "select", by=request.user
                    )
                messages.success(request, _("Saved."))
            else:
                require(request.user, "opportunity.manage", opportunity)
        except DomainError as exc:
            messages.error(request, exc.message)
        except opportunity.participations.model.DoesNotExist:
            messages.error(request, _("This application no longer exists."))
        return redirect("support:opportunity", pk=opportunity.pk)
    participations = opportunity.participations.select_related("startup")
    context = {
        "opportunity": opportunity,
        "manages": manages,
        "startup": startup,
        "mine": participations.filter(startup=startup).first() if startup else None,
        "participations": participations if manages else [],
        "result_forms": [(p, bootstrap(ResultForm(instance=p))) for p in participations]
        if manages
        else [],
        "apply_form": bootstrap(ParticipationForm()),
        "open": opportunity.deadline >= timezone.localdate(),
        "together": opportunity.kind in Opportunity.TOGETHER,
    }
    return render(request, "support/opportunity_detail.html", context)


@login_required
def grouping_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "grouping.form")
    startups = visible_startups(request.user).order_by("name")
    opportunities = Opportunity.objects.filter(kind__in=Opportunity.TOGETHER)
    form = bootstrap(
        GroupingForm(
            request.POST or None,
            startups=startups,
            opportunities=opportunities,
            initial={
                "formed_on": timezone.localdate(),
                "opportunity": request.GET.get("opportunity"),
                "kind": "gie",
            },
        )
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        p = principal(request.user)
        if not (p.is_staff or any(p.is_founder_of(s.pk) for s in data["members"])):
            form.add_error("members", _("Your startup must be one of the members."))
        elif data["kind"] == "merger" and not p.is_staff:
            form.add_error("kind", _("A merger is recorded by the network's staff."))
        else:
            try:
                consortium = services.grouping_form(
                    kind=data["kind"],
                    name=data["name"],
                    startups=list(data["members"]),
                    lead=data["lead"],
                    formed_on=data["formed_on"],
                    opportunity=data["opportunity"],
                    notes=data["notes"],
                    by=request.user,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect("support:grouping", pk=consortium.pk)
    return render(request, "support/grouping_create.html", {"form": form})


@login_required
def grouping_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consortium = get_visible_or_404(visible_consortia(request.user), pk=pk)
    form = bootstrap(DocumentForm(request.POST or None, request.FILES or None))
    if request.method == "POST" and form.is_valid():
        try:
            services.consortium_document_add(
                consortium=consortium,
                label=form.cleaned_data["label"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
            messages.success(request, _("The document is added."))
            return redirect("support:grouping", pk=consortium.pk)
        except DomainError as exc:
            form.add_error("file", exc.message)
    return render(
        request,
        "support/grouping_detail.html",
        {
            "consortium": consortium,
            "members": consortium.grouping.memberships.select_related("startup"),
            "documents": consortium.documents.all(),
            "form": form,
        },
    )


@login_required
def grouping_document(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    consortium = get_visible_or_404(visible_consortia(request.user), pk=pk)
    document = get_visible_or_404(consortium.documents.all(), pk=doc)
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response

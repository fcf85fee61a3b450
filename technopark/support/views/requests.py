"""Service requests: a startup asks, staff answer from their queue, experts are booked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.selection import bulk_context
from technopark.startups.models import Startup
from technopark.support import services
from technopark.support.forms import (
    BookForm,
    CloseForm,
    ExpertForm,
    ExpertProfileForm,
    MessageForm,
    RateForm,
    RequestForm,
    SessionNotesForm,
    bootstrap,
)
from technopark.support.matching import hours_used, match_experts
from technopark.support.models import Expert, ExpertSession, Family, ServiceRequest
from technopark.support.permissions import queue, visible_requests
from technopark.support.selectors import hours_budget_on


def _my_startup(user) -> Startup | None:
    ids = principal(user).startup_ids
    return Startup.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "support.request")
    startup = _my_startup(request.user)
    form = bootstrap(
        RequestForm(request.POST or None, initial={"family": request.GET.get("family", "network")})
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_create(startup=startup, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your request is sent. An officer will answer soon."))
            return redirect("support:request", pk=created.pk)
    return render(request, "support/request_create.html", {"form": form, "startup": startup})


def _act(request: HttpRequest, item: ServiceRequest) -> None:
    action = request.POST.get("action", "")
    user = request.user
    handles = can(user, "service_request.handle", item)
    own = can(user, "service_request.own", item)
    if action == "message" and (handles or own):
        form = MessageForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Write a message."))
        services.request_message(
            request=item, text=form.cleaned_data["text"], staff=handles, by=user
        )
    elif action == "take" and handles:
        services.request_take(request=item, by=user)
    elif action == "close" and handles:
        form = CloseForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Choose the outcome."))
        services.request_close(request=item, by=user, **form.cleaned_data)
    elif action == "rate" and own:
        form = RateForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Rate from 1 to 5."))
        services.request_rate(request=item, by=user, **form.cleaned_data)
    elif action == "book" and (own or handles):
        form = BookForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Choose an expert, a date and a length."))
        services.session_book(request=item, by=user, **form.cleaned_data)
    elif action in ("session-notes", "session-rate"):
        session = (
            item.sessions.select_related("expert")
            .filter(pk=request.POST.get("session") or 0)
            .first()
        )
        if session is None:
            raise DomainError(_("This session no longer exists."))
        if action == "session-notes" and (handles or session.expert.user_id == user.pk):
            form = SessionNotesForm(request.POST)
            form.is_valid()
            services.session_record(session=session, by=user, **form.cleaned_data)
        elif action == "session-rate" and own:
            form = RateForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Rate from 1 to 5."))
            services.session_rate(session=session, by=user, **form.cleaned_data)
        else:
            raise PermissionError
    else:
        raise PermissionError


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(visible_requests(request.user), pk=pk)
    require(request.user, "service_request.view", item)
    if request.method == "POST":
        try:
            _act(request, item)
            messages.success(request, _("Saved."))
        except PermissionError:
            require(request.user, "service_request.handle", item)
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("support:request", pk=item.pk)
    handles = can(request.user, "service_request.handle", item)
    own = can(request.user, "service_request.own", item)
    matches = []
    if (
        item.family == "network"
        and item.status != ServiceRequest.Status.CLOSED
        and (own or handles)
    ):
        matches = match_experts(text=f"{item.title} {item.text}", sector=item.startup.sector)
    return render(
        request,
        "support/request_detail.html",
        {
            "item": item,
            "handles": handles,
            "own": own,
            "sla": services.sla_of(item, services.sla_targets()),
            "messages_list": item.messages.select_related("author"),
            "sessions": [
                (s, can(request.user, "expert_session.cancel", s))
                for s in item.sessions.select_related("expert__user", "request")
            ],
            "budget": hours_budget_on(item.startup)
            if item.family == Family.NETWORK and (own or handles)
            else None,
            "matches": matches,
            "book_form": bootstrap(BookForm(expert_ids=[m.expert.pk for m in matches]))
            if matches
            else None,
            "close_form": bootstrap(CloseForm()) if handles else None,
            "rate_form": bootstrap(RateForm()),
            "message_form": bootstrap(MessageForm()),
            "me": request.user,
        },
    )


@login_required
def request_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "support.queue")
    listing = queue_listing(request)
    if listing.export:
        return listing.export_response()
    targets = services.sla_targets()
    rows = [(r, services.sla_of(r, targets)) for r in listing.rows]
    bulk = bulk_context(request, "support.requests", "all", listing)
    return render(
        request, "support/request_queue.html", {"rows": rows, "listing": listing, "bulk": bulk}
    )


def queue_listing(request) -> Listing:
    """The queue as the page lists it (search, filters): the page's, and the bulk
    actions' "all matching" (`support/bulk.py`)."""
    statuses = [
        ("open", _("Open")),
        ("late", _("Late (past a service-level target)")),
        *ServiceRequest.Status.choices,
        ("all", _("All")),
    ]

    def by_status(qs, value):
        if value == "open":
            return qs.filter(status__in=["new", "in_progress"])
        if value == "late":
            return qs.filter(services.late_q())
        return qs if value == "all" else qs.filter(status=value)

    return Listing(
        request,
        queue(request.user),
        search=("title", "startup__name", "owner__full_name", "owner__email"),
        filters={
            "status": Filter(_("Status"), statuses, by_status, default="open"),
            "family": Filter(_("Family"), Family.choices, "family", any_label=_("All")),
            "mine": Filter(_("Owner"), [("1", _("Mine"))], _mine(request), any_label=_("Anyone")),
        },
        sorts={
            "oldest": Sort(_("Oldest first"), ("created_at", "pk")),
            "newest": Sort(_("Newest first"), ("-created_at", "-pk")),
            "startup": Sort(_("Startup"), ("startup__name", "created_at")),
        },
        columns=[
            Column(_("Request"), lambda r: r.title),
            Column(_("Created on"), lambda r: r.created_at.date()),
            Column(_("Startup"), lambda r: r.startup.name),
            Column(_("Family"), lambda r: r.get_family_display()),
            Column(_("Status"), lambda r: r.get_status_display()),
            Column(_("Owner"), lambda r: r.owner.get_full_name() if r.owner else ""),
            Column(_("Satisfaction"), lambda r: r.satisfaction),
        ],
        export_name="support-queue",
    )


def _mine(request: HttpRequest):
    return lambda qs, value: qs.filter(owner=request.user)


@login_required
def expert_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "expert.manage")
    form = bootstrap(ExpertForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_upsert(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The expert is saved."))
            return redirect("support:experts")
    experts = list(Expert.objects.select_related("user"))
    used = hours_used(experts)
    rows = [(e, used.get(e.pk, 0)) for e in experts]
    upcoming = ExpertSession.objects.filter(
        status__in=[ExpertSession.Status.PROPOSED, ExpertSession.Status.ACCEPTED]
    ).select_related("expert__user", "request__startup")[:50]
    return render(
        request, "support/expert_list.html", {"rows": rows, "form": form, "upcoming": upcoming}
    )


@login_required
def expert_profile(request: HttpRequest) -> HttpResponse:
    """The expert's own profile: what the matching reads."""
    expert = get_visible_or_404(Expert.objects.select_related("user"), user=request.user)
    form = bootstrap(
        ExpertProfileForm(request.POST or None, instance=Expert.objects.get(pk=expert.pk))
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_profile_update(expert=expert, data=form.cleaned_data, by=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("support:expert_profile")
    used = hours_used([expert]).get(expert.pk, 0)
    sessions = expert.sessions.select_related("request__startup")
    return render(
        request,
        "support/expert_profile.html",
        {
            "expert": expert,
            "form": form,
            "used": used,
            "awaiting": sessions.filter(status=ExpertSession.Status.PROPOSED).order_by("starts_at"),
            "sessions": sessions.exclude(status=ExpertSession.Status.PROPOSED)[:30],
            "me": request.user,
        },
    )

"""One's webhook subscriptions: the list, each one's deliveries and attempts, resume, test."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.webhooks import services
from technopark.webhooks.models import Attempt, Delivery
from technopark.webhooks.permissions import visible_subscriptions

PAGE_SIZE = 25


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "webhook.create"):
        raise Http404
    subscriptions = visible_subscriptions(request.user).order_by("-created_at", "-pk")
    return render(request, "webhooks/index.html", {"subscriptions": subscriptions})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_visible_or_404(visible_subscriptions(request.user), pk=pk)
    require(request.user, "webhook.view", subscription)
    deliveries = subscription.deliveries.order_by("-created_at", "-pk").prefetch_related(
        Prefetch("tries", queryset=Attempt.objects.order_by("at", "pk"))
    )
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "webhooks/detail.html",
        {"subscription": subscription, "page_obj": page, "Status": Delivery.Status},
    )


@login_required
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_visible_or_404(visible_subscriptions(request.user), pk=pk)
    services.subscription_resume(subscription=subscription, by=request.user)
    messages.success(request, _("The subscription is resumed: waiting messages are sent now."))
    return redirect("webhooks:detail", pk=subscription.pk)


@login_required
@require_POST
def send_test(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_visible_or_404(visible_subscriptions(request.user), pk=pk)
    try:
        services.subscription_test(subscription=subscription, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A test message is on its way: see its attempts below."))
    return redirect("webhooks:detail", pk=subscription.pk)

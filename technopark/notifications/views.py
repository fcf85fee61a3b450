"""One's own notifications: the list (mark read), and the preferences per kind."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.notifications import kinds as registry
from technopark.notifications.models import NotificationPreference
from technopark.notifications.permissions import visible_notifications
from technopark.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    preferences_set,
)

PAGE_SIZE = 30


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "notifications.view")
    notifications = visible_notifications(request.user).order_by("-created", "-pk")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/index.html",
        {
            "page_obj": page,
            "unread": visible_notifications(request.user).filter(read_at__isnull=True).count(),
        },
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_visible_or_404(visible_notifications(request.user), pk=pk)
    require(request.user, "notifications.change", notification, view_perm="notifications.view")
    notification_mark_read(user=request.user, pks=[notification.pk], by=request.user)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:index")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    require(request.user, "notifications.change")
    count = notifications_mark_all_read(user=request.user, by=request.user)
    if count:
        messages.success(request, _("All your notifications are marked read."))
    return redirect("notifications:index")


def _rows(user, chosen: dict[str, str]) -> list[dict]:
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "choice"))
    rows = []
    for kind in registry.all_kinds():
        rows.append(
            {
                "code": kind.code,
                "label": kind.label,
                "mandatory": kind.mandatory,
                "choice": chosen.get(kind.code)
                or stored.get(kind.code)
                or NotificationPreference.Choice.IMMEDIATE,
            }
        )
    return rows


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    require(request.user, "notifications.change")
    error = ""
    chosen: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        chosen = {
            kind.code: request.POST[kind.code]
            for kind in registry.all_kinds()
            if not kind.mandatory and kind.code in request.POST
        }
        try:
            preferences_set(user=request.user, choices=chosen, by=request.user)
        except DomainError as exc:
            error = exc.message
            status = 400
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "rows": _rows(request.user, chosen),
            "choices": NotificationPreference.Choice.choices,
            "error": error,
        },
        status=status,
    )

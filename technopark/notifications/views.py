"""One's own notifications: the list (mark read), and the preferences per kind; for the
network's administrators, the log of every e-mail sent, with a retry for the failed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.notifications import kinds as registry
from technopark.notifications.models import EmailLog, NotificationPreference
from technopark.notifications.permissions import visible_email_logs, visible_notifications
from technopark.notifications.services import (
    email_retry,
    notification_mark_read,
    notifications_mark_all_read,
    preference_of,
    preferences_set,
)
from technopark.notifications.unsubscribe import unsubscribe_from_token, unsubscribe_throttled

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


def _kind_label(code: str) -> str:
    try:
        return str(registry.get(code).label)
    except KeyError:  # a kind no longer declared: its code
        return code


@login_required
def email_log(request: HttpRequest) -> HttpResponse:
    """Every e-mail the platform sent or tried to send: to whom, what, in which language,
    sent or failed (with the server's answer); search, filters, export, retry."""
    require(request.user, "notifications.email_log")
    kinds = sorted(registry.all_kinds(), key=lambda k: str(k.label))
    listing = Listing(
        request,
        visible_email_logs(request.user).select_related("user"),
        search=("to_address", "subject", "user__full_name"),
        filters={
            "status": Filter(_("Status"), EmailLog.Status.choices, "status", any_label=_("All")),
            "kind": Filter(
                _("Kind"), [(k.code, k.label) for k in kinds], "kind", any_label=_("All")
            ),
            "language": Filter(_("Language"), settings.LANGUAGES, "language", any_label=_("All")),
        },
        sorts={
            "latest": Sort(_("Latest first"), ("-created", "-pk")),
            "oldest": Sort(_("Oldest first"), ("created", "pk")),
            "recipient": Sort(_("Recipient"), ("to_address", "-created")),
        },
        columns=[
            Column(_("Written on"), lambda e: timezone.localtime(e.created).replace(tzinfo=None)),
            Column(_("Kind"), lambda e: _kind_label(e.kind)),
            Column(_("Recipient"), lambda e: e.to_address),
            Column(_("Language"), lambda e: e.language),
            Column(_("Subject"), lambda e: e.subject),
            Column(_("Status"), lambda e: e.get_status_display()),
            Column(_("Attempts"), lambda e: e.attempts),
            Column(
                _("Sent on"),
                lambda e: timezone.localtime(e.sent_at).replace(tzinfo=None) if e.sent_at else "",
            ),
            Column(_("Last error"), lambda e: e.last_error),
        ],
        export_name="emails",
    )
    if listing.export:
        return listing.export_response()
    rows = [(e, _kind_label(e.kind)) for e in listing.rows]
    return render(request, "notifications/email_log.html", {"listing": listing, "rows": rows})


@login_required
@require_POST
def email_log_retry(request: HttpRequest, pk: int) -> HttpResponse:
    log = get_visible_or_404(visible_email_logs(request.user), pk=pk)
    require(request.user, "notifications.email_log", log)
    try:
        log = email_retry(log=log, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if log.status == EmailLog.Status.SENT:
            messages.success(request, _("The e-mail to %(to)s is sent.") % {"to": log.to_address})
        else:
            messages.info(
                request,
                _("The e-mail to %(to)s is queued: the worker sends it in a moment.")
                % {"to": log.to_address},
            )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("notifications:email_log")


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without cookies
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an optional e-mail (its footer and its List-Unsubscribe header): the signed
    token names the person and the kind, no sign-in needed. A GET only asks (link scanners
    open it); a POST turns that kind off in the person's preferences."""
    wait = unsubscribe_throttled(request)
    if wait:
        response = render(
            request,
            "notifications/unsubscribe.html",
            {"error": _("Too many attempts. Try again in a few minutes.")},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    try:
        person, kind = unsubscribe_from_token(token)
    except DomainError as exc:
        return render(
            request, "notifications/unsubscribe.html", {"error": exc.message}, status=exc.status
        )
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        done = request.method == "POST"
        if done:
            preferences_set(
                user=person, choices={kind: NotificationPreference.Choice.OFF}, by=person
            )
        response = render(
            request,
            "notifications/unsubscribe.html",
            {
                "kind_label": registry.get(kind).label,
                "done": done,
                "already_off": preference_of(person, kind) == NotificationPreference.Choice.OFF,
            },
        )
    response["Content-Language"] = language
    return response

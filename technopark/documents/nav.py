"""The vault in a startup's workspace (and its open requests on top), the requests in the
staff's menu, and what awaits staff on their home page."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can
from technopark.core.hooks import AppHooks, NavItem, Panel, TodayItem
from technopark.documents.models import DocumentRequest
from technopark.documents.permissions import visible_requests


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if can(user, "documents.request_any"):
        return [NavItem(_("Document requests"), reverse("documents:requests"), "startups")]
    return []


def workspace_links(request, startup) -> list[NavItem]:
    return [NavItem(_("Documents"), reverse("documents:vault", args=[startup.ref]))]


def workspace_panels(request, startup) -> list[Panel]:
    awaiting = list(
        DocumentRequest.objects.filter(
            startup=startup,
            status__in=[DocumentRequest.Status.OPEN, DocumentRequest.Status.SENT_BACK],
        )
        .select_related("doc_type")
        .order_by("due_on", "pk")[:10]
    )
    if not awaiting:
        return []
    return [Panel("documents/_workspace_panel.html", {"requests": awaiting})]


def today_items(request) -> list[TodayItem]:
    """Staff: the documents startups sent that await their decision."""
    user = getattr(request, "user", None)
    if not can(user, "documents.request_any"):
        return []
    waiting = (
        visible_requests(user)
        .filter(status=DocumentRequest.Status.SUBMITTED)
        .aggregate(n=Count("pk"))["n"]
    )
    return [
        TodayItem(
            _("Documents to accept or send back"),
            waiting,
            reverse("documents:requests") + "?status=submitted",
        )
    ]


HOOKS = AppHooks(
    nav_items=nav_items,
    workspace_links=workspace_links,
    workspace_panels=workspace_panels,
    today_items=today_items,
)

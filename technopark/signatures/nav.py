"""Signatures on shared pages: the menu, the startup's workspace, the home's to-do."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem, TodayItem


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if not can(user, "signature.list"):
        return []
    p = principal(user)
    group = "operations" if (p.is_network_admin or p.staff_site_ids) else "startups"
    return [NavItem(_("Electronic signatures"), reverse("signatures:index"), group)]


def workspace_links(request, startup) -> list[NavItem]:
    if not can(request.user, "signature.request", startup):
        return []
    return [
        NavItem(
            _("Send a PDF for signature"),
            reverse("signatures:new_document") + f"?startup={startup.ref}",
        )
    ]


def today_items(request) -> list[TodayItem]:
    from technopark.signatures.models import SignatureRequest, Signer

    if not principal(request.user).is_authenticated:
        return []
    waiting = Signer.objects.filter(
        user_id=request.user.pk,
        status__in=[Signer.Status.WAITING, Signer.Status.VIEWED],
        invited_at__isnull=False,
        request__status__in=SignatureRequest.OPEN,
    ).count()
    if not waiting:
        return []
    return [
        TodayItem(
            _("Documents waiting for your signature"),
            waiting,
            reverse("signatures:index"),
            section="mine",
        )
    ]


HOOKS = AppHooks(nav_items=nav_items, workspace_links=workspace_links, today_items=today_items)

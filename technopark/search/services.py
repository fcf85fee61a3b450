"""Saving and deleting views (a list's query string under a name)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.search.models import SavedView
from technopark.search.permissions import team_sites

NAME_MAX = 80


def _clean_target(url: str) -> tuple[str, str]:
    """The page's path and query string, refused unless it is a page of this platform."""
    parts = urlsplit(url or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        raise DomainError(_("Only a page of this platform can be saved."), code="bad_page")
    try:
        resolve(parts.path)
    except Resolver404:
        raise DomainError(
            _("Only a page of this platform can be saved."), code="bad_page"
        ) from None
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("page="))
    if len(parts.path) > 200 or len(query) > 1000:
        raise DomainError(_("This address is too long to be saved."), code="too_long")
    return parts.path, query


@transaction.atomic
def saved_view_create(*, by, name: str, url: str, site_code: str = "") -> SavedView:
    if not principal(by).is_authenticated:
        raise DomainError(_("Sign in to save a view."), code="forbidden", status=403)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the view a name."), code="name_missing", field="name")
    if len(name) > NAME_MAX:
        raise DomainError(
            _("A view's name has at most %(n)d characters.") % {"n": NAME_MAX},
            code="name_too_long",
            field="name",
        )
    path, query = _clean_target(url)
    site = None
    if site_code:
        site = team_sites(by).filter(code=site_code).first()
        if site is None:
            raise DomainError(
                _("You can only share a view with the team of a site you work at."),
                code="bad_site",
                field="shared_site",
            )
    if SavedView.objects.filter(owner=by, name__iexact=name).exists():
        raise DomainError(
            _("You already have a view with this name."), code="name_taken", field="name"
        )
    view = SavedView.objects.create(owner=by, name=name, path=path, query=query, shared_site=site)
    payload = {"name": name, "path": path, "shared_site": site.code if site else None}
    record("saved_view.created", view, by=by, payload=payload, site=site)
    return view


@transaction.atomic
def saved_view_delete(*, by, view: SavedView) -> None:
    if not can(by, "saved_view.delete", view):
        raise DomainError(_("Only its owner deletes a view."), code="forbidden", status=403)
    payload = {"name": view.name, "path": view.path}
    record("saved_view.deleted", view, by=by, payload=payload)
    view.delete()

"""The search page, and the saved views (save, list, delete)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.search import services
from technopark.search.permissions import team_sites, visible_saved_views
from technopark.search.selectors import search


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    require(request.user, "search.use")
    q = request.GET.get("q", "")
    results = search(request.user, q)
    hit = results.single_exact
    if hit is not None and request.GET.get("all") != "1":
        return redirect(hit.url)
    return render(request, "search/search.html", {"q": q.strip(), "results": results})


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
def view_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "search.use")
    views = visible_saved_views(request.user).order_by("path", "name")
    return render(
        request,
        "search/view_list.html",
        {"views": views, "user_id": request.user.pk},
    )


@login_required
@require_POST
def view_save(request: HttpRequest) -> HttpResponse:
    require(request.user, "search.use")
    url = request.POST.get("url", "")
    try:
        view = services.saved_view_create(
            by=request.user,
            name=request.POST.get("name", ""),
            url=url,
            site_code=request.POST.get("shared_site", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_back(request, "search:views"))
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(view.url)


@login_required
@require_POST
def view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    view = get_visible_or_404(visible_saved_views(request.user), pk=pk)
    require(request.user, "saved_view.delete", view)
    try:
        services.saved_view_delete(by=request.user, view=view)
    except DomainError as error:  # pragma: no cover - the rule above refuses first
        messages.error(request, error.message)
    else:
        messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect(_back(request, "search:views"))


__all__ = ["search_page", "view_list", "view_save", "view_delete", "team_sites"]

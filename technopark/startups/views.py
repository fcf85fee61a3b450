"""The startup directory, a startup's page, its members' workspace and invitations."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.hooks import startup_filter_choices, workspace_links, workspace_panels
from technopark.core.query import search_text
from technopark.core.selection import bulk_context
from technopark.network.models import Region, Site
from technopark.startups.forms import InviteForm, StaffNoteForm, StartupProfileForm
from technopark.startups.models import Invitation, Startup
from technopark.startups.permissions import visible_staff_notes, visible_startups
from technopark.startups.selectors import (
    STAFF_TIMELINE_KINDS,
    STATUSES,
    DirectoryFilters,
    directory,
    sectors,
    staff_timeline,
    timeline,
)
from technopark.startups.services import (
    invitation_accept,
    invitation_send,
    staff_note_add,
    startup_update,
)

PAGE_SIZE = 24
# The directory spans every startup the person may see: one scope for its selection.
BULK_SCOPE = "all"
# The filters the public showcase (publishing) reads under the same names: a visitor sent
# there from `/startups/?sector=...` lands on the same search.
SHOWCASE_PARAMS = ("q", "sector", "site", "region", "program")


def _to_showcase(request: HttpRequest) -> HttpResponse:
    """The one public directory is the showcase, which shows of each startup only what it
    chose to show (publishing sits above this app: it is reached by its URL name only)."""
    params = request.GET.copy()
    for key in list(params):
        if key not in SHOWCASE_PARAMS or not params.get(key):
            params.pop(key)
    url = reverse("publishing:showcase")
    return redirect(f"{url}?{params.urlencode()}" if params else url)


def directory_filters(params) -> DirectoryFilters:
    """The directory's filters from its query string (`params`: a QueryDict)."""
    return DirectoryFilters(
        **{key: search_text(params.get(key)) for key in DirectoryFilters.__dataclass_fields__}
    )


def directory_matching(request) -> QuerySet[Startup]:
    """The startups the directory lists for this request's search and filters (all pages):
    what "select all matching" takes (startups/bulk.py)."""
    return directory(visible_startups(request.user), directory_filters(request.GET))


def startup_directory(request: HttpRequest) -> HttpResponse:
    # Staff (of the network, a site, a partner) keep this as their working directory; anyone
    # else (visitors, founders, experts, desk agents) gets the public showcase.
    if not principal(request.user).is_staff:
        return _to_showcase(request)
    filters = directory_filters(request.GET)
    qs = directory(visible_startups(request.user), filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    # The selection's bar (core/selection.py): its "all N matching" re-reads these filters.
    bulk = bulk_context(
        request,
        "startups.directory",
        BULK_SCOPE,
        SimpleNamespace(params=request.GET.copy(), total=page.paginator.count),
    )
    return render(
        request,
        "startups/startup_directory.html",
        {
            "page_obj": page,
            "filters": filters,
            "sites": Site.objects.order_by("name"),
            "regions": Region.objects.all(),
            **startup_filter_choices(),
            "sectors": sectors(),
            "statuses": [
                (s, label)
                for s, label in zip(
                    STATUSES, [_("Resident"), _("In a program"), _("Alumni")], strict=True
                )
            ],
            "querystring_without_page": (params.urlencode() + "&") if params else "",
            "bulk": bulk,
        },
    )


def startup_detail(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    private = can(request.user, "startup.view_private", startup)
    if not private:
        # Outside its members and its sites' staff, a startup shows only what it chose to
        # show: that is its showcase page.
        return redirect(reverse("publishing:showcase_detail", args=[startup.ref]))
    context = {
        "startup": startup,
        "private": private,
        "can_change": can(request.user, "startup.change", startup),
        "enrollments": startup.enrollments.select_related("program", "site").order_by(
            "-started_on"
        ),
        "timeline": timeline(startup, private=private),
        "can_staff_page": can(request.user, "startup.staff_page", startup),
    }
    if private:
        context["members"] = startup.memberships.select_related("user")
    return render(request, "startups/startup_detail.html", context)


@login_required
def startup_edit(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "startup.change", startup, view_perm="startup.view_private")
    form = StartupProfileForm(request.POST or None, instance=Startup.objects.get(pk=startup.pk))
    if request.method == "POST" and form.is_valid():
        startup_update(
            startup=startup,
            data={f: form.cleaned_data[f] for f in form.changed_data},
            by=request.user,
        )
        messages.success(request, _("The profile was saved."))
        return redirect(startup)
    return render(request, "startups/startup_edit.html", {"startup": startup, "form": form})


@login_required
def my_workspace(request: HttpRequest) -> HttpResponse:
    ids = sorted(principal(request.user).startup_ids)
    if not ids:
        raise Http404
    return redirect("startups:workspace", ref=Startup.objects.get(pk=ids[0]).ref)


@login_required
def startup_workspace(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "startup.workspace", startup, view_perm="startup.view_private")
    return render(
        request,
        "startups/startup_workspace.html",
        {
            "startup": startup,
            "members": startup.memberships.select_related("user"),
            "invitations": startup.invitations.filter(accepted_at__isnull=True),
            "enrollments": startup.enrollments.select_related("program", "site"),
            "leases": startup.leases.select_related("space", "site").order_by("-starts_on"),
            "can_invite": can(request.user, "startup.invite", startup),
            "invite_form": InviteForm(),
            "workspace_links": workspace_links(request, startup),
            "panels": workspace_panels(request, startup),
        },
    )


@login_required
@require_POST
def startup_invite(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "startup.invite", startup, view_perm="startup.view_private")
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation_send(startup=startup, email=form.cleaned_data["email"], by=request.user)
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("startups:workspace", ref=startup.ref)


@login_required
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation, token=token)
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("core:home")
        messages.success(
            request, _("Welcome to the team of %(name)s.") % {"name": invitation.startup.name}
        )
        return redirect("startups:workspace", ref=invitation.startup.ref)
    return render(request, "startups/invitation_accept.html", {"invitation": invitation})


STAFF_PAGE_SIZE = 25


@login_required
def startup_staff_page(request: HttpRequest, ref: str) -> HttpResponse:
    """The startup's page for the staff who follow it: its whole timeline (named actions,
    documents and requests, the staff's private notes), newest first, paged, by kind; and
    the form to add a note. Never shown to the startup's members."""
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "startup.staff_page", startup, view_perm="startup.view_private")
    notes = visible_staff_notes(request.user, startup)
    form = StaffNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_note_add(startup=startup, text=form.cleaned_data["text"], by=request.user)
        except DomainError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, _("Note added."))
            return redirect("startups:staff_page", ref=startup.ref)
    kind = request.GET.get("kind", "")
    if kind not in STAFF_TIMELINE_KINDS:
        kind = ""
    entries = staff_timeline(startup, notes, kind=kind)
    page = Paginator(entries, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "startups/startup_staff_page.html",
        {
            "startup": startup,
            "page_obj": page,
            "kind": kind,
            "kinds": [
                ("", _("Everything")),
                ("documents", _("Documents and requests")),
                ("notes", _("Staff notes")),
                ("activity", _("Other activity")),
            ],
            "form": form,
        },
    )

"""The public showcase of listed startups, its contact form, the partners' widget and feed."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.client_address import client_ip
from technopark.core.errors import DomainError
from technopark.publishing.forms import ContactForm, ShowcaseForm
from technopark.publishing.models import ShowcaseProfile
from technopark.publishing.selectors import (
    ShowcaseFilters,
    directory,
    filter_choices,
    listed,
    public_card,
)
from technopark.publishing.services import showcase_contact, showcase_update
from technopark.startups.permissions import visible_startups

FEED_LIMIT = 200
PAGE_SIZE = 24
LOGO_CACHE_SECONDS = 365 * 24 * 3600  # its address changes with the file (?v=)


def showcase_list(request: HttpRequest) -> HttpResponse:
    filters = ShowcaseFilters.from_request(request)
    page = Paginator(directory(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "publishing/showcase_list.html",
        {
            "page_obj": page,
            "cards": [public_card(s) for s in page.object_list],
            "filters": filters,
            **filter_choices(),
            "querystring_without_page": (params.urlencode() + "&") if params else "",
        },
    )


def _detail(request: HttpRequest, startup, *, form=None, status=200, preview=False):
    card = public_card(startup)
    meta = {
        "title": startup.name,
        "description": card["tagline"]
        or _("%(name)s, a startup of the technology parks network.") % {"name": startup.name},
    }
    if card["logo_url"]:  # the preview a link shows: its logo, when it chose to show it
        meta.update(image=card["logo_url"], image_alt=startup.name)
    return render(
        request,
        "publishing/showcase_detail.html",
        {
            "card": card,
            "form": form or ContactForm(),
            "meta": meta,
            "preview": preview,
            "startup": startup,
        },
        status=status,
    )


def showcase_detail(request: HttpRequest, ref: str) -> HttpResponse:
    return _detail(request, get_visible_or_404(listed(), ref=ref))


@login_required
def showcase_preview(request: HttpRequest, ref: str) -> HttpResponse:
    """The public page as visitors would see it, for its founders, listed or not yet."""
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "showcase.edit", startup, view_perm="startup.view_private")
    response = _detail(request, startup, preview=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def showcase_logo(request: HttpRequest, ref: str) -> FileResponse:
    """A startup's logo (a PNG thumbnail Pillow drew): public when it chose to show it."""
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    profile = ShowcaseProfile.objects.filter(startup=startup).exclude(logo="").first()
    shown = bool(startup.public and profile and profile.show_logo)
    editor = can(request.user, "showcase.edit", startup)
    if profile is None or not (shown or editor):
        raise Http404
    try:
        handle = profile.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/png")
    response["Content-Disposition"] = 'inline; filename="logo.png"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        f"public, max-age={LOGO_CACHE_SECONDS}, immutable" if shown else "private, no-store"
    )
    return response


@require_POST
def showcase_contact_view(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(listed().filter(showcase__show_contact=True), ref=ref)
    form = ContactForm(request.POST)
    status = 200
    if form.is_valid():
        if form.cleaned_data["website"]:  # a robot: say thanks, send nothing
            messages.success(request, _("Your message was sent to the team."))
            return redirect("publishing:showcase_detail", ref=startup.ref)
        try:
            showcase_contact(
                startup=startup,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                ip=client_ip(request),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            status = exc.status
        else:
            messages.success(request, _("Your message was sent to the team."))
            return redirect("publishing:showcase_detail", ref=startup.ref)
    else:
        status = 400
    return _detail(request, startup, form=form, status=status)


@login_required
def showcase_edit(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "showcase.edit", startup, view_perm="startup.view_private")
    profile = ShowcaseProfile.objects.filter(startup=startup).first() or ShowcaseProfile(
        startup=startup
    )
    form = ShowcaseForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            showcase_update(
                startup=startup,
                data=form.data_fields(),
                logo=form.cleaned_data.get("logo"),
                remove_logo=form.cleaned_data.get("remove_logo", False),
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your showcase profile was saved."))
            return redirect("publishing:showcase_edit", ref=startup.ref)
    if profile.pk:
        profile.refresh_from_db()
    return render(
        request,
        "publishing/showcase_edit.html",
        {"startup": startup, "form": form, "profile": profile},
        status=400 if form.errors else 200,
    )


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def showcase_widget(request: HttpRequest) -> HttpResponse:
    """A compact list partners put in an <iframe> on their own sites."""
    startups = directory(ShowcaseFilters.from_request(request))[:12]
    return render(
        request, "publishing/showcase_widget.html", {"cards": [public_card(s) for s in startups]}
    )


def feed_item(card: dict, request: HttpRequest) -> dict:
    """A startup in the feed: what it chose to show, an empty value for the rest."""
    return {
        "id": card["ref"],
        "name": card["name"],
        "sector": card["sector"],
        "site": card["site"].name if card["site"] else None,
        "region": card["region"].code if card["region"] else None,
        "program": card["program"].name if card["program"] else None,
        "founded": card["founded"],
        "team_size": card["team_size"],
        "website": card["website"] or None,
        "description": card["description"],
        "tagline": card["tagline"],
        "logo": request.build_absolute_uri(card["logo_url"]) if card["logo_url"] else None,
        "products": card["products"],
        "looking_for": card["looking_for"],
        "url": request.build_absolute_uri(f"/open/startups/{card['ref']}/"),
    }


def showcase_feed(request: HttpRequest) -> JsonResponse:
    """The showcase as JSON for partners' platforms; the one response with open CORS."""
    startups = directory(ShowcaseFilters.from_request(request))[:FEED_LIMIT]
    items = [feed_item(public_card(s), request) for s in startups]
    response = JsonResponse(
        {"count": len(items), "startups": items}, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response

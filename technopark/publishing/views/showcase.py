"""The public showcase of listed startups, its contact form, the partners' widget and feed."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.client_address import client_ip
from technopark.core.errors import DomainError
from technopark.core.query import search_text
from technopark.programs.models import Enrollment
from technopark.publishing.forms import ContactForm, ShowcaseForm
from technopark.publishing.models import ShowcaseProfile
from technopark.publishing.permissions import showcase_startups
from technopark.publishing.services import showcase_contact, showcase_update
from technopark.startups.permissions import visible_startups

LOOKING_FOR = {"clients", "funding", "talent"}
FEED_LIMIT = 200


def _listed(request: HttpRequest):
    qs = (
        showcase_startups()
        .select_related("showcase", "region")
        .prefetch_related(
            Prefetch(
                "enrollments",
                queryset=Enrollment.objects.select_related("site").order_by("-started_on"),
                to_attr="site_enrollments",
            )
        )
    )
    q = search_text(request.GET.get("q"))
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(sector__icontains=q) | Q(showcase__products__icontains=q)
        )
    sector = search_text(request.GET.get("sector"))
    if sector:
        qs = qs.filter(sector__iexact=sector)
    site = search_text(request.GET.get("site"))
    if site:
        qs = qs.filter(Exists(Enrollment.objects.filter(startup=OuterRef("pk"), site__code=site)))
    wanted = request.GET.get("looking_for", "")
    if wanted in LOOKING_FOR:
        qs = qs.filter(**{f"showcase__seeks_{wanted}": True})
    return qs.order_by("name", "pk")


def _site_of(startup):
    enrollments = getattr(startup, "site_enrollments", None)
    return enrollments[0].site if enrollments else None


def _profile(startup) -> ShowcaseProfile | None:
    try:
        return startup.showcase
    except ShowcaseProfile.DoesNotExist:
        return None


def _cards(startups) -> list[dict]:
    return [{"startup": s, "profile": _profile(s), "site": _site_of(s)} for s in startups]


def showcase_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_listed(request), 24).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "publishing/showcase_list.html",
        {
            "page_obj": page,
            "cards": _cards(page.object_list),
            "querystring_without_page": (params.urlencode() + "&") if params else "",
            "q": request.GET.get("q", ""),
            "looking_for": request.GET.get("looking_for", ""),
        },
    )


def showcase_detail(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(_listed(request), ref=ref)
    card = _cards([startup])[0]
    profile = card["profile"]
    meta = {
        "title": startup.name,
        "description": (profile.tagline if profile and profile.tagline else "")
        or _("%(name)s, a startup of the technology parks network (%(sector)s).")
        % {"name": startup.name, "sector": startup.sector or "—"},
    }
    return render(
        request,
        "publishing/showcase_detail.html",
        {"card": card, "form": ContactForm(), "meta": meta},
    )


@require_POST
def showcase_contact_view(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(showcase_startups(), ref=ref)
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
    return render(
        request,
        "publishing/showcase_detail.html",
        {"card": _cards([startup])[0], "form": form},
        status=status,
    )


@login_required
def showcase_edit(request: HttpRequest, ref: str) -> HttpResponse:
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "showcase.edit", startup, view_perm="startup.view_private")
    profile = ShowcaseProfile.objects.filter(startup=startup).first() or ShowcaseProfile(
        startup=startup
    )
    form = ShowcaseForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        showcase_update(
            startup=startup,
            data={f: form.cleaned_data[f] for f in form.fields},
            by=request.user,
        )
        messages.success(request, _("Your showcase profile was saved."))
        return redirect("publishing:showcase_edit", ref=startup.ref)
    return render(request, "publishing/showcase_edit.html", {"startup": startup, "form": form})


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def showcase_widget(request: HttpRequest) -> HttpResponse:
    """A compact list partners put in an <iframe> on their own sites."""
    startups = list(_listed(request)[:12])
    return render(request, "publishing/showcase_widget.html", {"cards": _cards(startups)})


def feed_item(card: dict, request: HttpRequest) -> dict:
    startup, profile, site = card["startup"], card["profile"], card["site"]
    return {
        "id": startup.ref,
        "name": startup.name,
        "sector": startup.sector,
        "city": startup.city,
        "site": site.name if site else None,
        "website": startup.website or None,
        "description": startup.description,
        "tagline": profile.tagline if profile else "",
        "products": profile.product_list() if profile else [],
        "looking_for": profile.looking_for() if profile else [],
        "url": request.build_absolute_uri(f"/open/startups/{startup.ref}/"),
    }


def showcase_feed(request: HttpRequest) -> JsonResponse:
    """The showcase as JSON for partners' platforms; the one response with open CORS."""
    items = [feed_item(c, request) for c in _cards(_listed(request)[:FEED_LIMIT])]
    response = JsonResponse(
        {"count": len(items), "startups": items}, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response

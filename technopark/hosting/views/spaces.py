"""A site's spaces by floor, who holds each, and occupancy now or at any date."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from technopark.core.query import page_day
from technopark.hosting.permissions import hosting_sites
from technopark.hosting.selectors import next_in_line_for, site_floor_plan
from technopark.hosting.views.common import can_manage, site_for, today

_PK = 2_147_483_647  # a stand-in id: the contract's address is built once, not once a space


@login_required
def hosting_index(request: HttpRequest) -> HttpResponse:
    sites = list(hosting_sites(request.user).order_by("code"))
    if not sites:
        raise Http404
    if len(sites) == 1:
        return redirect("hosting:site_spaces", site=sites[0].code)
    return render(request, "hosting/index.html", {"sites": sites})


@login_required
def site_spaces(request: HttpRequest, site: str) -> HttpResponse:
    """The site's floors summed up, and the spaces of one floor (`?floor=`, the first by
    default): a large site has hundreds of spaces, each floor a few dozen."""
    site_obj = site_for(request, site)
    now = today()
    day = page_day(request, "date", now)
    plan = site_floor_plan(site_obj, day, request.GET.get("floor"))
    if day == now:
        next_in_line_for(site_obj, plan.spaces)
    contract = reverse("hosting:contract_detail", args=[site_obj.code, _PK])
    manage = can_manage(request, site_obj)
    new_contract = reverse("hosting:contract_new", args=[site_obj.code]) if manage else ""
    waiting = reverse("hosting:waiting_list", args=[site_obj.code])
    words = _card_words()
    cards = []
    for space in plan.spaces:
        space.url = contract.replace(str(_PK), str(space.lease_id)) if space.lease_id else ""
        space.new_url = f"{new_contract}?space={space.pk}" if new_contract else ""
        cards.append(_space_card(space, words, waiting))
    here = reverse("hosting:site_spaces", args=[site_obj.code])
    floor_links = [
        (floor, f"{here}?{urlencode({'date': day.isoformat(), 'floor': floor.name})}")
        for floor in plan.floors
    ]
    return render(
        request,
        "hosting/site_spaces.html",
        {
            "site": site_obj,
            "day": day,
            "today": now,
            "plan": plan,
            "cards": mark_safe("\n".join(cards)),  # noqa: S308 - each one escaped
            "floor_links": floor_links,
            "occupancy": plan.occupancy,
            "can_manage": manage,
        },
    )


def _card_words() -> dict[str, str]:
    return {
        "leaves": _("leaves"),
        "until": _("until"),
        "notice": _("notice given"),
        "free": pgettext("space", "Free"),
        "next": _("Next in line:"),
        "new": _("New contract"),
        "date": get_format("SHORT_DATE_FORMAT"),  # looked up once, not once a card
    }


def _space_card(space, words: dict[str, str], waiting_url: str) -> SafeString:
    """One space of the floor drawn in Python (a template draws each of a floor's dozens
    of cards with about twenty nodes): code, kind, area, and its tenant or who is next."""
    head = format_html(
        '<div class="fw-semibold">{} <span class="small text-body-secondary">{}</span></div>'
        '<div class="small">{} m²</div>',
        space.code,
        space.kind_label,
        floatformat(space.area_m2, "-2g"),
    )
    if space.lease_id:
        when = ""
        if space.ends_on:
            when = f"{words['leaves']} {format_date(space.ends_on, words['date'])}"
        elif space.planned_end:
            when = f"{words['until']} {format_date(space.planned_end, words['date'])}"
        if space.notice:
            when += f" · {words['notice']}"
        body = format_html(
            '<div class="small"><a href="{}">{}</a></div>'
            '<div class="small text-body-secondary">{}</div>',
            space.url,
            space.startup_name,
            when,
        )
        state = "is-let"
    else:
        body = format_html('<div class="small text-success">{}</div>', words["free"])
        if space.next_in_line:
            body += format_html(
                '<div class="small">{} <a href="{}">{}</a></div>',
                words["next"],
                waiting_url,
                space.next_in_line,
            )
        if space.new_url:
            body += format_html(
                '<div class="small"><a href="{}">{}</a></div>', space.new_url, words["new"]
            )
        state = "is-free"
    return format_html('<div class="tp-space {}">{}{}</div>', state, head, body)

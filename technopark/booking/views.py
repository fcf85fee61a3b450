"""Booking pages: a site's day/week calendar, booking, moving, cancelling, blocking, rules,
and the private iCalendar feeds."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.booking import services
from technopark.booking.api import startup_for_booking
from technopark.booking.forms import BlockForm, BookingForm, RuleForm, SlotForm
from technopark.booking.ical import bookings_calendar
from technopark.booking.models import Audience, Booking, CalendarFeed
from technopark.booking.permissions import (
    calendar_sites,
    resident_startup_ids,
    visible_bookings,
    visible_feeds,
)
from technopark.booking.rules import local, rules_for
from technopark.booking.selectors import site_calendar
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.query import page_day
from technopark.network.models import Space
from technopark.network.permissions import visible_sites, visible_spaces

SLOT_MINUTES = 30
DAY_START, DAY_END = 8, 20  # hours shown when no room says when it opens


def _room(request, site_code: str, code: str) -> Space:
    space = get_visible_or_404(
        visible_spaces(request.user).filter(kind__in=Space.BOOKABLE_KINDS),
        site__code=site_code,
        code=code,
    )
    return space


@login_required
def booking_index(request: HttpRequest) -> HttpResponse:
    sites = list(calendar_sites(request.user).order_by("code"))
    if len(sites) == 1:
        return redirect("booking:calendar", site=sites[0].code)
    upcoming = visible_bookings(request.user).filter(
        booked_by=request.user, status=Booking.Status.CONFIRMED, ends_at__gte=timezone.now()
    )
    return render(
        request,
        "booking/index.html",
        {"sites": sites, "upcoming": upcoming[:10], "upcoming_count": upcoming.count()},
    )


def _when(qs, value: str):
    now = timezone.now()
    if value == "all":
        return qs
    return qs.filter(ends_at__gte=now) if value == "coming" else qs.filter(ends_at__lt=now)


@login_required
def booking_list(request: HttpRequest) -> HttpResponse:
    """The bookings a person may see, as a list to work from: a resident's own and their
    startup's, all of a site for its staff; search, filters, sort, pages and export."""
    sites = list(calendar_sites(request.user).order_by("code"))
    room = _("Room")
    listing = Listing(
        request,
        visible_bookings(request.user),
        search=("title", "space__code", "space__name", "startup__name", "booked_by__full_name"),
        filters={
            "when": Filter(
                _("When"),
                [("coming", _("Coming")), ("past", _("Past")), ("all", _("All"))],
                _when,
                default="coming",
            ),
            "site": Filter(
                _("Site"), [(s.code, s.name) for s in sites], "site__code", any_label=_("All")
            ),
            "status": Filter(_("Status"), Booking.Status.choices, "status", any_label=_("All")),
            "kind": Filter(_("Kind"), Booking.Kind.choices, "kind", any_label=_("All")),
        },
        sorts={
            "soonest": Sort(_("Soonest first"), ("starts_at", "pk")),
            "latest": Sort(_("Latest first"), ("-starts_at", "-pk")),
            "room": Sort(room, ("site__code", "space__code", "starts_at")),
        },
        columns=[
            Column(_("Date"), lambda b: timezone.localtime(b.starts_at).date()),
            Column(_("From"), lambda b: timezone.localtime(b.starts_at).strftime("%H:%M")),
            Column(_("To"), lambda b: timezone.localtime(b.ends_at).strftime("%H:%M")),
            Column(_("Site"), lambda b: b.site.code),
            Column(room, lambda b: b.space.name or b.space.code),
            Column(_("Title"), lambda b: b.title),
            Column(_("Startup"), lambda b: b.startup.name if b.startup_id else ""),
            Column(_("Booked by"), lambda b: b.booked_by.get_full_name() if b.booked_by_id else ""),
            Column(_("Status"), lambda b: b.get_status_display()),
            Column(_("Kind"), lambda b: b.get_kind_display()),
        ],
        export_name="bookings",
    )
    if listing.export:
        return listing.export_response()
    rows = [(b, can(request.user, "booking.change", b)) for b in listing.rows]
    return render(request, "booking/booking_list.html", {"listing": listing, "rows": rows})


def _day_span(rooms_day) -> tuple[int, int]:
    """The hours the grid shows: from the earliest opening to the latest closing of the rooms."""
    rules = [room_day.rules for room_day in rooms_day if room_day.rules.bookable]
    if not rules:
        return DAY_START, DAY_END
    start = min(r.opens_at.hour for r in rules)
    end = max(r.closes_at.hour + (1 if r.closes_at.minute else 0) for r in rules)
    return start, max(end, start + 1)


def _agenda(rows: list[dict], day: dt.date) -> list[dict]:
    """The day as a list per room (for phones): runs of free, booked, blocked or closed time."""
    words = {"book": _("Book"), "free": _("Free"), "blocked": _("Blocked by staff")}
    agenda = []
    for row in rows:
        runs: list[dict] = []
        for cell in row["cells"]:
            last = runs[-1] if runs else None
            if last and last["state"] == cell["state"] and last["booking"] == cell["booking"]:
                last["end"], last["end_text"] = cell["end"], cell["end_text"]
                continue
            runs.append({**cell, "start": cell["time"]})
        runs = [r for r in runs if r["state"] not in ("closed", "past")]
        for run in runs:
            run["html"] = _run_html(run, row, day.isoformat(), words)
        agenda.append({**row, "runs": runs})
    return agenda


def _run_html(run: dict, row: dict, day_iso: str, words: dict[str, str]) -> str:
    """One run of the phone agenda as HTML (the inside of its list item)."""
    html = format_html(
        '<span class="tp-agenda-time">{}–{}</span>\n        ', run["time_text"], run["end_text"]
    )
    if run["state"] == "free":
        if not row["can_book"]:
            return html + format_html("{}", words["free"])
        at = run["time_text"]
        return html + format_html(
            '<a class="btn btn-sm btn-outline-success" href="{}?date={}&start={}">{}'
            '<span class="visually-hidden"> {} {}</span></a>',
            row["book_url"], day_iso, at, words["book"], row["room"].code, at,
        )  # fmt: skip
    if run["state"] == "blocked":
        label = f": {run['label']}" if run["label"] else ""
        return html + format_html("{}{}", words["blocked"], label)
    if run["can_change"]:
        move = reverse("booking:move", args=[run["booking"].pk])
        return html + format_html('<a href="{}">{}</a>', move, run["label"])
    return html + format_html("{}", run["label"])


def _now() -> dt.datetime:
    """Casablanca's wall-clock time now (naive, like the grid's half hours)."""
    return local(timezone.now()).replace(tzinfo=None)


def _day_rows(rooms_day, day: dt.date, user, site, span=(DAY_START, DAY_END)) -> list[dict]:
    """Each room as a row of half-hour cells: free (a link to book), booked or blocked.

    What a cell shows is worked out here once (each booking's label and whether the person
    may change it, the times as text, the booking form's address once per room), so the
    template only prints it: the grid is a few hundred cells.
    """
    p = principal(user)
    book_all = p.works_at_site(site.pk)
    resident = bool(resident_startup_ids(p, site.pk))
    step = dt.timedelta(minutes=SLOT_MINUTES)
    day_iso, book = day.isoformat(), _("Book")
    now = _now()
    first_slot = dt.datetime.combine(day, dt.time(span[0]))
    end = dt.datetime.combine(day, dt.time(span[1]) if span[1] < 24 else dt.time.max)
    slots = []
    slot = first_slot
    while slot < end:
        slots.append((slot, slot.time(), f"{slot:%H:%M}", f"{slot + step:%H:%M}"))
        slot += step
    kinds = {value: str(label) for value, label in Space.Kind.choices}
    rows = []
    for room_day in rooms_day:
        rules = room_day.rules
        open_day = rules.bookable and day.isoweekday() in rules.weekdays
        # (naive local start, naive local end, booking, label, may change) of each booking
        taken_spans = [
            (
                local(b.starts_at).replace(tzinfo=None),
                local(b.ends_at).replace(tzinfo=None),
                b,
                _label(b, user),
                can(user, "booking.change", b),
            )
            for b in room_day.bookings
        ]
        can_book = book_all or (resident and rules.audience != Audience.STAFF)
        book_url = reverse("booking:book", args=[site.code, room_day.space.code])
        # A free half hour's link, escaped once a room: only its time changes (HH:MM).
        free_link = _free_link(book_url, day_iso, room_day.space.code, book) if can_book else ""
        cells = []
        for slot, t, text, end_text in slots:
            taken = next((span_ for span_ in taken_spans if span_[0] <= slot < span_[1]), None)
            state = "closed"
            if taken is not None:
                state = "blocked" if taken[2].is_blocking else "booked"
            elif open_day and rules.opens_at <= t < rules.closes_at:
                # A half hour that has begun is no longer offered.
                state = "free" if slot >= now else "past"
            cell = {
                "time": t,
                "time_text": text,
                "end": (slot + step).time(),
                "end_text": end_text,
                "state": state,
                "booking": taken[2] if taken else None,
                "first": taken is not None and (taken[0] >= slot or slot == first_slot),
                "label": taken[3] if taken else "",
                "can_change": taken is not None and taken[4],
            }
            cells.append(cell)
        rows.append(
            {
                "room": room_day.space,
                "kind_label": kinds.get(room_day.space.kind, room_day.space.kind),
                "rules": rules,
                "cells": cells,
                # One string a row: the template does not loop over a few hundred cells.
                "cells_html": mark_safe(_row_html(cells, free_link)),  # noqa: S308
                "can_book": can_book,
                "book_url": book_url,
            }
        )
    return rows


def _free_link(book_url: str, day_iso: str, room: str, book: str) -> str:
    """A free half hour's link to the booking form, escaped, with TIME standing for its
    time (HH:MM, nothing to escape). TIME holds a NUL, which no text typed in a form
    holds (Django's form fields refuse it)."""
    return format_html(
        '<a href="{}?date={}&start={}" title="{} {}"><span class="visually-hidden">'
        "{} {} {}</span></a>",
        book_url, day_iso, TIME, book, TIME, book, room, TIME,
    )  # fmt: skip


TIME = "\x00time\x00"


CLOSED = '<td class="tp-slot is-closed"></td>'
PAST = '<td class="tp-slot is-past"></td>'


def _row_html(cells: list[dict], free_link: str) -> str:
    """A room's day as HTML (a few hundred cells a page: drawn here, not by a dozen template
    nodes each; a free or closed one from strings escaped once a room).

    Each booking is one cell spanning its half hours, so its title is cut at its own edge
    (the full text on hover and focus) and two bookings back to back stay two blocks."""
    html = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        state = cell["state"]
        if state == "closed":
            html.append(CLOSED)
        elif state == "past":
            html.append(PAST)
        elif state == "free":
            html.append(
                f'<td class="tp-slot is-free">{free_link.replace(TIME, cell["time_text"])}</td>'
            )
        else:
            span = 1
            while i + span < len(cells) and cells[i + span]["booking"] == cell["booking"]:
                span += 1
            html.append(_booking_html(cell, cells[i + span - 1]["end_text"], span))
            i += span
            continue
        i += 1
    return "".join(html)


def _booking_html(cell: dict, end_text: str, span: int) -> str:
    """One booking (or block) of the day grid: a cell over its half hours, its title cut to
    fit, the whole of it (times and title) in its tooltip and for screen readers."""
    full = f"{cell['time_text']}–{end_text} {cell['label']}".strip()
    colspan = format_html(' colspan="{}"', span) if span > 1 else ""
    if cell["can_change"]:
        move = reverse("booking:move", args=[cell["booking"].pk])
        inner = format_html(
            '<a class="tp-slot-label" dir="auto" href="{}" title="{}">{}</a>',
            move,
            full,
            cell["label"],
        )
    else:
        inner = format_html(
            '<span class="tp-slot-label" dir="auto" tabindex="0" title="{}">{}</span>',
            full,
            cell["label"],
        )
    return format_html(
        '<td class="tp-slot is-{} tp-block"{}><span class="visually-hidden">{}</span>{}</td>',
        cell["state"], colspan, cell["time_text"] + "–" + end_text, inner,
    )  # fmt: skip


def _label(booking: Booking, user) -> str:
    if booking.is_blocking or can(user, "booking.view", booking):
        return booking.title
    return booking.startup.name if booking.startup_id else _("Booked")


@login_required
def site_calendar_view(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = get_visible_or_404(visible_sites(request.user), code=site)
    require(request.user, "booking.calendar", site_obj, view_perm="booking.calendar")
    today = timezone.localdate()
    day = page_day(request, "date", today)
    view = "week" if request.GET.get("view") == "week" else "day"
    if view == "week":
        monday = day - dt.timedelta(days=day.weekday())
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        step = dt.timedelta(days=7)
    else:
        days = [day]
        step = dt.timedelta(days=1)
    calendar = site_calendar(site_obj, days)
    context = {
        "site": site_obj,
        "day": day,
        "view": view,
        "days": days,
        "prev": day - step,
        "next": day + step,
        "today": today,
        "can_manage": principal(request.user).manages_site(site_obj.pk),
    }
    if view == "day":
        span = _day_span(calendar[day])
        context["rows"] = _day_rows(calendar[day], day, request.user, site_obj, span)
        context["agenda"] = _agenda(context["rows"], day)
        context["hours"] = [dt.time(h) for h in range(*span)]
    else:
        p = principal(request.user)
        book_all = p.works_at_site(site_obj.pk)
        resident = bool(resident_startup_ids(p, site_obj.pk))
        context["week_rows"] = []
        for i, room_day in enumerate(calendar[days[0]]):
            rules = room_day.rules
            context["week_rows"].append(
                {
                    "room": room_day.space,
                    "can_book": book_all or (resident and rules.audience != Audience.STAFF),
                    "days": [
                        {
                            "day": d,
                            "open": rules.bookable and d.isoweekday() in rules.weekdays,
                            "items": [
                                {
                                    "booking": b,
                                    "label": _label(b, request.user),
                                    "can_change": can(request.user, "booking.change", b),
                                }
                                for b in calendar[d][i].bookings
                            ],
                        }
                        for d in days
                    ],
                }
            )
    return render(request, "booking/calendar.html", context)


@login_required
def booking_new(request: HttpRequest, site: str, code: str) -> HttpResponse:
    space = _room(request, site, code)
    require(request.user, "booking.book", space, view_perm="space.view")
    rules = rules_for(space)
    initial = {"day": page_day(request, "date", timezone.localdate())}
    if request.GET.get("start"):
        try:
            start = dt.time.fromisoformat(request.GET["start"])
            initial["start"] = start
            # The half hour clicked: its start and its end (the person stretches it).
            initial["end"] = (
                dt.datetime.combine(dt.date.today(), start) + dt.timedelta(minutes=SLOT_MINUTES)
            ).time()
        except ValueError:
            pass
    form = BookingForm(request.POST or None, initial={"repeat_weeks": 1, **initial})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            startup = startup_for_booking(request.user, space, None)
            result = services.booking_create_weekly(
                space=space,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                title=data["title"],
                by=request.user,
                startup=startup,
                occurrences=data["repeat_weeks"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if data["repeat_weeks"] == 1 and result.refused:
                form.add_error(None, result.refused[0][1])
            else:
                if len(result.created) == 1:
                    booking = result.created[0]
                    messages.success(
                        request,
                        _(
                            "Booked: %(room)s on %(date)s from %(start)s to %(end)s, "
                            "“%(title)s”. A confirmation e-mail is on its way."
                        )
                        % {
                            "room": space.name or space.code,
                            "date": formats.date_format(
                                local(booking.starts_at).date(), "SHORT_DATE_FORMAT"
                            ),
                            "start": f"{local(booking.starts_at):%H:%M}",
                            "end": f"{local(booking.ends_at):%H:%M}",
                            "title": booking.title,
                        },
                    )
                elif result.created:
                    messages.success(
                        request,
                        _(
                            "Booked: %(room)s, %(n)d weeks from %(date)s, %(start)s to %(end)s, "
                            "“%(title)s”. A confirmation e-mail is on its way."
                        )
                        % {
                            "room": space.name or space.code,
                            "n": len(result.created),
                            "date": formats.date_format(
                                local(result.created[0].starts_at).date(), "SHORT_DATE_FORMAT"
                            ),
                            "start": f"{local(result.created[0].starts_at):%H:%M}",
                            "end": f"{local(result.created[0].ends_at):%H:%M}",
                            "title": result.created[0].title,
                        },
                    )
                for day, reason in result.refused:
                    messages.warning(
                        request,
                        _("%(date)s not booked: %(reason)s")
                        % {"date": formats.date_format(day, "SHORT_DATE_FORMAT"), "reason": reason},
                    )
                return redirect(
                    f"{reverse('booking:calendar', args=[site])}?date={data['day']:%Y-%m-%d}"
                )
    return render(
        request, "booking/booking_form.html", {"space": space, "rules": rules, "form": form}
    )


def _booking(request, booking_id: int) -> Booking:
    booking = get_visible_or_404(visible_bookings(request.user), pk=booking_id)
    require(request.user, "booking.change", booking, view_perm="booking.view")
    return booking


@login_required
def booking_move(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking(request, booking_id)
    start, end = local(booking.starts_at), local(booking.ends_at)
    form = SlotForm(
        request.POST or None,
        initial={"day": start.date(), "start": start.time(), "end": end.time()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_move(
                booking=booking,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The booking was moved."))
            return redirect(
                f"{reverse('booking:calendar', args=[booking.site.code])}"
                f"?date={form.cleaned_data['day']:%Y-%m-%d}"
            )
    return render(request, "booking/booking_move.html", {"booking": booking, "form": form})


@login_required
@require_POST
def booking_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking(request, booking_id)
    services.booking_cancel(booking=booking, by=request.user)
    messages.success(request, _("The booking was cancelled."))
    return redirect(
        f"{reverse('booking:calendar', args=[booking.site.code])}"
        f"?date={local(booking.starts_at):%Y-%m-%d}"
    )


@login_required
def room_block(request: HttpRequest, site: str, code: str) -> HttpResponse:
    space = _room(request, site, code)
    require(request.user, "booking.manage", space, view_perm="space.view")
    form = BlockForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.room_block(
                space=space,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                title=data["title"],
                by=request.user,
                cancel_bookings=data["cancel_bookings"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The room is blocked."))
            return redirect(
                f"{reverse('booking:calendar', args=[site])}?date={data['day']:%Y-%m-%d}"
            )
    return render(request, "booking/room_block.html", {"space": space, "form": form})


@login_required
def room_rules(request: HttpRequest, site: str, code: str) -> HttpResponse:
    space = _room(request, site, code)
    require(request.user, "booking.manage", space, view_perm="space.view")
    rules = rules_for(space)
    initial = {
        "bookable": rules.bookable,
        "opens_at": rules.opens_at,
        "closes_at": rules.closes_at,
        "weekdays": [str(d) for d in sorted(rules.weekdays)],
        "max_days_ahead": rules.max_days_ahead,
        "max_minutes": rules.max_minutes,
        "audience": rules.audience,
        "equipment": rules.equipment,
        "needs_approval": rules.needs_approval,
    }
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_rule_set(space=space, data=form.cleaned_data, by=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The room's rules were saved."))
            return redirect("booking:calendar", site=site)
    return render(request, "booking/room_rules.html", {"space": space, "form": form})


@login_required
def feeds(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not request.POST.get("space"):
            # One's own bookings are in the personal calendar, with every other commitment
            # (docs/calendars.md); the "my bookings" addresses made before keep working.
            messages.info(
                request,
                _(
                    "Your own bookings are in your personal calendar, with all your other commitments."
                ),
            )
            return redirect("accounts:calendar")
        space = get_visible_or_404(
            visible_spaces(request.user).filter(kind__in=Space.BOOKABLE_KINDS),
            pk=request.POST["space"],
        )
        require(request.user, "booking.feed_room", space)
        services.feed_create(user=request.user, space=space)
        messages.success(request, _("A new private calendar address was made."))
        return redirect("booking:feeds")
    sites = calendar_sites(request.user)
    rooms = Space.objects.filter(site__in=sites, kind__in=Space.BOOKABLE_KINDS).select_related(
        "site"
    )
    return render(
        request,
        "booking/feeds.html",
        {
            "feeds": visible_feeds(request.user).filter(revoked_at__isnull=True),
            "rooms": rooms,
        },
    )


@login_required
@require_POST
def feed_revoke(request: HttpRequest, feed_id: int) -> HttpResponse:
    feed = get_visible_or_404(visible_feeds(request.user), pk=feed_id)
    services.feed_revoke(feed=feed)
    messages.success(request, _("The calendar address no longer works."))
    return redirect("booking:feeds")


def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the unguessable token is the key; a revoked token is a 404."""
    feed = (
        CalendarFeed.objects.select_related("user", "space__site")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    since = timezone.now() - dt.timedelta(days=90)
    if feed.space is not None:
        if not can(feed.user, "booking.feed_room", feed.space):
            raise Http404
        bookings = Booking.objects.filter(space=feed.space)
        name = f"{feed.space.name or feed.space.code} · {feed.space.site.name}"
    else:
        bookings = visible_bookings(feed.user).filter(booked_by=feed.user)
        name = _("My bookings")
    bookings = bookings.filter(ends_at__gte=since).select_related("space", "site")
    response = HttpResponse(
        bookings_calendar(name, bookings), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def hall_requests(request: HttpRequest, site: str) -> HttpResponse:
    """Hall requests awaiting the site's decision: approve, or decline saying why."""
    site_obj = get_visible_or_404(visible_sites(request.user), code=site)
    require(request.user, "booking.decide", site_obj, view_perm="booking.decide")
    pending = (
        Booking.objects.filter(site=site_obj, status=Booking.Status.REQUESTED)
        .select_related("space", "startup", "booked_by")
        .order_by("starts_at")
    )
    return render(request, "booking/hall_requests.html", {"site": site_obj, "pending": pending})


@login_required
@require_POST
def hall_decide(request: HttpRequest, booking_id: int) -> HttpResponse:
    # Whoever sees the request (get_visible_or_404) but may not decide gets 403.
    booking = get_visible_or_404(visible_bookings(request.user), pk=booking_id)
    require(request.user, "booking.decide", booking.site)
    try:
        if request.POST.get("decision") == "approve":
            services.booking_approve(booking=booking, by=request.user)
            messages.success(request, _("Request approved; the requester is told."))
        else:
            services.booking_decline(
                booking=booking, reason=request.POST.get("reason", ""), by=request.user
            )
            messages.success(request, _("Request declined; the requester is told why."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("booking:hall_requests", site=booking.site.code)


@login_required
@require_POST
def room_hire(request: HttpRequest, site: str) -> HttpResponse:
    """Count a month's meeting-room hire at the site and hand it to billing as charges
    (the site's billing managers; back to billing's charges page)."""
    from technopark.billing.forms import MonthForm

    site_obj = get_visible_or_404(visible_sites(request.user), code=site)
    require(request.user, "billing.manage", site_obj, view_perm="billing.view_site")
    form = MonthForm(request.POST)
    if form.is_valid():
        made = services.room_hire_bill_month(
            site=site_obj, month=form.cleaned_data["month"], by=request.user
        )
        messages.success(request, _("%(n)d room-hire charge(s) added.") % {"n": len(made)})
    else:
        messages.error(request, _("Choose a month."))
    return redirect("billing:charge_list", site=site)

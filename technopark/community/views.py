"""Pages of community life: calendars, registration, tickets, check-in, the lobby screen."""

from __future__ import annotations

import datetime as dt

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.community import services
from technopark.community.forms import (
    AnswersForm,
    CheckinForm,
    EventForm,
    GuestRegistrationForm,
    QuestionForm,
    sites_for_events,
)
from technopark.community.ical import calendar_feed
from technopark.community.models import Answer, Event, Question, Registration
from technopark.community.permissions import (
    managed_events,
    visible_events,
    visible_registrations,
)
from technopark.community.selectors import (
    amenities_now,
    attendance,
    attendance_by,
    events_between,
    month_grid,
    week_hours,
)
from technopark.community.throttle import guest_registration_throttled
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.query import page_day, page_month, search_text
from technopark.core.selection import bulk_context
from technopark.network.models import Site
from technopark.network.permissions import visible_sites


def event_list(request: HttpRequest) -> HttpResponse:
    events = visible_events(request.user).exclude(status=Event.Status.CANCELLED)
    site_code = search_text(request.GET.get("site"))
    site = Site.objects.filter(code=site_code).first() if site_code else None
    if site:
        events = events.filter(site=site)
    kind = request.GET.get("kind", "")
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    awaiting = request.GET.get("awaiting") == "1"
    if awaiting:  # the home's "registrations awaiting your approval"
        events = events.filter(registrations__status=Registration.Status.PENDING).distinct()
    view = "month" if request.GET.get("view") == "month" else "list"
    context = {
        "site": site,
        "kind": kind,
        "awaiting": awaiting,
        "kinds": Event.Kind.choices,
        "view": view,
        "sites": Site.objects.filter(events__isnull=False).distinct().order_by("name"),
        "can_add": can(request.user, "event.add"),
    }
    if view == "month":
        first = page_month(request, "month", timezone.localdate().replace(day=1))
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        context.update(
            month=first,
            previous_month=(first - dt.timedelta(days=1)).replace(day=1),
            next_month=last + dt.timedelta(days=1),
            weeks=month_grid(first.year, first.month, list(events_between(events, first, last))),
        )
    else:
        coming = events.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
        page_obj = Paginator(coming, 30).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            events=page_obj.object_list,
            page_obj=page_obj,
            querystring_without_page=f"{query.urlencode()}&" if query else "",
        )
    return render(request, "community/event_list.html", context)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(visible_events(request.user), pk=pk)
    p = principal(request.user)
    mine = (
        event.registrations.filter(user_id=p.user_id, status__in=Registration.ACTIVE).first()
        if p.is_authenticated
        else None
    )
    waiting_rank = None
    if mine and mine.status == Registration.Status.WAITLISTED:
        waiting_rank = event.registrations.filter(
            status=Registration.Status.WAITLISTED, created_at__lte=mine.created_at
        ).count()
    return render(
        request,
        "community/event_detail.html",
        {
            "event": event,
            "answers_form": AnswersForm(questions=event.questions.all()),
            "mine": mine,
            "waiting_rank": waiting_rank,
            "can_register": can(request.user, "event.register", event),
            "can_manage": can(request.user, "event.manage", event),
            "open": event.status == Event.Status.PUBLISHED
            and event.starts_at > timezone.now()
            and not (event.registration_deadline and event.registration_deadline < timezone.now()),
        },
    )


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(visible_events(request.user), pk=pk)
    require(request.user, "event.register", event, view_perm="event.view")
    form = AnswersForm(request.POST, questions=event.questions.all())
    form.is_valid()  # the service checks the answers (required, among the options)
    try:
        registration = services.registration_create(
            event=event, user=request.user, answers=form.answers(), by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            {
                "confirmed": _("You are registered: your ticket is below."),
                "waitlisted": _("The event is full: you are on the waiting list."),
                "pending": _("Your registration awaits the organisers' approval."),
            }[registration.status],
        )
    return redirect(event)


@login_required
@require_POST
def event_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(visible_events(request.user), pk=pk)
    registration = get_visible_or_404(
        event.registrations.filter(user=request.user, status__in=Registration.ACTIVE)
    )
    try:
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(request, _("Your registration was cancelled."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(event)


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    regs = (
        Registration.objects.filter(user=request.user, status__in=Registration.ACTIVE)
        .select_related("event__site")
        .order_by("event__starts_at")
    )
    now = timezone.now()
    return render(
        request,
        "community/my_events.html",
        {
            "coming": [r for r in regs if r.event.ends_at >= now],
            "past": Registration.objects.filter(
                user=request.user, status=Registration.Status.CONFIRMED, event__ends_at__lt=now
            )
            .select_related("event__site")
            .order_by("-event__starts_at")[:30],
        },
    )


def ticket_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("community:ticket", args=[registration.ticket])


def _ticket_registration(request: HttpRequest, code: str) -> Registration:
    """A guest's ticket is opened by its secret code (the link of their e-mails); a member's
    by its holder or the event's staff."""
    guest = (
        Registration.objects.select_related("event__site")
        .filter(ticket=code, user__isnull=True)
        .first()
    )
    if guest is not None:
        return guest
    return get_visible_or_404(visible_registrations(request.user), ticket=code)


def ticket(request: HttpRequest, code: str) -> HttpResponse:
    is_guest = Registration.objects.filter(ticket=code, user__isnull=True).exists()
    if not is_guest and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = _ticket_registration(request, code)
    qr = None
    if registration.status == Registration.Status.CONFIRMED:
        qr = segno.make(ticket_url(registration), error="m").svg_data_uri(scale=6, border=2)
    return render(
        request,
        "community/ticket.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr": qr,
            "can_checkin": can(request.user, "event.manage", registration.event),
            "cancel_url": services.cancel_url(registration)
            if registration.is_guest and registration.status in Registration.ACTIVE
            else "",
        },
    )


def certificate(request: HttpRequest, code: str) -> HttpResponse:
    """The certificate of attendance (PDF), for whoever came: 404 before the check-in."""
    from technopark.community.certificates import LANGUAGES, certificate_pdf

    is_guest = Registration.objects.filter(ticket=code, user__isnull=True).exists()
    if not is_guest and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = _ticket_registration(request, code)
    if registration.checked_in_at is None:
        raise Http404("not checked in")
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    language = language if language in LANGUAGES else "fr"
    response = HttpResponse(certificate_pdf(registration, language), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{registration.event_id}-{language}.pdf"'
    )
    return response


# --- Guests: registering to a public event without an account ----------------------------


def _open(event: Event) -> bool:
    now = timezone.now()
    return (
        event.status == Event.Status.PUBLISHED
        and event.starts_at > now
        and not (event.registration_deadline and event.registration_deadline < now)
    )


def guest_register(request: HttpRequest, pk: int) -> HttpResponse:
    """The public form: a name, an e-mail, the event's questions. A bot that fills the
    honeypot is told the same as a person, and nothing is saved; past the rate limit the
    answer is 429 and nothing is saved."""
    event = get_object_or_404(
        Event.objects.select_related("site"), pk=pk, audience=Event.Audience.PUBLIC
    )
    if request.user.is_authenticated:
        return redirect(event)
    questions = list(event.questions.all())
    form = GuestRegistrationForm(request.POST or None, questions=questions)
    context = {"event": event, "form": form, "open": _open(event)}
    if request.method != "POST" or not context["open"]:
        return render(request, "community/guest_register.html", context)
    if request.POST.get("website"):
        return render(request, "community/guest_check_email.html", {"event": event})
    wait = guest_registration_throttled(request, request.POST.get("email", ""))
    if wait:
        context["throttled"] = _(
            "Too many registrations from here: try again in %(minutes)s minutes."
        ) % {"minutes": max(1, (wait + 59) // 60)}
        response = render(request, "community/guest_register.html", context, status=429)
        response["Retry-After"] = str(wait)
        return response
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.guest_registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                language=request.LANGUAGE_CODE,
                answers=form.answers(),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return render(
                request,
                "community/guest_check_email.html",
                {"event": event, "email": data["email"]},
            )
    return render(request, "community/guest_register.html", context)


def guest_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the e-mail: a page with one button (a mail scanner's visit confirms
    nothing); the button gives the ticket, the waiting list or the organisers' approval."""
    try:
        registration = services.guest_registration_for_token(token)
    except DomainError as exc:
        return render(
            request, "community/guest_link_error.html", {"message": exc.message}, status=400
        )
    if request.method == "POST":
        try:
            registration = services.guest_registration_confirm(token=token)
        except DomainError as exc:
            return render(
                request, "community/guest_link_error.html", {"message": exc.message}, status=409
            )
        messages.success(
            request,
            {
                "confirmed": _("You are registered: your ticket is below."),
                "waitlisted": _("The event is full: you are on the waiting list."),
                "pending": _("Your registration awaits the organisers' approval."),
            }[registration.status],
        )
        return redirect("community:ticket", code=registration.ticket)
    return render(
        request,
        "community/guest_confirm.html",
        {"registration": registration, "event": registration.event},
    )


def guest_cancel(request: HttpRequest, code: str) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event__site"), ticket=code, user__isnull=True
    )
    cancelled = False
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, by=None)
            cancelled = True
        except DomainError as exc:
            messages.error(request, exc.message)
        registration.refresh_from_db()
    return render(
        request,
        "community/guest_cancel.html",
        {"registration": registration, "event": registration.event, "cancelled": cancelled},
    )


# --- Staff: running events ---------------------------------------------------------------


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "event.add")
    sites = sites_for_events(principal(request.user))
    form = EventForm(request.POST or None, sites=sites)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            event = services.event_create(by=request.user, **data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The event is published."))
            return redirect(event)
    return render(request, "community/event_form.html", {"form": form})


def registration_listing(request, event: Event, questions=None) -> Listing:
    """An event's registrations as its page lists them (search, filters): the page's, and
    the bulk actions' "all matching" (`community/bulk.py`)."""
    questions = list(event.questions.all()) if questions is None else questions
    return Listing(
        request,
        event.registrations.select_related("user")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.all(), to_attr="answer_list"))
        .annotate(person=Coalesce("user__full_name", "guest_name")),
        search=("user__full_name", "user__email", "guest_name", "guest_email"),
        filters={
            "status": Filter(
                _("Status"), Registration.Status.choices, "status", any_label=_("All")
            ),
            "present": Filter(
                _("Present"),
                [("yes", _("Checked in")), ("no", _("Not checked in"))],
                lambda qs, value: qs.filter(checked_in_at__isnull=value == "no"),
                any_label=_("All"),
            ),
        },
        sorts={
            "status": Sort(_("Status"), ("status", "created_at")),
            "registered": Sort(_("Registered first"), ("created_at", "pk")),
            "name": Sort(_("Name"), ("person", "pk")),
        },
        columns=[
            Column(_("Person"), lambda r: r.person_name),
            Column(_("E-mail"), lambda r: r.person_email),
            Column(_("Guest"), lambda r: _("Yes") if r.is_guest else _("No")),
            Column(_("Registered"), lambda r: timezone.localtime(r.created_at)),
            Column(_("Status"), lambda r: r.get_status_display()),
            Column(
                _("Present"),
                lambda r: timezone.localtime(r.checked_in_at) if r.checked_in_at else None,
            ),
            *[Column(q.label, _answer_of(q)) for q in questions],
        ],
        export_name=f"registrations-{event.pk}",
        per_page=100,
    )


@login_required
def event_manage(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(attendance(managed_events(request.user)), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            services.event_cancel(event=event, by=request.user)
            messages.success(request, _("The event was cancelled and attendees told."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("community:event_manage", pk=event.pk)
    questions = list(event.questions.all())
    listing = registration_listing(request, event, questions)
    if listing.export:
        return listing.export_response()
    rows = listing.rows
    for r in rows:
        given = {a.question_id: a.value for a in r.answer_list}
        r.shown_answers = [(q, _shown(q, given.get(q.pk, ""))) for q in questions]
    return render(
        request,
        "community/event_manage.html",
        {
            "event": event,
            "registrations": rows,
            "listing": listing,
            "questions": questions,
            "question_form": QuestionForm(),
            "bulk": bulk_context(request, "community.registrations", str(event.pk), listing),
        },
    )


def _shown(question: Question, value: str) -> str:
    if question.kind == Question.Kind.YES_NO and value:
        return str(_("Yes") if value == "yes" else _("No"))
    return value


def _answer_of(question: Question):
    def value(registration: Registration) -> str:
        for answer in registration.answer_list:
            if answer.question_id == question.pk:
                return _shown(question, answer.value)
        return ""

    return value


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(managed_events(request.user), pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(event=event, by=request.user, **form.cleaned_data)
            messages.success(request, _("The question is added to the registration form."))
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Write the question and choose its kind."))
    return redirect("community:event_manage", pk=event.pk)


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_visible_or_404(
        Question.objects.filter(event__in=managed_events(request.user)), pk=pk
    )
    services.question_remove(question=question, by=request.user)
    messages.success(request, _("The question was removed."))
    return redirect("community:event_manage", pk=question.event_id)


@login_required
@require_POST
def registration_decide(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_visible_or_404(visible_registrations(request.user), pk=pk)
    require(request.user, "registration.decide", registration, view_perm="registration.view")
    try:
        services.registration_decide(
            registration=registration, approve=request.POST.get("approve") == "1", by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("community:event_manage", pk=registration.event_id)


def _ticket_code(raw: str) -> str:
    """A scanned QR gives the ticket's URL; a keyboard wedge may give the bare code."""
    raw = raw.strip().rstrip("/")
    return raw.rsplit("/", 1)[-1] if "/" in raw else raw


@login_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """The door page: scan or type a ticket, or search a name; one small POST per person.

    Only the POST checks in (with its CSRF token): a GET with `?code=` (a link, a scanned
    URL opened in a browser) shows the page with the ticket filled in, to confirm."""
    event = get_visible_or_404(managed_events(request.user), pk=pk)
    posted = request.method == "POST"
    form = CheckinForm(request.POST if posted else request.GET or None)
    result, matches = None, []
    if posted and form.is_valid() and form.cleaned_data["code"]:
        reg = (
            event.registrations.select_related("user")
            .filter(ticket=_ticket_code(form.cleaned_data["code"]))
            .first()
        )
        result = _checkin_result(request, reg)
    elif form.is_valid() and len(form.cleaned_data["q"]) >= 2:
        q = form.cleaned_data["q"]
        matches = (
            event.registrations.filter(status=Registration.Status.CONFIRMED)
            .filter(
                Q(user__full_name__icontains=q)
                | Q(user__email__icontains=q)
                | Q(guest_name__icontains=q)
                | Q(guest_email__icontains=q)
            )
            .select_related("user")
            .order_by("user__full_name", "guest_name")[:20]
        )
    context = {
        "event": event,
        "result": result,
        "matches": matches,
        "present": event.registrations.filter(checked_in_at__isnull=False).count(),
        "confirmed": event.confirmed,
        "code": "" if posted or not form.is_valid() else form.cleaned_data["code"],
    }
    template = "community/_checkin_result.html" if request.htmx else "community/checkin.html"
    return render(request, template, context)


def _checkin_result(request, registration: Registration | None) -> dict:
    if registration is None:
        return {"ok": False, "message": _("Unknown ticket for this event.")}
    try:
        registration, first = services.checkin(registration=registration, by=request.user)
    except DomainError as exc:
        return {"ok": False, "message": exc.message, "registration": registration}
    message = (
        _("Welcome!")
        if first
        else _("Already checked in at %(time)s.")
        % {"time": timezone.localtime(registration.checked_in_at).strftime("%H:%M")}
    )
    return {"ok": True, "first": first, "message": message, "registration": registration}


@login_required
@require_POST
def checkin_registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_visible_or_404(visible_registrations(request.user), pk=pk)
    require(request.user, "event.manage", registration.event, view_perm="event.view")
    event = registration.event
    context = {
        "event": event,
        "result": _checkin_result(request, registration),
        "matches": [],
        "present": event.registrations.filter(checked_in_at__isnull=False).count(),
        "confirmed": Event.objects.get(pk=event.pk).confirmed,
    }
    template = "community/_checkin_result.html" if request.htmx else "community/checkin.html"
    return render(request, template, context)


@login_required
def attendance_figures(request: HttpRequest) -> HttpResponse:
    require(request.user, "event.attendance")
    today = timezone.localdate()
    since = page_day(request, "since", today - dt.timedelta(days=365))
    until = page_day(request, "until", today)
    events = managed_events(request.user).filter(
        starts_at__date__gte=since, starts_at__date__lte=until
    )
    listing = Listing(
        request,
        attendance(events).select_related("site"),
        search=("title", "site__name"),
        filters={
            "kind": Filter(_("Kind"), Event.Kind.choices, "kind", any_label=_("All")),
            "site": Filter(
                _("Site"),
                [(s.code, s.name) for s in Site.objects.filter(events__in=events).distinct()],
                "site__code",
                any_label=_("All"),
            ),
        },
        sorts={
            "recent": Sort(_("Most recent first"), ("-starts_at", "pk")),
            "oldest": Sort(_("Oldest first"), ("starts_at", "pk")),
            "present": Sort(_("Most present first"), ("-n_present", "-starts_at", "pk")),
        },
        columns=[
            Column(_("Date"), lambda e: timezone.localtime(e.starts_at)),
            Column(_("Event"), lambda e: e.title),
            Column(_("Kind"), lambda e: e.get_kind_display()),
            Column(_("Site"), lambda e: e.site.name),
            Column(_("Capacity"), lambda e: e.capacity),
            Column(_("Confirmed"), lambda e: e.n_confirmed),
            Column(_("Waiting"), lambda e: e.n_waiting),
            Column(_("Present"), lambda e: e.n_present),
        ],
        export_name="attendance",
        keep=("since", "until"),
    )
    if listing.export:
        return listing.export_response()
    return render(
        request,
        "community/attendance.html",
        {
            "since": since,
            "until": until,
            "listing": listing,
            "events": listing.rows,
            "by_kind": attendance_by(events, "kind"),
            "by_site": attendance_by(events, "site__name"),
            "kind_labels": dict(Event.Kind.choices),
        },
    )


# --- Public feeds and screens ------------------------------------------------------------


def ical_feed(request: HttpRequest) -> HttpResponse:
    events = visible_events(request.user).filter(
        ends_at__gte=timezone.now() - dt.timedelta(days=90)
    )
    site_code = search_text(request.GET.get("site"))
    name = _("Technopark events")
    if site_code:
        site = get_visible_or_404(visible_sites(request.user), code=site_code)
        events = events.filter(site=site)
        name = f"{name} · {site.name}"
    body = calendar_feed(events.order_by("starts_at")[:1000], name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="technopark-events.ics"'
    return response


def lobby(request: HttpRequest, code: str) -> HttpResponse:
    site = get_visible_or_404(visible_sites(request.user), code=code)
    now = timezone.now()
    rows, ramadan = amenities_now(site, now)
    # The screen is public (a visitor sees network-only events nowhere else): the same
    # visibility as every other list of events.
    events = (
        visible_events(request.user)
        .filter(site=site, status=Event.Status.PUBLISHED, ends_at__gte=now)
        .exclude(audience=Event.Audience.RESIDENTS, starts_at__gt=now + dt.timedelta(days=7))
        .order_by("starts_at")[:6]
    )
    return render(
        request,
        "community/lobby.html",
        {
            "site": site,
            "rows": rows,
            "ramadan": ramadan,
            "events": events,
            "now": now,
            "desks": site.desks.filter(active=True).order_by("partner"),
        },
    )


def site_amenities(request: HttpRequest, code: str) -> HttpResponse:
    site = get_visible_or_404(visible_sites(request.user), code=code)
    amenities = list(site.amenities.prefetch_related("hours"))
    return render(
        request,
        "community/amenities.html",
        {
            "site": site,
            "amenities": [(a, week_hours(a, False), week_hours(a, True)) for a in amenities],
        },
    )

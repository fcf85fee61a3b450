"""Pages of the guichet unique: the catalogue, booking, my appointments, the agent's day."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.query import page_day, search_text
from technopark.desk import services
from technopark.desk.file_forms import WalkInForm
from technopark.desk.forms import BookingForm, BulkSlotsForm, CaseForm, HandleForm, RateForm
from technopark.desk.models import Appointment, Case, Desk
from technopark.desk.permissions import (
    managed_desks,
    visible_appointments,
    visible_cases,
    visible_desks,
)
from technopark.desk.selectors import (
    desks_compared,
    left_to_mark,
    open_slots,
    queue_of_day,
    slots_on,
)
from technopark.desk.services_files import late_steps
from technopark.desk.services_walk_ins import walk_ins_of_day
from technopark.network.models import Site
from technopark.startups.models import Startup


def desk_index(request: HttpRequest) -> HttpResponse:
    desks = (
        visible_desks(request.user).prefetch_related("services").order_by("site__name", "partner")
    )
    site = search_text(request.GET.get("site"))
    if site:
        desks = desks.filter(site__code=site)
    return render(
        request,
        "desk/desk_index.html",
        {
            "desks": desks,
            "sites": Site.objects.filter(desks__active=True).distinct().order_by("name"),
            "site_code": site,
        },
    )


def _booking_form(request, desk: Desk, data=None) -> BookingForm | None:
    p = principal(request.user)
    if not can(request.user, "desk.book", desk):
        return None
    startups = Startup.objects.filter(pk__in=p.startup_ids).order_by("name")
    return BookingForm(data, desk=desk, slots=open_slots(desk), startups=startups)


def desk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_visible_or_404(visible_desks(request.user), pk=pk)
    return render(request, "desk/desk_detail.html", _detail_context(request, desk))


def _detail_context(request, desk: Desk, form: BookingForm | None = None) -> dict:
    slots = list(open_slots(desk)[:200])
    return {
        "desk": desk,
        "services": desk.services.filter(active=True),
        "slots": slots,
        "form": form or _booking_form(request, desk),
        "can_manage": can(request.user, "desk.manage", desk),
    }


@login_required
@require_POST
def desk_book(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_visible_or_404(visible_desks(request.user), pk=pk)
    require(request.user, "desk.book", desk, view_perm="desk.view")
    form = _booking_form(request, desk, request.POST)
    if form.is_valid():
        service = desk.services.get(code=form.cleaned_data["service"])
        try:
            services.appointment_book(
                slot=form.cleaned_data["slot"],
                service=service,
                startup=form.cleaned_data["startup"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request, _("Your appointment is booked. A confirmation was sent by e-mail.")
            )
            return redirect("desk:my_appointments")
    return render(
        request, "desk/desk_detail.html", _detail_context(request, desk, form), status=400
    )


@login_required
def my_appointments(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    if not p.startup_ids:
        raise Http404
    qs = visible_appointments(request.user).filter(startup_id__in=p.startup_ids)
    now = timezone.now()
    listing = Listing(
        request,
        qs.exclude(status=Appointment.Status.BOOKED, slot__starts_at__gt=now),
        search=("service__name", "slot__desk__partner", "outcome"),
        filters={
            "status": Filter(_("Status"), Appointment.Status.choices, "status", any_label=_("All"))
        },
        sorts={
            "newest": Sort(_("Newest first"), ("-slot__starts_at", "-pk")),
            "oldest": Sort(_("Oldest first"), ("slot__starts_at", "pk")),
        },
        columns=[
            Column(_("Date"), lambda a: timezone.localtime(a.slot.starts_at)),
            Column(_("Desk"), lambda a: a.slot.desk.partner),
            Column(_("Service"), lambda a: a.service.name),
            Column(_("Status"), lambda a: a.get_status_display()),
            Column(_("Outcome"), lambda a: a.outcome),
            Column(_("Rating"), lambda a: a.rating),
        ],
        export_name="desk-appointments",
        per_page=25,
    )
    if listing.export:
        return listing.export_response()
    past = listing.rows
    return render(
        request,
        "desk/my_appointments.html",
        {
            "coming": qs.filter(status=Appointment.Status.BOOKED, slot__starts_at__gt=now).order_by(
                "slot__starts_at"
            ),
            "past": past,
            "listing": listing,
            "cases": visible_cases(request.user).filter(startup_id__in=p.startup_ids),
            "rate_form": RateForm(),
        },
    )


@login_required
@require_POST
def appointment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_visible_or_404(visible_appointments(request.user), pk=pk)
    require(request.user, "appointment.cancel", appointment, view_perm="appointment.view")
    try:
        services.appointment_cancel(appointment=appointment, by=request.user)
        messages.success(request, _("The appointment was cancelled."))
    except DomainError as exc:
        messages.error(request, exc.message)
    if principal(request.user).is_member_of(appointment.startup_id):
        return redirect("desk:my_appointments")
    return redirect("desk:manage", pk=appointment.slot.desk_id)


@login_required
@require_POST
def appointment_rate(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_visible_or_404(visible_appointments(request.user), pk=pk)
    require(request.user, "appointment.rate", appointment, view_perm="appointment.view")
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
    else:
        try:
            services.appointment_rate(
                appointment=appointment,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
            messages.success(request, _("Thank you for your rating."))
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("desk:my_appointments")


# --- The agent's side --------------------------------------------------------------------


@login_required
def my_desk(request: HttpRequest) -> HttpResponse:
    desk = managed_desks(request.user).order_by("site__name", "partner").first()
    if desk is None:
        raise Http404
    return redirect("desk:manage", pk=desk.pk)


@login_required
def desk_manage(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_visible_or_404(managed_desks(request.user), pk=pk)
    day = page_day(request, "date", timezone.localdate())
    queue = list(queue_of_day(desk, day))
    open_cases = list(
        desk.cases.filter(status=Case.Status.OPEN).select_related("startup").order_by("title")
    )
    today = timezone.localdate()
    earlier = list(left_to_mark(desk, before=today)) if day == today else []
    return render(
        request,
        "desk/desk_manage.html",
        {
            "desk": desk,
            "day": day,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
            "queue": [(a, [c for c in open_cases if c.startup_id == a.startup_id]) for a in queue],
            "earlier": [
                (a, [c for c in open_cases if c.startup_id == a.startup_id]) for a in earlier
            ],
            "slots": slots_on(desk, day),
            "open_cases": open_cases,
            "other_desks": managed_desks(request.user).exclude(pk=desk.pk).order_by("code"),
            "can_handle_today": day <= today,
            "late_steps": list(late_steps(Desk.objects.filter(pk=desk.pk), today)[:50]),
            "walk_ins": list(walk_ins_of_day(desk, day)),
            "walk_in_form": WalkInForm(desk=desk) if day == today else None,
            "walk_in_startups": Startup.objects.filter(desk_appointments__slot__desk=desk)
            .distinct()
            .order_by("name")
            .values_list("name", flat=True)[:200],
        },
    )


@login_required
@require_POST
def appointment_handle(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_visible_or_404(visible_appointments(request.user), pk=pk)
    require(request.user, "appointment.handle", appointment, view_perm="appointment.view")
    form = HandleForm(request.POST, appointment=appointment)
    if form.is_valid():
        try:
            services.appointment_handle(
                appointment=appointment,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"],
                case=form.cleaned_data["case"],
                by=request.user,
            )
            messages.success(request, _("The appointment was updated."))
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose done or no-show."))
    if request.POST.get("back") == "today":
        return redirect("desk:manage", pk=appointment.slot.desk_id)
    day = timezone.localdate(appointment.slot.starts_at)
    return redirect(f"/desk/{appointment.slot.desk_id}/manage/?date={day.isoformat()}")


@login_required
def slots_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_visible_or_404(managed_desks(request.user), pk=pk)
    form = BulkSlotsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.slots_bulk_create(
                desk=desk,
                by=request.user,
                **{**form.cleaned_data, "weekdays": set(form.cleaned_data["weekdays"])},
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("%(n)d slots published.") % {"n": count})
            return redirect("desk:manage", pk=desk.pk)
    return render(request, "desk/slots_bulk.html", {"desk": desk, "form": form})


@login_required
def case_list(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_visible_or_404(managed_desks(request.user), pk=pk)
    form = CaseForm(request.POST or None, desk=desk)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(desk=desk, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The case was opened."))
            return redirect("desk:case_detail", pk=case.pk)
    return render(
        request,
        "desk/case_list.html",
        {"desk": desk, "form": form, "cases": desk.cases.select_related("startup")},
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_visible_or_404(visible_cases(request.user), pk=pk)
    if request.method == "POST":
        require(request.user, "case.change", case, view_perm="case.view")
        try:
            services.case_close(case=case, notes=request.POST.get("notes", ""), by=request.user)
            messages.success(request, _("The case was closed."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("desk:case_detail", pk=case.pk)
    return render(
        request,
        "desk/case_detail.html",
        {
            "case": case,
            "appointments": case.appointments.select_related("slot", "service"),
            "can_change": can(request.user, "case.change", case),
        },
    )


@login_required
def desk_compare(request: HttpRequest) -> HttpResponse:
    require(request.user, "desk.compare")
    today = timezone.localdate()
    since = page_day(request, "since", today - dt.timedelta(days=90))
    until = page_day(request, "until", today)
    p = principal(request.user)
    desks = Desk.objects.select_related("site").order_by("code")
    if not p.is_network_admin:
        desks = desks.filter(site_id__in=p.staff_site_ids) | desks.filter(pk__in=p.desk_ids)
    return render(
        request,
        "desk/desk_compare.html",
        {"rows": desks_compared(desks, since, until), "since": since, "until": until},
    )

"""Experts' weekly slots: the expert publishes them; a founder books the next free ones."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.query import DayField
from technopark.startups.models import Startup
from technopark.support import services_slots as availability
from technopark.support.models import Expert, ExpertSlot, SlotBooking
from technopark.support.permissions import visible_sessions
from technopark.support.selectors import hours_budget_on


class SlotForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("Day"), coerce=int, choices=[(i, WEEKDAYS[i]) for i in range(7)]
    )
    start = forms.TimeField(
        label=gettext_lazy("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=gettext_lazy("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    valid_from = DayField(
        label=gettext_lazy("First week"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valid_until = DayField(
        label=gettext_lazy("Last week"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    mode = forms.ChoiceField(label=gettext_lazy("Where"), choices=ExpertSlot.Mode.choices)
    place = forms.CharField(label=gettext_lazy("Place or video link"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


def _own_expert(request) -> Expert:
    expert = Expert.objects.filter(user=request.user).first()
    if expert is None or not principal(request.user).is_expert:
        raise Http404
    return expert


@login_required
def expert_slots(request: HttpRequest) -> HttpResponse:
    """The expert's weekly slots, the sessions booked in them, and the hours per startup."""
    expert = _own_expert(request)
    require(request.user, "expert_slot.publish")
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            availability.expert_slot_publish(expert=expert, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your slot is published: startups can book it."))
            return redirect("support:expert_slots")
    bookings = (
        SlotBooking.objects.filter(session__expert=expert)
        .select_related("session", "startup", "slot")
        .order_by("-session__starts_at")[:50]
    )
    today = timezone.localdate()
    return render(
        request,
        "support/expert_slots.html",
        {
            "expert": expert,
            "form": form,
            "slots": expert.weekly_slots.filter(active=True),
            "next_free": availability.free_occurrences(expert),
            "bookings": bookings,
            "now": timezone.now(),
            "hours_by_startup": availability.hours_by_startup(expert, today.replace(day=1)),
            "rules": _rules(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def expert_slot_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _own_expert(request)
    slot = get_visible_or_404(expert.weekly_slots.all(), pk=pk)
    require(request.user, "expert_slot.publish", slot)
    try:
        availability.expert_slot_withdraw(slot=slot, by=request.user)
        messages.success(request, _("The slot is withdrawn; sessions booked in it stay."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("support:expert_slots")


@login_required
@require_POST
def slot_no_show(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(
        visible_sessions(request.user).filter(slot_booking__isnull=False), pk=pk
    )
    require(request.user, "expert_session.no_show", session)
    try:
        availability.slot_session_no_show(session=session, by=request.user)
        messages.success(request, _("The no-show is recorded; the hours stay counted."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("support:expert_slots")


def _rules() -> dict:
    return {
        "cancel_hours": availability.CANCEL_NOTICE_HOURS,
        "no_shows": availability.NO_SHOWS_ALLOWED,
        "min_notice": availability.MIN_NOTICE_HOURS,
    }


@login_required
def expert_book(request: HttpRequest) -> HttpResponse:
    """A founder's page: each expert's next free slots, the hours left, and the rules."""
    require(request.user, "expert_slot.book")
    p = principal(request.user)
    startups = list(Startup.objects.filter(pk__in=p.startup_ids).order_by("name"))
    status = 200
    if request.method == "POST":
        status = _book(request, startups)
        if status == 302:
            return redirect("support:expert_book")
    experts = (
        Expert.objects.filter(active=True, weekly_slots__active=True)
        .distinct()
        .select_related("user")
        .prefetch_related("weekly_slots")
    )
    rows = [(e, availability.free_occurrences(e)) for e in experts]
    return render(
        request,
        "support/expert_book.html",
        {
            "rows": [(e, free) for e, free in rows if free],
            "startups": startups,
            "budgets": [(s, hours_budget_on(s)) for s in startups],
            "coming": availability.coming_bookings(p.startup_ids),
            "rules": _rules(),
        },
        status=status,
    )


def _book(request, startups) -> int:
    try:
        slot_id, _sep, when = request.POST.get("occurrence", "").partition("|")
        slot = ExpertSlot.objects.get(pk=int(slot_id), active=True)
        starts_at = parse_datetime(when)
        if starts_at is None:
            raise ValueError
    except (ValueError, ExpertSlot.DoesNotExist):
        messages.error(request, _("Choose one of the free slots."))
        return 400
    startup = next((s for s in startups if str(s.pk) == request.POST.get("startup")), None)
    if startup is None and len(startups) == 1:
        startup = startups[0]
    if startup is None:
        messages.error(request, _("Choose the startup the session is for."))
        return 400
    try:
        availability.slot_session_book(
            slot=slot,
            starts_at=starts_at,
            startup=startup,
            topic=request.POST.get("topic", ""),
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return exc.status
    messages.success(request, _("Your session is booked; the expert was told."))
    return 302


@login_required
@require_POST
def slot_booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(
        visible_sessions(request.user).filter(slot_booking__isnull=False), pk=pk
    )
    require(request.user, "expert_session.cancel", session)
    try:
        availability.slot_session_cancel(
            session=session, reason=request.POST.get("reason", ""), by=request.user
        )
        messages.success(request, _("The session is cancelled; its hours are given back."))
    except DomainError as exc:
        messages.error(request, exc.message)
    if session.expert.user_id == request.user.pk:
        return redirect("support:expert_slots")
    return redirect("support:expert_book")

"""The invite.ics of a desk appointment, written by the shared builder `technopark.core.ical`:
a stable UID per appointment, its SEQUENCE raised when it is moved or cancelled."""

from __future__ import annotations

from django.db.models import Q
from django.utils import translation

from technopark.accounts.permissions import principal
from technopark.core import ical
from technopark.desk.models import Appointment


def appointment_item(appointment: Appointment, language: str) -> ical.Item:
    desk = appointment.slot.desk
    with translation.override(language):
        summary = f"{desk.label} — {appointment.service.name}"
    where = ", ".join(part for part in (desk.location, desk.site.name) if part)
    booker = appointment.booked_by
    return ical.Item(
        uid=ical.uid_for("desk-appointment", appointment.pk),
        starts_at=appointment.slot.starts_at,
        ends_at=appointment.slot.ends_at,
        summary=summary,
        sequence=appointment.ical_sequence,
        location=where,
        cancelled=appointment.status == Appointment.Status.CANCELLED,
        organizer=desk.email,
        attendees=[booker.email] if booker is not None and booker.email else [],
    )


def appointment_invitation(
    appointment: Appointment, method: str, language: str
) -> tuple[str, bytes, str]:
    """REQUEST while the appointment holds, CANCEL once it is cancelled."""
    return ical.invitation(appointment_item(appointment, language), method)


def personal_entries(user, start, end) -> list[ical.Item]:
    """The personal calendar's desk appointments: those the person booked and, for a desk
    agent, every appointment at their desks (titled with the startup). One query."""
    p = principal(user)
    appointments = (
        Appointment.objects.filter(
            Q(booked_by_id=p.user_id) | Q(slot__desk_id__in=p.desk_ids),
            slot__starts_at__lt=end,
            slot__ends_at__gt=start,
        )
        .select_related("slot__desk__site", "service", "startup", "booked_by")
        .order_by("slot__starts_at", "pk")
    )
    language = translation.get_language()
    items = []
    for appointment in appointments:
        item = appointment_item(appointment, language)
        if appointment.booked_by_id != p.user_id:  # the desk's side: whom it receives
            item.summary = f"{appointment.startup.name} — {appointment.service.name}"
        items.append(item)
    return items

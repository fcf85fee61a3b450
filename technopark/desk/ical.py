"""The invite.ics of a desk appointment, written by the shared builder `technopark.core.ical`:
a stable UID per appointment, its SEQUENCE raised when it is moved or cancelled."""

from __future__ import annotations

from django.utils import translation

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

"""Background work of the booking app: confirmation and cancellation e-mails."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def send_booking_email(booking_id: int, event: str) -> int:
    """E-mail the person who booked (and the startup's founders) about a booking."""
    from technopark.booking.models import Booking
    from technopark.booking.rules import local

    booking = (
        Booking.objects.select_related("space", "site", "booked_by", "startup")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        when = (
            f"{formats.date_format(local(booking.starts_at), 'SHORT_DATETIME_FORMAT')}"
            f" – {formats.time_format(local(booking.ends_at), 'TIME_FORMAT')}"
        )
        subjects = {
            "confirmed": _("Booking confirmed: %(room)s, %(when)s"),
            "moved": _("Booking moved: %(room)s, %(when)s"),
            "cancelled": _("Booking cancelled: %(room)s, %(when)s"),
            "requested": _("Booking requested, awaiting approval: %(room)s, %(when)s"),
            "approved": _("Booking approved: %(room)s, %(when)s"),
            "declined": _("Booking declined: %(room)s, %(when)s"),
        }
        room = booking.space.name or booking.space.code
        subject = subjects[event] % {"room": room, "when": when}
        body = "\n".join(
            [
                subject,
                "",
                _("Title: %(title)s") % {"title": booking.title},
                _("Site: %(site)s") % {"site": booking.site.name},
                _("Times are in Casablanca time."),
            ]
            + (
                [_("Reason: %(reason)s") % {"reason": booking.decision_reason}]
                if booking.decision_reason
                else []
            )
        )
    return send_mail(subject, body, None, [booking.booked_by.email], fail_silently=True)

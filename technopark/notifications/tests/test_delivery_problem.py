"""The e-mail log says what went wrong in words (issue 23, item 8)."""

from __future__ import annotations

from technopark.notifications.demo import REFUSED
from technopark.notifications.models import EmailLog


def test_the_e_mail_log_explains_a_failure_and_keeps_the_raw_error_in_details(cast):
    """The log showed "SMTPRecipientsRefused: {...: (550, b'5.1.1 ...')}" as the reason: it
    says what happened, and the raw error is one click away for the administrators."""
    EmailLog.objects.create(
        kind="booking.confirmed",
        to_address="comptabilite@ancien-domaine.ma",
        language="fr",
        subject="Réservation",
        status="failed",
        last_error=REFUSED,
    )
    EmailLog.objects.create(
        kind="booking.confirmed",
        to_address="b@ex.ma",
        language="fr",
        subject="Réservation",
        status="failed",
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    page = cast.client("admin").get("/me/notifications/emails/?status=failed").content.decode()
    assert "The recipient&#x27;s mail server refused this address: it may no longer exist." in page
    assert "The mail server could not be reached; the e-mail can be sent again." in page
    shown, _, hidden = page.partition("<details")
    assert "SMTPRecipientsRefused" not in shown and "SMTPServerDisconnected" not in shown
    assert "SMTPRecipientsRefused" in hidden and "Technical detail</summary>" in hidden

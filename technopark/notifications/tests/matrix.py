from technopark.core.matrix import Case, everyone
from technopark.notifications.models import EmailLog, Notification
from technopark.notifications.unsubscribe import unsubscribe_token


def _owner_notification(c) -> str:
    n = Notification.objects.create(user=c.owner, kind="booking.confirmed", title="Salle Atlas")
    return f"/me/notifications/{n.pk}/read/"


def _failed_email(c) -> str:
    log = EmailLog.objects.create(
        kind="hosting.invoice_issued",
        to_address="compta@example.ma",
        language="fr",
        subject="Facture",
        status=EmailLog.Status.FAILED,
        attempts=4,
    )
    return f"/me/notifications/emails/{log.pk}/retry/"


def _unsubscribe(c) -> str:
    return f"/me/notifications/unsubscribe/{unsubscribe_token(c.owner.pk, 'booking.requested')}/"


CASES = [
    Case("notifications:index", lambda c: "/me/notifications/", everyone(200, anonymous=302)),
    Case(
        "notifications:preferences",
        lambda c: "/me/notifications/preferences/",
        everyone(200, anonymous=302),
    ),
    Case(
        "notifications:preferences",
        lambda c: "/me/notifications/preferences/",
        everyone(302),
        method="post",
        data=lambda c: {"booking.requested": "digest"},
        id="save",
    ),
    Case(
        "notifications:mark_all_read",
        lambda c: "/me/notifications/read/",
        everyone(302),
        method="post",
    ),
    # Someone else's notification does not exist for them.
    Case(
        "notifications:mark_read",
        _owner_notification,
        everyone(404, owner=302, anonymous=302),
        method="post",
    ),
    # The e-mail log holds everyone's messages: the network's administrators only.
    Case(
        "notifications:email_log",
        lambda c: "/me/notifications/emails/",
        everyone(403, admin=200, anonymous=302),
    ),
    Case(
        "notifications:email_log_retry",
        _failed_email,
        everyone(404, admin=302, anonymous=302),
        method="post",
    ),
    # The link of an optional e-mail: its signed token is the credential, whoever opens it
    # (a GET only asks; a POST, the mail client's one-click, turns the kind off).
    Case("notifications:unsubscribe", _unsubscribe, everyone(200)),
    Case("notifications:unsubscribe", _unsubscribe, everyone(200), method="post", id="one-click"),
]

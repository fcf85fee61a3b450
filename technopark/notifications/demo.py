"""The demo's notifications: what the bell of the demo founder and staff shows.

Seeding sends no e-mail (the other apps write their records directly), so the in-app
notifications a person would have received are written here, some already read, with
the e-mail log they would have left: sent, one the server refused, one waiting to retry.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.core.demo import DemoContext
from technopark.notifications.models import EmailLog, Notification

# (login, kind, title, text, link, hours ago, read)
ITEMS = [
    (
        "founder",
        "booking.confirmed",
        "Réservation confirmée : salle de réunion",
        "Votre réservation est confirmée. L'invitation est jointe à l'e-mail.",
        "/booking/",
        3,
        False,
    ),
    (
        "founder",
        "booking.moved",
        "Réservation déplacée d'une heure",
        "Le gestionnaire du site a déplacé votre réservation ; la nouvelle heure est dans le calendrier.",
        "/booking/",
        30,
        False,
    ),
    (
        "founder",
        "booking.confirmed",
        "Réservation confirmée : salle de formation",
        "Votre réservation est confirmée.",
        "/booking/",
        80,
        True,
    ),
    (
        "site_manager",
        "booking.requested",
        "Demande de l'auditorium à approuver",
        "Une startup demande l'auditorium pour une démonstration client.",
        "/booking/",
        5,
        False,
    ),
    (
        "site_manager",
        "booking.requested",
        "Demande de la salle polyvalente à approuver",
        "Une demande attend votre décision.",
        "/booking/",
        50,
        True,
    ),
    (
        "founder",
        "hosting.invoice_issued",
        "Facture du mois de Technopark Casablanca",
        "Veuillez trouver ci-joint la facture du mois (PDF), payable à 30 jours.",
        "/hosting/",
        26,
        True,
    ),
    (
        "founder",
        "desk.booked",
        "Votre rendez-vous au guichet OMPIC est réservé",
        "Service : certificat négatif. L'invitation (invite.ics) est jointe à l'e-mail.",
        "/desk/appointments/",
        60,
        True,
    ),
    (
        "site_manager",
        "hosting.offer_answered",
        "Une startup a accepté l'espace proposé depuis la liste d'attente",
        "Un projet de convention issu de la liste d'attente attend votre signature.",
        "/hosting/CASA/waiting/",
        8,
        False,
    ),
    (
        "desk_agent",
        "desk.agent_booked",
        "Nouveau rendez-vous au guichet OMPIC demain",
        "Une startup a pris rendez-vous pour un dépôt de marque.",
        "/desk/mine/",
        2,
        False,
    ),
    (
        "network_admin",
        "notifications.digest",
        "Votre résumé quotidien",
        "Deux demandes de salle et un rapport prêt.",
        "/me/notifications/",
        20,
        True,
    ),
]


def seed(ctx: DemoContext) -> None:
    now = timezone.now()
    rows, when = [], []
    for login, kind, title, body, url, hours, read in ITEMS:
        user = ctx.users.get(login)
        if user is None:
            continue
        created = now - dt.timedelta(hours=hours)
        when.append(created)
        rows.append(
            Notification(
                user=user,
                kind=kind,
                title=title,
                body=body,
                url=url,
                read_at=created + dt.timedelta(hours=1) if read else None,
            )
        )
    made = Notification.objects.bulk_create(rows)
    for row, created in zip(made, when, strict=True):
        row.created = created  # auto_now_add set "now" on insert
    Notification.objects.bulk_update(made, ["created"])
    unread = sum(1 for row in made if row.read_at is None)
    ctx.log(f"{len(made)} in-app notifications, {unread} unread")
    _email_log(ctx, made)


REFUSED = (
    "SMTPRecipientsRefused: {'comptabilite@ancien-domaine.ma': "
    "(550, b'5.1.1 <comptabilite@ancien-domaine.ma>: mailbox unavailable')}"
)


def _email_log(ctx: DemoContext, notifications: list[Notification]) -> None:
    """What the e-mails of those notifications left in the log, and two that went wrong."""
    mailed = [n for n in notifications if n.user.email]
    logs = [
        EmailLog(
            kind=n.kind,
            to_address=n.user.email,
            user=n.user,
            language=n.user.language or "fr",
            subject=n.title,
            body_text=n.body,
            status=EmailLog.Status.SENT,
            attempts=1,
            sent_at=n.created + dt.timedelta(seconds=4),
        )
        for n in mailed
    ]
    now = timezone.now()
    logs.append(
        EmailLog(
            kind="hosting.invoice_issued",
            to_address="comptabilite@ancien-domaine.ma",
            language="fr",
            subject="Facture du mois de Technopark Casablanca",
            body_text="Veuillez trouver ci-joint la facture du mois (PDF), payable à 30 jours.",
            status=EmailLog.Status.FAILED,
            attempts=4,
            last_error=REFUSED,
        )
    )
    logs.append(
        EmailLog(
            kind="community.reminder",
            to_address="hind.benali@example.org",
            language="fr",
            subject="Rappel : votre atelier a lieu demain",
            body_text="Votre billet est joint ; présentez-le à l'accueil.",
            status=EmailLog.Status.QUEUED,
            attempts=1,
            last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        )
    )
    made = EmailLog.objects.bulk_create(logs)
    for log, n in zip(made, mailed, strict=False):
        log.created = n.created
    made[-2].created = now - dt.timedelta(days=2, hours=3)
    made[-1].created = now - dt.timedelta(minutes=12)
    EmailLog.objects.bulk_update(made, ["created"])
    ctx.log(f"{len(made)} e-mails in the log, 1 refused by the server, 1 waiting to retry")

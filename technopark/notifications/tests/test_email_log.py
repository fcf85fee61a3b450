"""The e-mail log: what went out, to whom, and what the mail server refused; the network's
administrators see it (nobody else does), filter it, export it and send a failed one again."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from technopark.notifications.models import EmailLog
from technopark.notifications.services import notification_send

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_e_mail_is_logged_failed_then_sent_again_from_the_log(cast, settings, smtp_inbox):
    # The mail server is down: every attempt fails, and the e-mail ends up failed.
    server_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1
    settings.TASKS_IMMEDIATE_NO_RETRY = True
    notification_send(
        to="comptabilite@atlas.ma", kind="hosting.invoice_issued", context={}, language="ar"
    )
    log = EmailLog.objects.get(to_address="comptabilite@atlas.ma")
    log.refresh_from_db()
    assert log.status == EmailLog.Status.QUEUED and log.attempts == 1
    assert "ConnectionRefusedError" in log.last_error
    EmailLog.objects.filter(pk=log.pk).update(status=EmailLog.Status.FAILED, attempts=4)
    EmailLog.objects.create(
        kind="booking.confirmed", to_address="amina@atlas.ma", language="fr", subject="Ok"
    )

    admin = cast.client("admin")
    page = admin.get("/me/notifications/emails/?status=failed").content.decode()
    assert "comptabilite@atlas.ma" in page and "amina@atlas.ma" not in page
    assert "ConnectionRefusedError" in page
    assert f'action="/me/notifications/emails/{log.pk}/retry/"' in page

    # The server is back: "Send again" delivers it, in the reader's language.
    settings.EMAIL_PORT = server_port
    response = admin.post(f"/me/notifications/emails/{log.pk}/retry/", follow=True)
    log.refresh_from_db()
    assert log.status == EmailLog.Status.SENT and log.attempts == 5 and log.last_error == ""
    assert [str(m["To"]) for m in smtp_inbox.messages] == ["comptabilite@atlas.ma"]
    assert "comptabilite@atlas.ma" in response.content.decode()

    # A sent e-mail is not sent twice: refused with a message (in the admin's English),
    # nothing changes.
    response = admin.post(f"/me/notifications/emails/{log.pk}/retry/", follow=True)
    assert "Only an e-mail that could not be sent can be sent again." in response.content.decode()
    assert len(smtp_inbox.messages) == 1


def test_the_log_is_searched_filtered_and_exported_as_shown(cast):
    for i, (address, status) in enumerate(
        [("a@ex.ma", "sent"), ("b@ex.ma", "failed"), ("c@ex.ma", "sent")]
    ):
        EmailLog.objects.create(
            kind="booking.confirmed",
            to_address=address,
            language="fr",
            subject=f"Réservation {i}",
            status=status,
        )
    admin = cast.client("admin")
    page = admin.get("/me/notifications/emails/?q=c@ex&status=sent").content.decode()
    assert "c@ex.ma" in page and "a@ex.ma" not in page and "b@ex.ma" not in page

    response = admin.get("/me/notifications/emails/?status=sent&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Written on", "Kind", "Recipient")
    assert sorted(r[2] for r in rows[1:]) == ["a@ex.ma", "c@ex.ma"]


def test_only_the_network_s_administrators_see_the_log(cast):
    EmailLog.objects.create(
        kind="booking.confirmed", to_address="secret@ex.ma", language="fr", subject="Privé"
    )
    for role in ("owner", "site_manager", "officer", "expert"):
        assert cast.client(role).get("/me/notifications/emails/").status_code == 403
    menu = cast.client("site_manager").get("/me/notifications/").content.decode()
    assert "/me/notifications/emails/" not in menu
    home = cast.client("admin").get("/").content.decode()
    assert "/me/notifications/emails/?status=failed" in home

"""Publishing's e-mails go through notification_send: a real SMTP server receives the report
(with its file) and the showcase's messages, in each recipient's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from technopark.notifications.models import Notification
from technopark.notifications.services import preference_set
from technopark.publishing.models import ReportJob, ShowcaseProfile

pytestmark = pytest.mark.django_db

REPORT = {
    "fr": "Votre rapport de bilan est prêt",
    "ar": "تقرير الحصيلة الخاص بك جاهز",
    "en": "Your bilan report is ready",
}
CONTACT = {
    "fr": (
        "Message depuis la vitrine : Nadia Alaoui",
        "Pour répondre, écrivez à nadia@example.ma.",
    ),
    "ar": ("رسالة من الواجهة: Nadia Alaoui", "للرد، راسل nadia@example.ma."),
    "en": ("Message from the showcase: Nadia Alaoui", "To reply, write to nadia@example.ma."),
}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_report_ready_comes_with_its_file_in_the_requesters_language(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    cast.site_manager.language = language
    cast.site_manager.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("site_manager").post(
            "/open/reports/new/",
            {
                "format": "xlsx",
                "as_of": dt.date.today().isoformat(),
                "language": "fr",
                "site": cast.site.pk,
            },
        )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    (message,) = smtp_inbox.messages
    assert message["To"] == cast.site_manager.email
    assert str(message["Subject"]).strip() == REPORT[language]
    assert f"/open/reports/{job.pk}/file/" in message.get_body(("plain",)).get_content()
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == job.filename
    assert attachment.get_payload(decode=True) == bytes(job.content)
    assert Notification.objects.get(user=cast.site_manager).kind == "publishing.report_ready"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_a_showcase_message_reaches_each_member_in_their_language(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    cache.clear()
    cast.own.public = True
    cast.own.save()
    ShowcaseProfile.objects.create(startup=cast.own, show_contact=True)  # it chose the form
    cast.owner.language = language
    cast.owner.save(update_fields=["language"])
    # The colleague turned these messages off: the app's bell only.
    preference_set(user=cast.colleague, kind="publishing.contact_message", choice="off")
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client(None).post(
            "/open/startups/OWN-1/contact/",
            {
                "name": "Nadia Alaoui",
                "email": "nadia@example.ma",
                "message": "Bonjour, un devis pour 40 capteurs svp.",
                "website": "",
            },
        )
    assert response.status_code == 302
    (message,) = smtp_inbox.messages
    assert message["To"] == "owner@example.ma"
    subject, reply = CONTACT[language]
    assert str(message["Subject"]).strip() == subject
    text = message.get_body(("plain",)).get_content()
    assert "un devis pour 40 capteurs" in text and reply in text
    assert sorted(
        Notification.objects.filter(kind="publishing.contact_message").values_list(
            "user__email", flat=True
        )
    ) == ["colleague@example.ma", "owner@example.ma"]

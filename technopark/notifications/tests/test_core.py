import pytest
from django.core import mail

from technopark.accounts.models import User
from technopark.notifications import kinds
from technopark.notifications.models import EmailLog, Notification
from technopark.notifications.services import digest_send, notification_send, preference_set

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_every_kind_renders(language):
    from technopark.notifications.services import render_kind

    for kind in kinds.all_kinds():
        subject, text, html = render_kind(kind.code, {"items": []}, language)
        assert subject and text and f'lang="{language}"' in html


def test_digest_collects_and_sends_in_the_users_language():
    user = User.objects.create_user("amina@example.ma", language="ar", full_name="Amina")
    preference_set(user=user, kind="notifications.digest", choice="immediate")
    Notification.objects.create(user=user, kind="x", title="Première", wants_digest=True)
    assert digest_send() == 1
    assert len(mail.outbox) == 1
    assert "Première" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert 'dir="rtl"' in mail.outbox[0].alternatives[0][0]
    assert EmailLog.objects.get().status == "sent"
    assert digest_send() == 0


def test_bare_address_gets_an_email_and_no_in_app_notification():
    notification_send(to="client@example.ma", kind="notifications.digest", context={"items": []})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["client@example.ma"]
    assert not Notification.objects.exists()

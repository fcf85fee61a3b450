"""What a person typed (an event's title) reads as typed in an e-mail's subject, its text and
HTML parts and in the notification list: escaped once where HTML shows it, never twice; and
the e-mail's footer leads the recipient to their preferences."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from technopark.notifications.services import notification_send

pytestmark = pytest.mark.django_db(transaction=True)

TYPED = '<script>"x"&'
ONCE = "&lt;script&gt;&quot;x&quot;&amp;"


def test_a_typed_title_is_plain_in_the_subject_and_escaped_once_in_html(cast, smtp_inbox):
    owner = cast.owner
    owner.language = "en"
    owner.save(update_fields=["language"])
    notification_send(to=owner, kind="community.confirmed", context={"title": TYPED}, url="/")

    [message] = smtp_inbox.messages
    assert str(message["Subject"]) == f"Your seat is confirmed: {TYPED}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert TYPED in text and "&lt;" not in text and "&quot;" not in text
    assert ONCE in html and "&amp;lt;" not in html and "<script>" not in html

    page = cast.client("owner").get("/me/notifications/").content.decode()
    assert ONCE in page and "&amp;lt;" not in page and '<script>"x"' not in page

    # The footer's link to choose which e-mails one receives opens that page.
    [link] = re.findall(r'href="([^"]*preferences[^"]*)"', html)
    assert link.startswith(settings.SITE_URL)
    assert cast.client("owner").get(link.removeprefix(settings.SITE_URL)).status_code == 200

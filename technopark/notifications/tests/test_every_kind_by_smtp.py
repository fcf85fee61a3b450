"""Every kind of message the platform declares reaches a real SMTP server in French,
Arabic and English: a subject in the reader's language, a text part and an HTML part
that says its language and direction. The flows' own tests check who receives each
message and what it says; this one checks that no kind was left with one language."""

from __future__ import annotations

import re

import pytest

from technopark.notifications import kinds
from technopark.notifications.models import EmailLog
from technopark.notifications.services import notification_send

pytestmark = pytest.mark.django_db(transaction=True)

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_every_kind_arrives_by_smtp_in_french_arabic_and_english(smtp_inbox):
    kinds.autodiscover()
    codes = sorted(k.code for k in kinds.all_kinds())
    assert len(codes) > 40
    for code in codes:
        for language in ("fr", "ar", "en"):
            notification_send(
                to=f"{code.replace('.', '-')}-{language}@example.ma",
                kind=code,
                context={"items": []},
                language=language,
            )
    received = {
        (
            str(m["To"]).split("@")[0].rsplit("-", 1)[0],
            str(m["To"]).split("@")[0].rsplit("-", 1)[1],
        ): m
        for m in smtp_inbox.messages
    }
    assert len(smtp_inbox.messages) == 3 * len(codes)
    assert EmailLog.objects.filter(status="sent").count() == 3 * len(codes)

    one_language = []
    for code in codes:
        key = code.replace(".", "-")
        fr, ar, en = (received[(key, lang)] for lang in ("fr", "ar", "en"))
        for message, language in ((fr, "fr"), (ar, "ar"), (en, "en")):
            text, html = _parts(message)
            assert text.strip(), (code, language)
            assert f'lang="{language}"' in html, (code, language)
            assert ('dir="rtl"' in html) == (language == "ar"), (code, language)
        if not ARABIC.search(str(ar["Subject"])) or str(fr["Subject"]) == str(en["Subject"]):
            one_language.append((code, str(fr["Subject"]), str(ar["Subject"]), str(en["Subject"])))
        if not ARABIC.search(_parts(ar)[0]):
            one_language.append((code, "Arabic text part has no Arabic"))
    assert one_language == []

"""Campaigns tell through notification_send: a real SMTP server receives the request, the two
reminders and the officer's digest, each in the person's language; an answer stops the
reminders and marks the in-app notifications read."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from technopark.house.testing import EnrollmentFactory, StartupFactory
from technopark.notifications.models import Notification
from technopark.notifications.services import preference_set
from technopark.surveys.models import CampaignRequest
from technopark.surveys.services import MetricSpec, campaign_daily, campaign_open

TODAY = dt.date.today()
LINK = re.compile(r"http://[^\s\"<]+/surveys/r/[^/\s\"<]+/")
METRICS = [
    MetricSpec(
        "Nombre de clients actifs",
        "integer",
        required=True,
        label_ar="عدد العملاء النشطين",
        label_en="Active customers",
    ),
    MetricSpec("Levée de fonds en cours", "yesno"),  # French only: the fallback everywhere
]

# (language, request subject, reminder subject, the extra figure's label, the link's note,
#  the last reminder's sentence, the officer's digest sentence)
DECLARATION = [
    (
        "fr",
        "Vos chiffres de",
        "Rappel : Déclaration S2",
        "Nombre de clients actifs",
        "Ce lien fonctionne sans connexion, pour une seule réponse.",
        "Dernier rappel : nous n'avons pas encore reçu votre réponse.",
        "Ces startups n'ont pas répondu à « Déclaration S2 » après deux rappels.",
    ),
    (
        "ar",
        "أرقامكم عن",
        "تذكير: Déclaration S2",
        "عدد العملاء النشطين",
        "يعمل هذا الرابط دون تسجيل الدخول، لإجابة واحدة.",
        "تذكير أخير: لم نتلق إجابتكم بعد.",
        "لم تُجب هذه الشركات الناشئة عن «Déclaration S2» بعد تذكيرين.",
    ),
    (
        "en",
        "Your figures for",
        "Reminder: Déclaration S2",
        "Active customers",
        "This link works without signing in, for one answer.",
        "Last reminder: we have not received your answer yet.",
        'These startups have not answered "Déclaration S2" after two reminders.',
    ),
]


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])


def _to(inbox, address):
    return [m for m in inbox.messages if m["To"] == address]


def _subject(message) -> str:
    return " ".join(str(message["Subject"]).split())


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(("html",)).get_content()


def _declaration(cast, metrics=METRICS, title="Déclaration S2"):
    return campaign_open(
        title=title,
        kind="declaration",
        period=f"{TODAY.year}-S2",
        as_of=TODAY,
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=40),
        sites=[cast.site],
        metrics=metrics,
        by=cast.site_manager,
    )


def _daily(day_offset, capture):
    with capture(execute=True):
        campaign_daily(TODAY + dt.timedelta(days=day_offset))


@pytest.mark.parametrize(
    ("language", "subject", "reminder", "label", "note", "last", "digest"), DECLARATION
)
def test_a_declaration_asks_reminds_then_tells_the_officer_in_each_language(
    cast,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    language,
    subject,
    reminder,
    label,
    note,
    last,
    digest,
):
    for person in (cast.owner, cast.colleague, cast.officer):
        _speak(person, language)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = _declaration(cast)
    request = campaign.requests.get(startup=cast.own)

    [asked] = _to(smtp_inbox, cast.owner.email)
    assert _subject(asked).startswith(subject)
    assert "Déclaration S2" in _subject(asked)
    text = _text(asked)
    assert label in text and "Levée de fonds en cours" in text  # French when not translated
    assert note in text
    assert LINK.search(text), "the signed link that needs no sign-in"
    assert ('dir="rtl"' in _html(asked)) == (language == "ar")
    assert len(_to(smtp_inbox, cast.colleague.email)) == 1  # every member, each their own
    notice = Notification.objects.get(user=cast.owner)
    assert notice.kind == "surveys.declaration_requested"
    assert notice.url == f"/surveys/requests/{request.pk}/"

    _daily(6, django_capture_on_commit_callbacks)
    assert len(_to(smtp_inbox, cast.owner.email)) == 1
    _daily(7, django_capture_on_commit_callbacks)
    _daily(8, django_capture_on_commit_callbacks)  # once only
    first = _to(smtp_inbox, cast.owner.email)[1:]
    assert [_subject(m).startswith(reminder) for m in first] == [True]
    assert last not in _text(first[0])
    _daily(14, django_capture_on_commit_callbacks)
    _daily(15, django_capture_on_commit_callbacks)
    second = _to(smtp_inbox, cast.owner.email)[2:]
    assert len(second) == 1 and last in _text(second[0])
    assert list(Notification.objects.filter(user=cast.owner).values_list("kind", flat=True)) == [
        "surveys.declaration_reminder"
    ] * 2 + ["surveys.declaration_requested"]

    _daily(21, django_capture_on_commit_callbacks)
    _daily(22, django_capture_on_commit_callbacks)
    [told] = _to(smtp_inbox, cast.officer.email)
    assert "Own Startup (OWN-1)" in _text(told)
    assert digest in _text(told)
    assert f"/surveys/campaigns/{campaign.pk}/" in _html(told)
    assert ('dir="rtl"' in _html(told)) == (language == "ar")
    assert Notification.objects.get(user=cast.officer).kind == "surveys.officer_digest"


SURVEY = [
    ("fr", "Le réseau des technoparks demande à Own Startup", "Quelle est la satisfaction de"),
    ("ar", "تطلب شبكة التكنوبارك من Own Startup", "ما مدى رضا"),
    ("en", "The technopark network asks Own Startup", "How satisfied is"),
]


@pytest.mark.parametrize(("language", "subject", "sentence"), SURVEY)
def test_a_survey_asks_and_reminds_in_each_language(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language, subject, sentence
):
    _speak(cast.owner, language)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_open(
            title="Satisfaction 2026",
            kind="satisfaction",
            period=str(TODAY.year),
            as_of=TODAY,
            opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=30),
            sites=[cast.site],
            anonymous=True,
            by=cast.admin,
        )
    _daily(7, django_capture_on_commit_callbacks)
    asked, reminded = _to(smtp_inbox, cast.owner.email)
    assert _subject(asked).startswith(subject)
    assert sentence in _text(asked)
    assert "Satisfaction 2026" in _subject(reminded)
    assert sentence in _text(reminded)
    assert ('dir="rtl"' in _html(reminded)) == (language == "ar")
    kinds = Notification.objects.filter(user=cast.owner).values_list("kind", flat=True)
    assert sorted(kinds) == ["surveys.survey_reminder", "surveys.survey_requested"]


def test_the_follow_up_asks_alumni_in_their_language(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    from technopark.house.testing import make_member

    alum = StartupFactory(ref="ALUM-1", name="Alum Startup", public=False)
    EnrollmentFactory(
        startup=alum,
        site=cast.site,
        started_on=dt.date(2019, 1, 1),
        ended_on=dt.date(2022, 1, 1),
        outcome="graduated",
    )
    founder = make_member(alum, founder=True, email="alum@example.ma")
    _speak(founder, "ar")
    with django_capture_on_commit_callbacks(execute=True):
        campaign_open(
            title="Suivi des anciens",
            kind="followup",
            period=str(TODAY.year),
            as_of=TODAY,
            opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=30),
            by=cast.admin,
        )
    [asked] = _to(smtp_inbox, "alum@example.ma")
    assert "رافقت شبكة التكنوبارك Alum Startup" in _text(asked)


def test_an_answer_stops_the_reminders_and_marks_the_notifications_read(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    from technopark.house.testing import make_member

    third = StartupFactory(ref="THI-1", name="Third Startup", public=False)
    EnrollmentFactory(startup=third, site=cast.site, started_on=dt.date(2022, 3, 1))
    make_member(third, founder=True, email="third@example.ma")
    with django_capture_on_commit_callbacks(execute=True):
        campaign = _declaration(cast)
    clients = campaign.metrics.get(label="Nombre de clients actifs")
    request = campaign.requests.get(startup=cast.own)
    assert Notification.objects.filter(user__in=[cast.owner, cast.colleague]).count() == 2

    # An API declaration without the extra figures records the standard ones, but the
    # campaign requires more: it stays waiting, and so do the notifications.
    api = cast.client("owner").post(
        "/api/v1/startups/OWN-1/declarations",
        data=json.dumps({"as_of": TODAY.isoformat(), "direct_jobs": 4}),
        content_type="application/json",
    )
    assert api.status_code == 201
    request.refresh_from_db()
    assert request.answered_at is None
    assert not Notification.objects.filter(read_at__isnull=False).exists()

    answered = cast.client("owner").post(
        f"/surveys/startups/{cast.own.ref}/declare/",
        {
            "as_of": TODAY.isoformat(),
            "direct_jobs": "5",
            "indirect_jobs": "1",
            f"metric_{clients.pk}": "42",
        },
    )
    assert answered.status_code == 302
    request.refresh_from_db()
    assert request.answered_at is not None and request.declaration.direct_jobs == 5
    # Both members' notifications are read: the answer is in.
    assert not Notification.objects.filter(
        user__in=[cast.owner, cast.colleague], read_at__isnull=True
    ).exists()

    smtp_inbox.messages.clear()
    _daily(7, django_capture_on_commit_callbacks)
    _daily(14, django_capture_on_commit_callbacks)
    _daily(21, django_capture_on_commit_callbacks)
    to = sorted(m["To"] for m in smtp_inbox.messages)
    assert to == ["officer@example.ma", "third@example.ma", "third@example.ma"]
    assert "Own Startup" not in _text(_to(smtp_inbox, "officer@example.ma")[0])
    assert CampaignRequest.objects.get(pk=request.pk).reminded_7_on is None


def test_a_startup_without_members_is_asked_at_its_address_in_the_site_language(
    cast, settings, smtp_inbox, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "fr"
    lone = StartupFactory(ref="LONE-1", name="Lone Startup", email="contact@lone.ma")
    EnrollmentFactory(startup=lone, site=cast.site, started_on=dt.date(2022, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        _declaration(cast)
    [asked] = _to(smtp_inbox, "contact@lone.ma")
    assert _subject(asked).startswith("Vos chiffres de")
    links = LINK.findall(_html(asked))
    assert links and all("/surveys/r/" in link for link in links)  # no sign-in needed
    assert "/surveys/requests/" not in _html(asked)


def test_a_declaration_is_always_sent_a_survey_follows_the_preference(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    for kind in ("surveys.declaration_requested", "surveys.survey_requested"):
        preference_set(user=cast.owner, kind=kind, choice="off")
    with django_capture_on_commit_callbacks(execute=True):
        _declaration(cast)
        campaign_open(
            title="Satisfaction 2026",
            kind="satisfaction",
            period=str(TODAY.year),
            as_of=TODAY,
            opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=30),
            sites=[cast.site],
            by=cast.admin,
        )
    subjects = [_subject(m) for m in _to(smtp_inbox, cast.owner.email)]
    assert len(subjects) == 1 and "Déclaration S2" in subjects[0]  # mandatory
    assert len(_to(smtp_inbox, cast.colleague.email)) == 2
    kinds = set(Notification.objects.filter(user=cast.owner).values_list("kind", flat=True))
    assert kinds == {"surveys.declaration_requested", "surveys.survey_requested"}  # in-app

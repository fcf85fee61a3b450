"""The programs' e-mails go through notification_send: a real SMTP server receives them, in the
recipient's language, with the interview's calendar invitation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from technopark.notifications.models import Notification, NotificationPreference
from technopark.notifications.services import preference_set
from technopark.programs import services
from technopark.programs.daily import daily
from technopark.programs.models import Answer, Application
from technopark.programs.tests.fixtures import make_application, make_call, make_plan

pytestmark = pytest.mark.django_db

# language, then the words each kind's subject starts with in it
SUBJECTS = {
    "fr": {
        "started": "Votre candidature à",
        "received": "Candidature reçue",
        "review": "Une candidature à évaluer",
        "decision": "Décision concernant votre candidature",
        "declined": "n'est pas retenu",
        "scheduled": "Entretien de sélection",
        "moved": "Entretien déplacé",
        "cancelled": "Entretien annulé",
        "alerts": "Alertes d'accompagnement",
    },
    "ar": {
        "started": "ترشيحك لـ",
        "received": "تم استلام الترشيح",
        "review": "ترشيح للتقييم",
        "decision": "القرار بشأن ترشيحك",
        "declined": "لم يتم قبول",
        "scheduled": "مقابلة الانتقاء",
        "moved": "تغيير موعد المقابلة",
        "cancelled": "إلغاء المقابلة",
        "alerts": "تنبيهات المواكبة",
    },
    "en": {
        "started": "Your application to",
        "received": "Application received",
        "review": "An application to review",
        "decision": "Decision on your application",
        "declined": "is not admitted",
        "scheduled": "Selection interview",
        "moved": "Interview moved",
        "cancelled": "Interview cancelled",
        "alerts": "Accompaniment alerts",
    },
}
LANGUAGES = pytest.mark.parametrize("language", ["fr", "ar", "en"])


def _speaks(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def _to(inbox, address):
    return [m for m in inbox.messages if m["To"] == address]


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(("html",)).get_content()


def _invitation(message):
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "the e-mail carries one calendar invitation"
    assert parts[0].get_filename() == "invite.ics"
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return parts[0].get_param("method"), calendar, events[0]


@LANGUAGES
def test_an_outsider_hears_the_draft_is_saved_then_received_then_decided(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    words = SUBJECTS[language]
    call = make_call(cast)
    with django_capture_on_commit_callbacks(execute=True):
        application, user, created = services.application_start(
            call=call, email="salma@startup.ma", full_name="Salma Kettani", language=language
        )
    assert created
    (started,) = _to(smtp_inbox, "salma@startup.ma")
    assert str(started["Subject"]).strip().startswith(words["started"])
    assert call.title in started["Subject"]
    assert "/accounts/password/reset/key/" in _text(started)
    assert ('dir="rtl"' in _html(started)) == (language == "ar")

    application.summary = "Export de dattes"
    application.save()
    for question in call.questions.all():
        value = question.choice_list[0] if question.choice_list else "Le Maroc"
        Answer.objects.create(application=application, question=question, value=value)
    fixture = make_application(cast)  # its pitch deck, moved to this application
    fixture.documents.update(application=application)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=user)
    received = _to(smtp_inbox, "salma@startup.ma")[-1]
    assert str(received["Subject"]).strip().startswith(words["received"])
    assert application.project_name in _text(received)

    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            decision="declined",
            override_reason="Hors du périmètre du programme",
            by=cast.officer,
        )
    decided = _to(smtp_inbox, "salma@startup.ma")[-1]
    assert str(decided["Subject"]).strip().startswith(words["decision"])
    assert words["declined"] in _text(decided)
    assert f"/programs/applications/{application.pk}/" in _text(decided)
    assert list(
        Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True)
    ) == [
        "programs.application_started",
        "programs.application_received",
        "programs.decision",
    ]


@LANGUAGES
def test_a_reviewer_assigned_is_told_with_the_link_to_score(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    application = make_application(cast)
    reviewer = _speaks(cast.officer, language)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer").post(
            f"/programs/applications/{application.pk}/manage/",
            {"action": "assign", "reviewer": reviewer.pk},
        )
    (message,) = smtp_inbox.messages
    assert message["To"] == reviewer.email
    assert str(message["Subject"]).strip().startswith(SUBJECTS[language]["review"])
    assert "AgriSense" in message["Subject"]
    assert f"/programs/applications/{application.pk}/review/" in _text(message)
    notification = Notification.objects.get(user=reviewer)
    assert (notification.kind, notification.url) == (
        "programs.review_assigned",
        f"/programs/applications/{application.pk}/review/",
    )


def test_a_reviewer_who_turned_assignments_off_reads_them_in_the_app_only(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    application = make_application(cast)
    preference_set(
        user=cast.officer, kind="programs.review_assigned", choice=NotificationPreference.Choice.OFF
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reviewer_assign(application=application, reviewer=cast.officer, by=cast.admin)
    assert smtp_inbox.messages == []
    assert Notification.objects.get(user=cast.officer).kind == "programs.review_assigned"


@LANGUAGES
def test_the_interview_invites_the_team_and_follows_each_move_and_the_cancel(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    words = SUBJECTS[language]
    application = make_application(cast)
    applicant = _speaks(application.applicant, language)
    application.team = "Youssef Kettani, youssef@startup.ma"
    application.save()
    # A mandatory kind: the applicant's "off" does not stop the invitation.
    preference_set(
        user=applicant,
        kind="programs.interview_scheduled",
        choice=NotificationPreference.Choice.OFF,
    )
    manage = f"/programs/applications/{application.pk}/manage/"
    officer = cast.client("officer")

    with django_capture_on_commit_callbacks(execute=True):
        officer.post(manage, {"action": "interview", "at": "2026-12-10T10:00", "notes": "Jury A"})
    assert sorted(m["To"] for m in smtp_inbox.messages) == [applicant.email, "youssef@startup.ma"]
    first = _to(smtp_inbox, applicant.email)[0]
    assert str(first["Subject"]).strip().startswith(words["scheduled"])
    assert "Jury A" not in _text(first)  # the jury's notes stay with the jury
    method, calendar, invite = _invitation(first)
    assert (method, calendar["METHOD"]) == ("REQUEST", "REQUEST")
    assert int(invite["SEQUENCE"]) == 0
    assert invite.decoded("DTSTART") == timezone.make_aware(dt.datetime(2026, 12, 10, 10, 0))
    attendees = [str(a) for a in invite["ATTENDEE"]]
    assert sorted(attendees) == [f"mailto:{applicant.email}", "mailto:youssef@startup.ma"]
    # The co-founder has no account: the e-mail only, in the applicant's language.
    cofounder = _to(smtp_inbox, "youssef@startup.ma")[0]
    assert str(cofounder["Subject"]).strip().startswith(words["scheduled"])
    assert str(_invitation(cofounder)[2]["UID"]) == str(invite["UID"])
    page = officer.get(f"/programs/applications/{application.pk}/").content.decode()
    assert 'value="interview_cancel"' in page and 'value="2026-12-10T10:00"' in page

    with django_capture_on_commit_callbacks(execute=True):
        officer.post(manage, {"action": "interview", "at": "2026-12-11T15:30", "notes": "Jury A"})
    moved = _to(smtp_inbox, applicant.email)[-1]
    assert str(moved["Subject"]).strip().startswith(words["moved"])
    method, calendar, update = _invitation(moved)
    assert calendar["METHOD"] == "REQUEST"
    assert str(update["UID"]) == str(invite["UID"])
    assert int(update["SEQUENCE"]) == 1
    assert update.decoded("DTSTART") == timezone.make_aware(dt.datetime(2026, 12, 11, 15, 30))

    with django_capture_on_commit_callbacks(execute=True):
        officer.post(manage, {"action": "interview", "at": "2026-12-11T15:30", "notes": "Autre"})
    assert len(smtp_inbox.messages) == 4  # only the notes changed: nobody is disturbed

    with django_capture_on_commit_callbacks(execute=True):
        officer.post(manage, {"action": "interview_cancel"})
    cancelled = _to(smtp_inbox, applicant.email)[-1]
    assert str(cancelled["Subject"]).strip().startswith(words["cancelled"])
    method, calendar, cancel = _invitation(cancelled)
    assert (method, calendar["METHOD"]) == ("CANCEL", "CANCEL")
    assert str(cancel["UID"]) == str(invite["UID"])
    assert int(cancel["SEQUENCE"]) == 2
    assert str(cancel["STATUS"]) == "CANCELLED"
    assert len(_to(smtp_inbox, "youssef@startup.ma")) == 3
    application.refresh_from_db()
    assert (application.interview_at, application.status) == (None, Application.Status.SUBMITTED)
    assert list(
        Notification.objects.filter(user=applicant).order_by("pk").values_list("kind", flat=True)
    ) == [
        "programs.interview_scheduled",
        "programs.interview_moved",
        "programs.interview_cancelled",
    ]

    # Planned again later: a new calendar entry, not the cancelled one.
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_schedule(
            application=application, at=timezone.now() + dt.timedelta(days=3), by=cast.officer
        )
    _, _, again = _invitation(_to(smtp_inbox, applicant.email)[-1])
    assert str(again["UID"]) != str(invite["UID"]) and int(again["SEQUENCE"]) == 0


def test_cancelling_an_interview_that_is_not_planned_is_refused(cast):
    from technopark.core.errors import DomainError

    with pytest.raises(DomainError):
        services.interview_cancel(application=make_application(cast), by=cast.officer)


@LANGUAGES
def test_the_officer_gets_the_daily_plan_alerts_unless_turned_off(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    officer = _speaks(cast.officer, language)
    plan = make_plan(cast)
    plan.officer = officer
    plan.save()
    today = timezone.localdate()
    services.milestone_add(
        plan=plan, title="MVP", due_on=today - dt.timedelta(days=3), by=cast.officer
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert daily(today).startswith("1 officer")
    (message,) = smtp_inbox.messages
    assert message["To"] == officer.email
    assert str(message["Subject"]).strip().startswith(SUBJECTS[language]["alerts"])
    assert "MVP" in _text(message) and "Own Startup" in _text(message)
    assert "/programs/plans/alerts/" in _text(message)

    preference_set(user=officer, kind="programs.plan_alerts", choice="off")
    with django_capture_on_commit_callbacks(execute=True):
        daily(today)
    assert len(smtp_inbox.messages) == 1
    assert Notification.objects.filter(user=officer, kind="programs.plan_alerts").count() == 2

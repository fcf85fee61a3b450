"""A selection committee a funder would accept: conflicts of interest, the review deadline
and its reminders, asking for more information, decisions that wait for the reviews,
decision letters, bulk decisions and the applications API."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from technopark.core.errors import Conflict, DomainError
from technopark.house.testing import UserFactory, make_role
from technopark.notifications.models import Notification
from technopark.programs import services
from technopark.programs.letter_pdf import letter_html
from technopark.programs.models import (
    Application,
    ConflictDeclaration,
    ReviewAssignment,
    ReviewReminder,
)
from technopark.programs.services.review import ReviewsMissing, missing_reviews
from technopark.programs.tests.fixtures import PDF, make_application, make_call

pytestmark = pytest.mark.django_db


def _second_reviewer(cast, application, email="karim.expert@example.ma", name="Karim Bennani"):
    reviewer = make_role(UserFactory(email=email, full_name=name), "expert")
    ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    return reviewer


def _submit_review(application, reviewer):
    assignment = application.assignments.get(reviewer=reviewer)
    scores = {c.pk: 4 for c in application.call.criteria.all()}
    services.review_save(assignment=assignment, scores=scores, submit=True, by=reviewer)


# --- A decision waits for the reviews ---------------------------------------------------


def test_a_decision_waits_for_every_review_unless_the_committee_says_why(cast):
    application = make_application(cast)  # the expert is assigned, has not scored
    with pytest.raises(ReviewsMissing) as refused:
        services.application_decide(
            application=application,
            decision="declined",
            reasons="Marché trop étroit",
            by=cast.officer,
        )
    assert refused.value.code == "reviews_missing"
    assert refused.value.missing == [cast.expert.get_full_name()]
    assert cast.expert.get_full_name() in refused.value.message
    application.refresh_from_db()
    assert application.status == "submitted" and application.decided_on is None

    services.application_decide(
        application=application,
        decision="declined",
        reasons="Marché trop étroit",
        override_reason="L'expert est injoignable depuis trois semaines",
        by=cast.officer,
    )
    application.refresh_from_db()
    assert application.status == "declined"
    assert application.override_reason == "L'expert est injoignable depuis trois semaines"
    page = cast.client("officer").get(f"/programs/applications/{application.pk}/").content.decode()
    assert "data-override" in page and "injoignable" in page


def test_the_page_refuses_a_decision_without_the_reviews_and_names_who_is_missing(cast):
    application = make_application(cast)
    officer = cast.client("officer")
    manage = f"/programs/applications/{application.pk}/manage/"
    r = officer.post(manage, {"action": "decide", "decision": "declined"}, follow=True)
    assert cast.expert.get_full_name() in r.content.decode()
    assert Application.objects.get(pk=application.pk).status == "submitted"
    _submit_review(application, cast.expert)
    officer.post(manage, {"action": "decide", "decision": "declined", "reasons": "Hors cible"})
    decided = Application.objects.get(pk=application.pk)
    assert (decided.status, decided.decision_reasons) == ("declined", "Hors cible")


# --- Conflicts of interest --------------------------------------------------------------


def test_a_reviewer_declares_before_reading_and_a_conflict_withdraws_them(cast):
    application = make_application(cast)
    karim = _second_reviewer(cast, application)
    client = cast.client(None)
    client.force_login(karim)
    page = f"/programs/applications/{application.pk}/"
    conflict = f"/programs/applications/{application.pk}/conflict/"
    assert client.get(page).url == conflict  # nothing of the application before declaring
    assert client.get(f"/programs/applications/{application.pk}/review/").url == conflict
    assert "Capteurs pour l'irrigation" not in client.get(conflict).content.decode()

    # A conflict without saying what it is: refused, nothing recorded.
    r = client.post(conflict, {"has_conflict": "yes", "note": ""})
    assert "Say in a few words what the conflict of interest is." in r.content.decode()
    assert not ConflictDeclaration.objects.filter(person=karim).exists()

    client.post(conflict, {"has_conflict": "yes", "note": "Mon cousin est cofondateur"})
    assignment = application.assignments.get(reviewer=karim)
    assert assignment.withdrawn_at is not None
    assert [a.reviewer for a in missing_reviews(application)] == [cast.expert]
    shown = client.get(page).content.decode()
    assert "data-conflicted" in shown and "data-scores" not in shown
    assert client.get(f"/programs/applications/{application.pk}/review/").status_code == 403
    with pytest.raises(DomainError) as no_more:
        services.review_save(assignment=assignment, scores={}, submit=False, by=karim)
    assert no_more.value.code == "conflict"
    with pytest.raises(Conflict):  # once only
        services.conflict_declare(
            application=application, person=karim, has_conflict=False, by=karim
        )

    # The staff see the declarations; the withdrawn reviewer is no longer waited for.
    staff_page = cast.client("officer").get(page).content.decode()
    assert "Mon cousin est cofondateur" in staff_page and "Karim Bennani" in staff_page
    _submit_review(application, cast.expert)
    services.application_decide(application=application, decision="waitlisted", by=cast.officer)
    assert Application.objects.get(pk=application.pk).status == "waitlisted"


def test_only_an_assigned_reviewer_declares(cast):
    application = make_application(cast)
    with pytest.raises(DomainError) as refused:
        services.conflict_declare(
            application=application, person=cast.officer, has_conflict=False, by=cast.officer
        )
    assert refused.value.code == "not_reviewer"
    assert (
        cast.client("officer").get(f"/programs/applications/{application.pk}/conflict/").status_code
        == 403
    )
    assert (
        cast.client("owner").get(f"/programs/applications/{application.pk}/conflict/").status_code
        == 404
    )


# --- The review deadline and its reminders -----------------------------------------------


def test_reviewers_are_reminded_before_and_on_the_day_once_each(cast):
    application = make_application(cast)
    karim = _second_reviewer(cast, application)
    _submit_review(application, karim)  # done: never reminded
    call = application.call
    today = timezone.localdate()
    call.review_deadline = today + dt.timedelta(days=3)
    call.save()

    def reminders(user):
        return Notification.objects.filter(user=user, kind="programs.review_reminder").count()

    assert services.review_reminders_send(today=today - dt.timedelta(days=1)) == 0  # too early
    assert services.review_reminders_send(today=today) == 1
    assert services.review_reminders_send(today=today) == 0  # the job ran twice: once only
    assert services.review_reminders_send(today=today + dt.timedelta(days=1)) == 0
    assert services.review_reminders_send(today=call.review_deadline) == 1  # on the day
    assert services.review_reminders_send(today=call.review_deadline) == 0
    assert (reminders(cast.expert), reminders(karim)) == (2, 0)
    assert set(ReviewReminder.objects.values_list("kind", flat=True)) == {"before", "day"}


def test_the_officer_sees_each_reviewers_load(cast):
    application = make_application(cast)
    karim = _second_reviewer(cast, application)
    _submit_review(application, karim)
    call = application.call
    call.review_deadline = call.closes_on
    call.save()
    page = cast.client("officer").get(f"/programs/calls/{call.pk}/").content.decode()
    assert "data-reviewer-load" in page
    # Past the deadline, the expert's review is late.
    from technopark.programs.services.review import reviewer_load

    late = {
        r["reviewer"]: r for r in reviewer_load(call, call.review_deadline + dt.timedelta(days=1))
    }
    assert (late[cast.expert]["assigned"], late[cast.expert]["late"]) == (1, 1)
    assert (late[karim]["done"], late[karim]["late"]) == (1, 0)
    assert (
        "data-reviewer-load"
        not in cast.client("owner").get(f"/programs/calls/{call.pk}/").content.decode()
    )


def test_the_review_deadline_comes_after_the_call_closes(cast):
    call = make_call(cast)
    with pytest.raises(DomainError) as refused:
        services.call_update(
            call=call,
            data={"review_deadline": call.closes_on - dt.timedelta(days=1)},
            by=cast.officer,
        )
    assert refused.value.field == "review_deadline"


# --- More information -------------------------------------------------------------------


def test_the_applicant_completes_only_what_is_asked_and_every_version_is_kept(cast):
    application = make_application(cast)
    applicant = application.applicant
    call = application.call
    market, stage = call.questions.all()
    pitch = call.documents.get()
    officer = cast.client("officer")
    manage = f"/programs/applications/{application.pk}/manage/"

    with pytest.raises(DomainError):  # nothing named: refused
        services.info_request(
            application=application, message="Précisez", questions=[], documents=[], by=cast.officer
        )
    officer.post(
        manage,
        {
            "action": "request_info",
            "message": "Précisez votre marché et envoyez le pitch à jour.",
            "questions": [market.pk],
            "documents": [pitch.pk],
        },
    )
    application.refresh_from_db()
    assert application.status == "more_info"
    assert Notification.objects.filter(user=applicant, kind="programs.more_info_requested").exists()

    client = cast.client(None)
    client.force_login(applicant)
    complete = f"/programs/applications/{application.pk}/complete/"
    form = client.get(complete).content.decode()
    assert "Votre marché cible" in form and "Stade" not in form
    with pytest.raises(DomainError) as not_asked:
        services.info_answers_save(
            application=application, answers={stage.pk: "Ventes"}, by=applicant
        )
    assert not_asked.value.code == "not_asked"

    # Resubmitting without the new pitch deck: refused, still waiting.
    r = client.post(complete, {f"q_{market.pk}": "Les coopératives du Souss", "action": "resubmit"})
    assert "Upload the document" in r.content.decode()
    assert Application.objects.get(pk=application.pk).status == "more_info"
    client.post(
        complete,
        {
            f"q_{market.pk}": "Les coopératives du Souss",
            f"doc_{pitch.pk}": SimpleUploadedFile("pitch-v2.pdf", PDF, "application/pdf"),
            "action": "resubmit",
        },
    )
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.answers.get(question=market).value == "Les coopératives du Souss"
    versions = list(application.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].answers[0]["value"] == "Les coopératives du Souss"
    assert versions[1].documents[0]["name"] == "pitch-v2.pdf"
    assert Notification.objects.filter(user=cast.officer, kind="programs.resubmitted").exists()
    page = officer.get(f"/programs/applications/{application.pk}/").content.decode()
    assert "data-versions" in page and "Version 2" in page
    assert client.get(complete).status_code == 302  # nothing asked any more


def test_each_version_keeps_its_files_and_the_officer_opens_them(cast):
    """The pitch sent first and the one sent on request are both kept; the officer opens
    each version's own; the applicant's later uploads never delete a version's file."""
    application = make_application(cast)
    applicant = application.applicant
    pitch = application.call.documents.get()
    first = application.documents.get()
    first_name = first.file.name
    services.info_request(
        application=application, message="Le pitch à jour", questions=[], documents=[pitch],
        by=cast.officer,
    )  # fmt: skip
    uploaded = []
    for content in (b"%PDF-1.4 draft", b"%PDF-1.4 second pitch"):  # replaced before sending
        document = services.document_upload(
            application=application,
            required_document=pitch,
            upload=SimpleUploadedFile("pitch-v2.pdf", content, "application/pdf"),
            by=applicant,
        )
        uploaded.append(document.file.name)
    services.application_resubmit(application=application, by=applicant)
    v1, v2 = application.versions.order_by("number")
    assert v1.documents[0]["file"] == first_name
    assert v2.documents[0]["file"] == uploaded[1] != first_name
    storage = first.file.storage
    assert storage.exists(first_name)  # the superseded file is kept for version 1
    assert not storage.exists(uploaded[0])  # a draft no version refers to is not kept

    officer = cast.client("officer")
    page = officer.get(f"/programs/applications/{application.pk}/").content.decode()
    base = f"/programs/applications/{application.pk}/versions"
    assert f'href="{base}/1/documents/{pitch.pk}/"' in page
    assert f'href="{base}/2/documents/{pitch.pk}/"' in page
    one = officer.get(f"{base}/1/documents/{pitch.pk}/")
    assert b"".join(one.streaming_content) == PDF
    assert 'filename="pitch.pdf"' in one["Content-Disposition"]
    two = officer.get(f"{base}/2/documents/{pitch.pk}/")
    assert b"".join(two.streaming_content) == b"%PDF-1.4 second pitch"
    assert officer.get(f"{base}/3/documents/{pitch.pk}/").status_code == 404
    # The applicant reads their current documents, not the staff's history; others see nothing.
    owner = cast.client(None)
    owner.force_login(applicant)
    assert owner.get(f"{base}/1/documents/{pitch.pk}/").status_code == 403
    assert cast.client("other_member").get(f"{base}/1/documents/{pitch.pk}/").status_code == 404

    # Declined and past its retention (law 09-08): every version's files and text go too.
    services.application_decide(
        application=application, decision="declined", override_reason="Comité", by=cast.officer
    )
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert services.applications_anonymise_declined(decided_before=tomorrow) == 1
    assert not storage.exists(first_name) and not storage.exists(uploaded[1])
    assert [(v.fields, v.answers, v.documents) for v in application.versions.all()] == [
        ({}, [], []),
        ({}, [], []),
    ]
    assert officer.get(f"{base}/1/documents/{pitch.pk}/").status_code == 404


# --- Decision letters -------------------------------------------------------------------


def test_the_decision_letter_is_the_calls_in_the_applicants_language(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(cast)
    applicant = application.applicant
    applicant.language = "fr"
    applicant.save()
    call = application.call
    with pytest.raises(DomainError) as bad:
        services.letter_save(
            call=call,
            decision="declined",
            language="fr",
            subject="Réponse",
            body="{montant}",
            by=cast.officer,
        )
    assert "{montant}" in bad.value.message
    services.letter_save(
        call=call,
        decision="declined",
        language="fr",
        subject="Votre candidature à {call}",
        body="Chère {applicant},\n\n{startup} n'est pas retenu.\n\nMotifs : {reasons}",
        by=cast.officer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            decision="declined",
            reasons="Le marché visé est trop étroit.",
            override_reason="Comité plénier du 5 décembre",
            by=cast.officer,
        )
    notification = Notification.objects.filter(user=applicant, kind="programs.decision").latest(
        "pk"
    )
    sent = [m for m in mailoutbox if applicant.email in m.to]
    assert sent and sent[-1].subject == f"Votre candidature à {call.title}"
    assert "Chère Amina Idrissi" in sent[-1].body and "trop étroit" in sent[-1].body
    assert notification is not None

    # The e-mail carries the letter as a PDF, in French, with the reasons.
    assert [(name, mimetype) for name, _c, mimetype in sent[-1].attachments] == [
        ("decision-agrisense-fr.pdf", "application/pdf")
    ]
    attached = _pdf_text(sent[-1].attachments[0][1])
    assert (
        "Motifs : Le marché visé est trop étroit." in attached and "Chère Amina Idrissi" in attached
    )

    client = cast.client(None)
    client.force_login(applicant)
    page = client.get(f"/programs/applications/{application.pk}/").content.decode()
    assert f'href="/programs/applications/{application.pk}/letter/"' in page
    response = client.get(f"/programs/applications/{application.pk}/letter/")
    assert response["Content-Type"] == "application/pdf"
    assert "decision-agrisense-fr.pdf" in response["Content-Disposition"]
    assert "Motifs : Le marché visé est trop étroit." in _pdf_text(response.content)
    letter = f"/programs/applications/{application.pk}/letter/"
    assert cast.client("other_member").get(letter).status_code == 404  # another startup's
    assert cast.client("owner").get(letter).status_code == 404
    assert cast.client("expert").get(letter).status_code == 403  # a reviewer: not theirs


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_an_arabic_applicant_gets_the_letter_in_arabic_right_to_left_by_email_and_download(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(cast)
    applicant = application.applicant
    applicant.language = "ar"
    applicant.save()
    _submit_review(application, cast.expert)
    services.letter_save(
        call=application.call,
        decision="waitlisted",
        language="ar",
        subject="قرار بشأن {startup}",
        body="السيدة {applicant}،\n\nالأسباب: {reasons}\n\nالخطوات التالية: {next_steps}",
        by=cast.officer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            decision="waitlisted",
            reasons="ملف متين لكن السوق ضيق",
            next_steps="قدموا طلبكم في الدعوة القادمة",
            by=cast.officer,
        )
    sent = [m for m in mailoutbox if applicant.email in m.to][-1]
    name, content, mimetype = sent.attachments[0]
    assert (name, mimetype) == ("decision-agrisense-ar.pdf", "application/pdf")
    text = _pdf_text(content)
    assert "ملف متين لكن السوق ضيق" in text and "قدموا طلبكم في الدعوة القادمة" in text
    assert "AgriSense" in text and "Amina Idrissi" in text
    application.refresh_from_db()
    html = letter_html(application)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<p dir="rtl">الأسباب: ملف متين لكن السوق ضيق</p>' in html
    assert '<bdi dir="ltr">Amina Idrissi</bdi>' in html

    # The staff download the same letter from the application's page, or read it in French.
    officer = cast.client("officer")
    page = officer.get(f"/programs/applications/{application.pk}/").content.decode()
    assert f"/programs/applications/{application.pk}/letter/?lang=fr" in page
    download = officer.get(f"/programs/applications/{application.pk}/letter/")
    assert _pdf_text(download.content) == text
    french = officer.get(f"/programs/applications/{application.pk}/letter/?lang=fr")
    assert "liste d'attente" in _pdf_text(french.content) and "ملف متين" in _pdf_text(
        french.content
    )
    assert (
        officer.get(f"/programs/applications/{application.pk}/letter/?lang=de").status_code == 404
    )


def test_the_letters_page_edits_one_letter_per_decision_and_language(cast):
    call = make_call(cast)
    officer = cast.client("officer")
    url = f"/programs/calls/{call.pk}/letters/"
    page = officer.get(url + "?decision=admitted&language=ar").content.decode()
    assert 'dir="rtl"' in page
    officer.post(
        url,
        {
            "decision": "admitted",
            "language": "ar",
            "subject": "قبول {startup}",
            "body": "مرحبا {applicant}",
        },
    )
    assert call.letters.get(decision="admitted", language="ar").subject == "قبول {startup}"
    assert cast.client("owner").get(url).status_code == 403


# --- Bulk decisions ---------------------------------------------------------------------


def test_bulk_decisions_list_the_letters_and_refuse_those_with_reviews_missing(cast):
    ready = make_application(cast)
    _submit_review(ready, cast.expert)
    waiting = Application.objects.create(
        call=ready.call,
        applicant=UserFactory(email="youssef@example.ma", full_name="Youssef Alami", language="ar"),
        project_name="DarTech",
        status="submitted",
        submitted_at=timezone.now(),
    )
    ReviewAssignment.objects.create(application=waiting, reviewer=cast.expert)
    officer = cast.client("officer")
    url = f"/programs/calls/{ready.call.pk}/decide/"
    assert "DarTech" in officer.get(url).content.decode()
    ids = [ready.pk, waiting.pk]
    confirm = officer.post(
        url, {"step": "confirm", "ids": ids, "decision": "declined", "reasons": "Hors cible"}
    )
    html = confirm.content.decode()
    ready_part, _, refused_part = html.partition("data-refused")
    assert "AgriSense" in ready_part and "DarTech" not in ready_part
    assert "DarTech" in refused_part and cast.expert.get_full_name() in refused_part
    assert Application.objects.get(pk=ready.pk).status == "submitted"  # nothing yet

    done = officer.post(
        url, {"step": "apply", "ids": ids, "decision": "declined", "reasons": "Hors cible"}
    )
    html = done.content.decode()
    assert "data-done" in html and "data-refused" in html
    assert Application.objects.get(pk=ready.pk).status == "declined"
    assert Application.objects.get(pk=waiting.pk).status == "submitted"
    assert cast.client("owner").get(url).status_code == 403


# --- The API ----------------------------------------------------------------------------


def test_api_a_founder_sees_only_their_own_application(cast):
    application = make_application(cast)
    applicant = application.applicant
    client = cast.client(None)
    client.force_login(applicant)
    mine = client.get("/api/v1/applications").json()
    assert [a["id"] for a in mine["items"]] == [application.pk] and mine["count"] == 1
    assert mine["items"][0]["reviews_missing"] == []  # the reviewers stay anonymous to them
    assert cast.client("other_member").get("/api/v1/applications").json()["count"] == 0
    assert (
        cast.client("other_member").get(f"/api/v1/applications/{application.pk}").status_code == 404
    )
    staff = (
        cast.client("officer")
        .get(f"/api/v1/applications?call={application.call_id}&status=submitted")
        .json()
    )
    assert staff["items"][0]["reviews_missing"] == [cast.expert.get_full_name()]
    assert cast.client("officer").get("/api/v1/applications?status=admitted").json()["count"] == 0


def test_api_decision_is_a_409_naming_the_missing_reviewers(cast):
    application = make_application(cast)
    officer = cast.client("officer")
    url = f"/api/v1/applications/{application.pk}/decision"
    body = {"decision": "declined", "reasons": "Hors cible"}
    r = officer.post(url, json.dumps(body), content_type="application/json")
    assert r.status_code == 409
    assert r.json()["code"] == "reviews_missing"
    assert r.json()["missing"] == [cast.expert.get_full_name()]
    assert Application.objects.get(pk=application.pk).status == "submitted"
    bad = officer.post(url, json.dumps({"decision": "maybe"}), content_type="application/json")
    assert bad.status_code == 400
    assert (
        cast.client("expert")
        .post(url, json.dumps(body), content_type="application/json")
        .status_code
        == 403
    )
    r = officer.post(
        url,
        json.dumps({**body, "override_reason": "Comité souverain"}),
        content_type="application/json",
    )
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["override_reason"]) == ("declined", "Comité souverain")

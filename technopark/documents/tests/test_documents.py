"""The vault as its users meet it: who reaches a document, what a file must be, how it is
sent, the versions kept, the requests and their reminders, the staff's private notes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.core import clock
from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.documents.models import Document, DocumentRequest
from technopark.documents.services import (
    document_request_decide,
    document_upload,
    expiry_reminders_send,
    request_reminders_send,
)
from technopark.documents.tests.fixtures import PDF, doc_type, make_document, make_request, pdf
from technopark.notifications.models import Notification
from technopark.startups.models import StaffNote

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


# --- Who reaches what ----------------------------------------------------------------------


def test_a_founder_never_reaches_another_startups_documents(cast):
    theirs = make_document(cast.other, cast.other_member)
    mine = make_document(cast.own, cast.owner)
    client = cast.client("owner")
    for path in (
        f"/documents/vault/{cast.other.ref}/",
        f"/documents/{theirs.pk}/",
        f"/documents/{theirs.pk}/download/",
        f"/api/v1/documents/{theirs.pk}",
        f"/api/v1/documents/{theirs.pk}/download",
    ):
        assert client.get(path).status_code == 404, path
    listed = client.get("/api/v1/documents").json()
    assert [d["id"] for d in listed["items"]] == [mine.pk]
    assert client.get("/api/v1/documents", {"startup": cast.other.ref}).json()["count"] == 0
    # Nor can they drop a file into the other startup's vault.
    response = client.post(
        "/api/v1/documents", {"startup": cast.other.ref, "type": "statuts", "file": pdf()}
    )
    assert response.status_code == 404
    assert not Document.objects.filter(startup=cast.other, doc_type__code="statuts").exists()


def test_the_staff_of_another_site_and_an_expert_see_nothing(cast):
    doc = make_document(cast.own, cast.owner)
    for who in ("other_site_staff", "expert"):
        client = cast.client(who)
        assert client.get(f"/documents/{doc.pk}/download/").status_code == 404
        assert client.get("/api/v1/documents").json()["count"] == 0


def test_the_vault_lists_current_documents_and_the_site_staff_sees_them(cast):
    make_document(cast.own, cast.owner, expires_on=clock.today() - dt.timedelta(days=2))
    page = cast.client("site_manager").get(f"/documents/vault/{cast.own.ref}/").content.decode()
    assert "Tax certificate" in page and "expired" in page
    assert f'<h1 class="h3 mb-0">Document vault of {cast.own.name}</h1>' in page


def test_the_request_filter_reads_capitalised_statuses(cast):
    page = cast.client("site_manager").get("/documents/requests/").content.decode()
    for label in ("Open", "Submitted", "Accepted", "Sent back", "Overdue"):
        assert f">{label}</option>" in page, label


# --- What a file must be -------------------------------------------------------------------


def test_an_exe_renamed_pdf_is_refused_with_a_clear_message_and_nothing_stored(cast):
    client = cast.client("owner")
    response = client.post(
        f"/documents/vault/{cast.own.ref}/upload/",
        {"doc_type": doc_type("statuts").pk, "file": SimpleUploadedFile("statuts.pdf", EXE)},
    )
    assert response.status_code == 400
    assert "This type of file is not accepted" in response.content.decode()
    api = client.post(
        "/api/v1/documents",
        {"startup": cast.own.ref, "type": "statuts", "file": SimpleUploadedFile("s.pdf", EXE)},
    )
    assert api.status_code == 400 and api.json()["code"] == "invalid_file"
    assert not Document.objects.exists()


def test_a_file_over_the_size_limit_is_refused(cast, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    big = pdf("plan.pdf", PDF + b"0" * 2048)
    with pytest.raises(DomainError) as refused:
        document_upload(
            startup=cast.own, doc_type=doc_type("business_plan"), file=big, by=cast.owner
        )
    assert "too large" in refused.value.message
    response = cast.client("owner").post(
        f"/documents/vault/{cast.own.ref}/upload/",
        {"doc_type": doc_type("business_plan").pk, "file": pdf("plan.pdf", PDF + b"0" * 2048)},
    )
    assert response.status_code == 400 and "too large" in response.content.decode()
    assert not Document.objects.exists()


def test_an_expiry_before_the_issue_date_is_refused(cast):
    with pytest.raises(DomainError, match="expiry date comes before"):
        document_upload(
            startup=cast.own,
            doc_type=doc_type(),
            file=pdf(),
            issued_on=clock.today() - dt.timedelta(days=3),
            expires_on=clock.today() - dt.timedelta(days=30),
            by=cast.owner,
        )


def test_a_download_is_an_attachment_never_sniffed_and_sandboxed(cast):
    doc = make_document(cast.own, cast.owner)
    assert re.fullmatch(r"documents/[0-9a-f]{16}/statuts\.pdf", doc.file.name)  # unguessable
    for path in (f"/documents/{doc.pk}/download/", f"/api/v1/documents/{doc.pk}/download"):
        response = cast.client("officer").get(path)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == PDF


def test_the_api_declares_the_content_type_a_download_is_sent_with(cast):
    # A generated client reads the answer by its declared type (the fuzzer found PDFs
    # answered as an undeclared application/pdf).
    doc = make_document(cast.own, cast.owner)
    schema = cast.client("officer").get("/api/v1/openapi.json").json()
    declared = schema["paths"]["/api/v1/documents/{document_id}/download"]["get"]["responses"]
    response = cast.client("officer").get(f"/api/v1/documents/{doc.pk}/download")
    assert response["Content-Type"] in declared["200"]["content"]


def test_replacing_a_document_keeps_the_versions_before(cast):
    first = make_document(cast.own, cast.owner)
    response = cast.client("colleague").post(
        f"/documents/vault/{cast.own.ref}/upload/",
        {"doc_type": first.doc_type_id, "file": pdf("attestation-2.pdf"), "replaces": first.pk},
    )
    assert response.status_code == 302
    second = Document.objects.get(previous=first)
    first.refresh_from_db()
    assert (first.is_current, second.is_current, second.version) == (False, True, 2)
    page = cast.client("owner").get(f"/documents/{second.pk}/").content.decode()
    assert "attestation-2.pdf" in page and "statuts.pdf" in page  # both versions listed
    assert cast.client("owner").get(f"/documents/{first.pk}/download/").status_code == 200
    with pytest.raises(DomainError):  # an old version is not replaced again
        document_upload(
            startup=cast.own, doc_type=first.doc_type, file=pdf(), replaces=first, by=cast.owner
        )


# --- The daily reminders -------------------------------------------------------------------


def test_expiry_reminders_go_once_and_expired_documents_are_flagged_once(cast):
    today = clock.today()
    soon = make_document(cast.own, cast.owner, expires_on=today + dt.timedelta(days=5))
    gone = make_document(
        cast.own, cast.owner, code="attestation_cnss", expires_on=today - dt.timedelta(days=1)
    )
    make_document(cast.own, cast.owner, code="ice")  # no expiry: never reminded
    assert expiry_reminders_send(today=today) == (1, 1)
    assert expiry_reminders_send(today=today) == (0, 0)
    assert expiry_reminders_send(today=today + dt.timedelta(days=1)) == (0, 0)
    soon.refresh_from_db()
    gone.refresh_from_db()
    assert soon.expiry_reminded_on == today and gone.expired_flagged_on == today
    owners = Notification.objects.filter(user=cast.owner, kind="documents.expiring")
    assert owners.count() == 2  # one each, to each member
    assert Notification.objects.filter(user=cast.colleague, kind="documents.expiring").count() == 2
    # Six days later the first has expired: flagged, once.
    assert expiry_reminders_send(today=today + dt.timedelta(days=6)) == (0, 1)
    assert expiry_reminders_send(today=today + dt.timedelta(days=6)) == (0, 0)


def test_request_reminders_before_and_after_the_due_date_go_once(cast):
    req = make_request(cast.own, cast.site_manager, due_in=2)
    today = clock.today()
    assert request_reminders_send(today=today) == 1  # due within 3 days
    assert request_reminders_send(today=today) == 0
    assert request_reminders_send(today=today + dt.timedelta(days=1)) == 0
    late = today + dt.timedelta(days=3)
    assert request_reminders_send(today=late) == 1  # overdue now
    assert request_reminders_send(today=late) == 0
    kinds = Notification.objects.filter(user=cast.owner).values_list("kind", flat=True)
    assert sorted(kinds) == ["documents.request_reminder"] * 2 + ["documents.requested"]
    # Answered requests are never reminded.
    answered = make_request(cast.own, cast.site_manager, code="ice", due_in=1)
    document_upload(
        startup=cast.own, doc_type=answered.doc_type, file=pdf(), request=answered, by=cast.owner
    )
    assert request_reminders_send(today=today) == 0
    req.refresh_from_db()
    assert req.shown_status(late) == "overdue"


# --- Requests ------------------------------------------------------------------------------


def test_staff_ask_several_startups_and_a_founder_answers_from_the_request(cast):
    from technopark.startups.models import Startup

    third = cast.own.__class__.objects.create(ref="THIRD-1", name="Third", public=False)
    from technopark.house.testing import EnrollmentFactory

    EnrollmentFactory(startup=third, site=cast.site, started_on=dt.date(2022, 1, 1))
    staff = cast.client("site_manager")
    form = staff.get("/documents/requests/new/").content.decode()
    assert "Own Startup" in form and "Third" in form and "Other Startup" not in form
    due = (clock.today() + dt.timedelta(days=15)).isoformat()
    response = staff.post(
        "/documents/requests/new/",
        {
            "startups": [cast.own.pk, third.pk],
            "doc_type": doc_type("attestation_cnss").pk,
            "due_on": due,
            "message": "Pour le comité de suivi.",
        },
    )
    assert response.status_code == 302
    assert DocumentRequest.objects.count() == 2
    assert Startup.objects.filter(document_requests__isnull=False).count() == 2
    req = DocumentRequest.objects.get(startup=cast.own)
    assert Action.objects.filter(name="document.requested", startup_id=cast.own.pk).exists()

    # The founder sees it in the workspace and sends the file from the request.
    founder = cast.client("owner")
    workspace = founder.get(f"/startups/{cast.own.ref}/workspace/").content.decode()
    assert f"/documents/requests/{req.pk}/" in workspace
    response = founder.post(
        f"/documents/requests/{req.pk}/",
        {"action": "upload", "doc_type": req.doc_type_id, "file": pdf("cnss.pdf")},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "submitted" and req.document.original_name == "cnss.pdf"
    assert Action.objects.filter(name="document_request.fulfilled", object_id=str(req.pk)).exists()
    assert Notification.objects.filter(
        user=cast.site_manager, kind="documents.request_submitted"
    ).exists()
    # A founder does not decide.
    assert (
        founder.post(
            f"/documents/requests/{req.pk}/", {"action": "decide", "decision": "accept"}
        ).status_code
        == 403
    )

    # Sent back without a word: refused, nothing changed; with a comment: it awaits again.
    response = staff.post(
        f"/documents/requests/{req.pk}/", {"action": "decide", "decision": "send_back"}
    )
    assert response.status_code == 400 and "Say what is missing" in response.content.decode()
    req.refresh_from_db()
    assert req.status == "submitted"
    sent_back = staff.post(
        f"/documents/requests/{req.pk}/",
        {"action": "decide", "decision": "send_back", "comment": "Attestation périmée."},
        follow=True,
    )
    req.refresh_from_db()
    assert req.status == "sent_back"
    assert [str(m) for m in sent_back.context["messages"]] == [
        "Sent back to the startup with your comment."
    ]
    assert "Attestation périmée." in founder.get(f"/documents/requests/{req.pk}/").content.decode()
    api = founder.get("/api/v1/document-requests").json()
    assert [(r["id"], r["status"]) for r in api["items"]] == [(req.pk, "sent_back")]


def test_a_request_notification_is_in_each_members_language(cast):
    cast.owner.language = "ar"
    cast.owner.save(update_fields=["language"])
    cast.colleague.language = "en"
    cast.colleague.save(update_fields=["language"])
    make_request(cast.own, cast.site_manager, code="attestation_fiscale")
    arabic = Notification.objects.get(user=cast.owner, kind="documents.requested")
    english = Notification.objects.get(user=cast.colleague, kind="documents.requested")
    assert "شهادة جبائية" in arabic.title
    assert "Tax certificate" in english.title


def test_a_due_date_in_the_past_is_refused(cast):
    response = cast.client("site_manager").post(
        "/documents/requests/new/",
        {
            "startups": [cast.own.pk],
            "doc_type": doc_type().pk,
            "due_on": (clock.today() - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200 and "cannot be in the past" in response.content.decode()
    assert not DocumentRequest.objects.exists()


def test_accepting_twice_is_refused(cast):
    req = make_request(cast.own, cast.site_manager)
    document_upload(startup=cast.own, doc_type=req.doc_type, file=pdf(), request=req, by=cast.owner)
    document_request_decide(request=req, accept=True, by=cast.site_manager)
    with pytest.raises(DomainError):
        document_request_decide(request=req, accept=True, by=cast.site_manager)


# --- The staff page and its notes ----------------------------------------------------------


def test_staff_notes_are_never_shown_to_the_startups_members(cast):
    secret = "Le fondateur hésite à lever des fonds: à suivre de près."
    staff = cast.client("officer")
    response = staff.post(f"/startups/{cast.own.ref}/staff/", {"text": secret})
    assert response.status_code == 302
    note = StaffNote.objects.get()
    assert note.author == cast.officer
    page = staff.get(f"/startups/{cast.own.ref}/staff/").content.decode()
    assert "Le fondateur hésite" in page
    for member in ("owner", "colleague"):
        client = cast.client(member)
        assert client.get(f"/startups/{cast.own.ref}/staff/").status_code == 403
        for path in (
            f"/startups/{cast.own.ref}/",
            f"/startups/{cast.own.ref}/workspace/",
            f"/documents/vault/{cast.own.ref}/",
        ):
            assert "Le fondateur" not in client.get(path).content.decode(), path
        assert client.post(f"/startups/{cast.own.ref}/staff/", {"text": "x"}).status_code == 403
    # Nor through the actions members may read (webhooks' scope).
    from technopark.webhooks.permissions import visible_actions

    assert not visible_actions(cast.owner).filter(name="note.added").exists()
    assert visible_actions(cast.officer).filter(name="note.added").exists()
    assert StaffNote.objects.count() == 1


def test_an_empty_note_is_refused(cast):
    response = cast.client("site_manager").post(f"/startups/{cast.own.ref}/staff/", {"text": "  "})
    assert response.status_code == 200
    assert not StaffNote.objects.exists()


def test_the_staff_timeline_holds_documents_requests_and_notes_and_filters_by_kind(cast):
    make_document(cast.own, cast.owner)
    make_request(cast.own, cast.site_manager)
    cast.client("site_manager").post(f"/startups/{cast.own.ref}/staff/", {"text": "Visite faite."})
    staff = cast.client("site_manager")
    everything = staff.get(f"/startups/{cast.own.ref}/staff/").content.decode()
    assert "Document added" in everything and "Document requested" in everything
    assert "Visite faite." in everything
    docs = staff.get(f"/startups/{cast.own.ref}/staff/", {"kind": "documents"}).content.decode()
    assert "Document added" in docs and "Visite faite." not in docs
    notes = staff.get(f"/startups/{cast.own.ref}/staff/", {"kind": "notes"}).content.decode()
    assert "Visite faite." in notes and "Document added" not in notes


def test_a_document_sent_back_leaves_the_vault_and_the_one_before_stands_again(cast):
    """The founder answered a request with the wrong file, staff sent it back: the vault
    went on showing that file as the startup's attestation in force ("valide"). It leaves
    the current documents, the version before is current again, and the next answer
    follows that one."""
    old = make_document(cast.own, cast.owner, code="attestation_fiscale")
    req = make_request(cast.own, cast.site_manager, code="attestation_fiscale")
    wrong = document_upload(
        startup=cast.own, doc_type=req.doc_type, file=pdf("wrong.pdf"), request=req, by=cast.owner
    )
    assert Document.objects.filter(startup=cast.own, is_current=True).get() == wrong
    document_request_decide(request=req, accept=False, comment="Non signée.", by=cast.site_manager)
    old.refresh_from_db()
    wrong.refresh_from_db()
    assert old.is_current and not wrong.is_current
    vault = cast.client("owner").get(f"/documents/vault/{cast.own.ref}/").content.decode()
    assert "wrong.pdf" not in vault.split("<table", 1)[1]
    right = document_upload(
        startup=cast.own, doc_type=req.doc_type, file=pdf("right.pdf"), request=req, by=cast.owner
    )
    assert right.previous == old and right.is_current
    old.refresh_from_db()
    assert not old.is_current
    document_request_decide(request=req, accept=True, by=cast.site_manager)
    assert Document.objects.filter(startup=cast.own, is_current=True).get() == right

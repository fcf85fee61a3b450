"""Electronic signatures: each state, the one-time code, consent, the sealed PDF validated
with pyHanko, the contract signed through hosting, who sees what."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import timezone

from technopark.core import clock
from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.hosting.models import Lease
from technopark.notifications.models import EmailLog, Notification
from technopark.signatures import pdf, services
from technopark.signatures.daily import daily
from technopark.signatures.models import SignatureRequest, Signer
from technopark.signatures.tests.helpers import (
    a_pdf,
    contract_request,
    document_request,
    draft_lease,
    sign,
)

pytestmark = pytest.mark.django_db


def signer_of(request, user) -> Signer:
    return request.signers.get(user=user)


def actions(name: str) -> int:
    return Action.objects.filter(name=name).count()


# --- Asking -----------------------------------------------------------------------------------


def test_a_contract_request_keeps_the_pdf_and_invites_only_the_first_in_order(cast):
    request = contract_request(cast)
    assert request.status == SignatureRequest.Status.SENT
    data = request.original.open("rb").read()
    assert data.startswith(b"%PDF") and pdf.sha256(data) == request.original_sha256
    invited = Notification.objects.filter(kind="signatures.requested")
    assert [n.user for n in invited] == [cast.owner]
    assert actions("signature.requested") == 1


def test_without_order_everyone_is_invited_at_once(cast):
    document_request(cast)
    invited = {n.user for n in Notification.objects.filter(kind="signatures.requested")}
    assert invited == {cast.owner, cast.site_manager}


def test_a_signer_outside_the_startup_and_its_site_is_refused(cast):
    with pytest.raises(DomainError) as error:
        document_request(cast, signers=[cast.owner, cast.other_member])
    assert error.value.code == "bad_signer"
    assert not SignatureRequest.objects.exists()


def test_only_a_pdf_is_sent_for_signature(cast):
    fake = SimpleUploadedFile("avenant.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(DomainError):
        document_request(cast, file=fake)
    assert not SignatureRequest.objects.exists()


def test_only_a_draft_contract_and_only_one_request_at_a_time(cast):
    contract_request(cast)
    with pytest.raises(DomainError) as error:
        contract_request(cast)
    assert error.value.code == "already_open"
    lease = Lease.objects.get(startup=cast.own, space__code="A-101")
    with pytest.raises(DomainError) as error:
        services.signature_request_create(
            kind="contract",
            startup=cast.own,
            site=cast.site,
            target=lease,
            title="x",
            language="fr",
            signers=[cast.owner],
            expires_on=clock.today() + dt.timedelta(days=3),
            by=cast.site_manager,
        )
    assert error.value.code == "bad_state"


def test_a_program_officer_may_not_ask(cast):
    with pytest.raises(DomainError):
        services.signature_request_create(
            kind="contract",
            startup=cast.own,
            site=cast.site,
            target=draft_lease(cast),
            title="x",
            language="fr",
            signers=[cast.owner],
            expires_on=clock.today() + dt.timedelta(days=3),
            by=cast.officer,
        )


# --- Viewing, signing, the whole way ------------------------------------------------------------


def test_opening_the_document_marks_it_viewed(cast):
    request = document_request(cast)
    response = cast.client("owner").get(f"/signatures/{request.pk}/document.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.VIEWED
    assert signer_of(request, cast.owner).status == Signer.Status.VIEWED
    assert signer_of(request, cast.site_manager).viewed_at is None


def test_a_contract_signed_by_all_is_sealed_and_becomes_signed(cast):
    request = contract_request(cast)
    lease = draft_lease(cast)
    sign(signer_of(request, cast.owner))
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.PARTLY_SIGNED
    assert not request.final
    # the next in order is invited only now
    assert Notification.objects.filter(kind="signatures.requested", user=cast.site_manager).exists()
    lease.refresh_from_db()
    assert lease.status == Lease.Status.DRAFT

    sign(signer_of(request, cast.site_manager))
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.SIGNED
    assert request.completion_note == ""
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ACTIVE and lease.signed_on == clock.today()
    final = request.final.open("rb").read()
    assert lease.signed_scan and lease.signed_scan.open("rb").read() == final
    assert pdf.sha256(final) == request.final_sha256
    assert actions("signature.signed") == 2
    assert actions("signature.completed") == 1 and actions("contract.signed") == 1
    owner = signer_of(request, cast.owner)
    assert owner.ip_address == "196.200.131.7" and owner.document_sha256 == request.original_sha256
    assert "I sign it electronically" in owner.consent_text
    assert Notification.objects.filter(kind="signatures.completed", user=cast.owner).exists()


def test_the_final_pdf_validates_with_pyhanko(cast):
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pypdf import PdfReader

    request = document_request(cast, language="en")
    sign(signer_of(request, cast.owner))
    sign(signer_of(request, cast.site_manager))
    request.refresh_from_db()
    final = request.final.open("rb").read()
    status = pdf.validate(final)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["organization_name"] == pdf.DEMO_ORGANISATION
    original = PdfReader(io.BytesIO(request.original.open("rb").read()))
    reader = PdfReader(io.BytesIO(final))
    assert len(reader.pages) == len(original.pages) + 1
    assert "Avenant n°1" in reader.pages[0].extract_text()
    evidence = " ".join(reader.pages[-1].extract_text().split())
    assert "Evidence of electronic signature" in evidence
    assert cast.owner.email in evidence and "196.200.131.7" in evidence
    assert request.original_sha256[:32] in evidence.replace(" ", "")
    assert "Demo certificate" in evidence
    assert request.sealed_with_demo_certificate


def test_a_changed_final_pdf_no_longer_validates(cast):
    request = document_request(cast, signers=[cast.owner])
    sign(signer_of(request, cast.owner))
    request.refresh_from_db()
    final = bytearray(request.final.open("rb").read())
    at = final.index(b"stream") + 20  # a byte of the first page's content, same length
    final[at] ^= 0x01
    status = pdf.validate(bytes(final))
    assert not (status.intact and status.valid)


def test_the_evidence_page_is_in_arabic_for_an_arabic_request(cast):
    from pypdf import PdfReader

    request = contract_request(cast, language="ar", in_order=False)
    sign(signer_of(request, cast.owner))
    sign(signer_of(request, cast.site_manager))
    request.refresh_from_db()
    final = request.final.open("rb").read()
    assert pdf.validate(final).intact
    text = PdfReader(io.BytesIO(final)).pages[-1].extract_text()
    assert "SHA-256" in text and cast.owner.email in text
    html = render_to_string(
        "signatures/evidence.html",
        services.evidence_context(request, demo=True) | {"lang": "ar", "bidi": True},
    )
    assert '<html lang="ar" dir="rtl">' in html


def test_in_order_the_second_cannot_sign_first(cast):
    request = contract_request(cast)
    with pytest.raises(DomainError) as error:
        services.signature_code_send(
            signer=signer_of(request, cast.site_manager), by=cast.site_manager
        )
    assert error.value.code == "not_your_turn"


# --- The one-time code -------------------------------------------------------------------------


def test_the_code_is_emailed_hashed_at_rest_and_never_in_the_app(cast):
    request = document_request(cast)
    signer = signer_of(request, cast.owner)
    code = services.signature_code_send(signer=signer, by=cast.owner)
    signer.refresh_from_db()
    assert len(code) == 6 and code.isdigit()
    assert code not in signer.code_hash and len(signer.code_hash) == 64
    assert signer.code_expires_at - timezone.now() <= dt.timedelta(minutes=10)
    log = EmailLog.objects.get(kind="signatures.code")
    assert log.to_address == cast.owner.email and code in log.body_text
    assert not Notification.objects.filter(kind="signatures.code").exists()


def test_a_wrong_code_is_refused_and_counted_until_the_code_is_void(cast):
    request = document_request(cast)
    signer = signer_of(request, cast.owner)
    code = services.signature_code_send(signer=signer, by=cast.owner)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(DomainError) as error:
            sign(signer, code=wrong)
        assert error.value.code == "wrong_code" and str(left) in error.value.message
    with pytest.raises(DomainError) as error:
        sign(signer, code=wrong)
    assert error.value.code == "too_many_attempts"
    with pytest.raises(DomainError) as error:  # even the right code, now
        sign(signer, code=code)
    assert error.value.code == "too_many_attempts"
    signer.refresh_from_db()
    assert signer.status == Signer.Status.WAITING and signer.code_attempts == 5


def test_an_expired_code_is_refused(cast):
    request = document_request(cast)
    signer = signer_of(request, cast.owner)
    code = services.signature_code_send(signer=signer, by=cast.owner)
    Signer.objects.filter(pk=signer.pk).update(
        code_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(DomainError) as error:
        sign(signer, code=code)
    assert error.value.code == "code_expired"
    assert signer_of(request, cast.owner).status == Signer.Status.WAITING


def test_a_new_code_waits_a_minute_and_replaces_the_old(cast):
    request = document_request(cast)
    signer = signer_of(request, cast.owner)
    first = services.signature_code_send(signer=signer, by=cast.owner)
    with pytest.raises(DomainError) as error:
        services.signature_code_send(signer=signer, by=cast.owner)
    assert error.value.code == "too_soon"
    Signer.objects.filter(pk=signer.pk).update(
        code_sent_at=timezone.now() - dt.timedelta(seconds=61)
    )
    signer.refresh_from_db()
    second = services.signature_code_send(signer=signer, by=cast.owner)
    if second != first:
        with pytest.raises(DomainError):
            sign(signer, code=first)
    sign(signer, code=second)
    assert signer_of(request, cast.owner).status == Signer.Status.SIGNED


def test_consent_is_required(cast):
    request = document_request(cast)
    signer = signer_of(request, cast.owner)
    with pytest.raises(DomainError) as error:
        sign(signer, consent=False)
    assert error.value.code == "consent_required"
    assert signer_of(request, cast.owner).status == Signer.Status.WAITING


def test_a_document_other_than_the_one_shown_is_refused(cast):
    request = document_request(cast)
    with pytest.raises(DomainError) as error:
        sign(signer_of(request, cast.owner), sha="0" * 64)
    assert error.value.code == "document_changed"


def test_nobody_signs_for_someone_else(cast):
    request = document_request(cast)
    signer = signer_of(request, cast.owner)
    code = services.signature_code_send(signer=signer, by=cast.owner)
    with pytest.raises(DomainError):
        services.signature_sign(
            signer=signer,
            code=code,
            consent=True,
            document_sha256=request.original_sha256,
            ip_address="10.0.0.1",
            user_agent="x",
            by=cast.colleague,
        )


# --- Declining, cancelling, expiring -------------------------------------------------------------


def test_declining_needs_a_reason_and_closes_the_request(cast):
    request = document_request(cast)
    signer = signer_of(request, cast.owner)
    with pytest.raises(DomainError) as error:
        services.signature_decline(signer=signer, reason="  ", by=cast.owner)
    assert error.value.code == "reason_missing"
    services.signature_decline(
        signer=signer, reason="La surface indiquée est fausse.", by=cast.owner
    )
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.DECLINED
    assert request.declined_reason == "La surface indiquée est fausse."
    assert actions("signature.declined") == 1
    told = {n.user for n in Notification.objects.filter(kind="signatures.declined")}
    assert told == {cast.site_manager}
    with pytest.raises(DomainError) as error:
        sign(signer_of(request, cast.site_manager))
    assert error.value.code == "closed"


def test_a_cancelled_request_can_no_longer_be_signed(cast):
    request = document_request(cast)
    services.signature_request_cancel(request=request, by=cast.site_manager)
    assert request.status == SignatureRequest.Status.CANCELLED
    with pytest.raises(DomainError):
        sign(signer_of(request, cast.owner))
    with pytest.raises(DomainError):
        services.signature_request_cancel(request=request, by=cast.site_manager)


def test_the_daily_job_expires_open_requests_past_their_date(cast):
    request = document_request(cast)
    sign(signer_of(request, cast.owner))
    done = document_request(cast, signers=[cast.owner])
    sign(signer_of(done, cast.owner))
    later = clock.today() + dt.timedelta(days=16)
    assert daily(later) == "1 expired request(s)"
    request.refresh_from_db()
    done.refresh_from_db()
    assert request.status == SignatureRequest.Status.EXPIRED
    assert done.status == SignatureRequest.Status.SIGNED
    assert actions("signature.expired") == 1


# --- The pages ----------------------------------------------------------------------------------


def test_signing_from_the_phone_page(cast):
    request = document_request(cast, signers=[cast.owner])
    client = cast.client("owner")
    page = client.get(f"/signatures/{request.pk}/sign/")
    assert page.status_code == 200 and request.original_sha256 in page.content.decode()
    client.post(f"/signatures/{request.pk}/code/")
    code = EmailLog.objects.get(kind="signatures.code").body_text.split(": ")[1][:6]
    refused = client.post(
        f"/signatures/{request.pk}/sign/",
        {"code": code, "document_sha256": request.original_sha256},
    )
    assert refused.status_code == 400
    assert "Tick the box" in refused.content.decode()
    done = client.post(
        f"/signatures/{request.pk}/sign/",
        {"code": code, "consent": "on", "document_sha256": request.original_sha256},
        HTTP_USER_AGENT="Mozilla/5.0 (iPhone)",
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.SIGNED
    assert signer_of(request, cast.owner).user_agent == "Mozilla/5.0 (iPhone)"
    final = client.get(f"/signatures/{request.pk}/signed.pdf")
    assert final.status_code == 200


def test_the_sign_page_in_arabic_is_right_to_left(cast):
    request = document_request(cast, signers=[cast.owner])
    cast.owner.language = "ar"
    cast.owner.save(update_fields=["language"])
    client = cast.client("owner")
    page = client.get(f"/signatures/{request.pk}/sign/", HTTP_ACCEPT_LANGUAGE="ar")
    assert 'dir="rtl"' in page.content.decode()


def test_a_founder_never_sees_another_startups_requests(cast):
    request = document_request(cast)
    client = cast.client("other_member")
    assert request.title not in client.get("/signatures/").content.decode()
    for path in ("", "document.pdf", "sign/"):
        assert client.get(f"/signatures/{request.pk}/{path}").status_code == 404
    sign(signer_of(request, cast.owner))
    sign(signer_of(request, cast.site_manager))
    assert client.get(f"/signatures/{request.pk}/signed.pdf").status_code == 404
    assert cast.client("colleague").get(f"/signatures/{request.pk}/signed.pdf").status_code == 200


def test_the_contract_page_offers_electronic_signature_to_its_managers(cast):
    lease = draft_lease(cast)
    page = cast.client("site_manager").get(f"/hosting/{cast.site.code}/contracts/{lease.pk}/")
    assert f"/signatures/contract/{lease.pk}/" in page.content.decode()
    page = cast.client("officer").get(f"/hosting/{cast.site.code}/contracts/{lease.pk}/")
    assert f"/signatures/contract/{lease.pk}/" not in page.content.decode()


def test_asking_from_the_contract_page(cast):
    lease = draft_lease(cast)
    client = cast.client("site_manager")
    page = client.get(f"/signatures/contract/{lease.pk}/")
    assert page.status_code == 200 and cast.owner.email in page.content.decode()
    response = client.post(
        f"/signatures/contract/{lease.pk}/",
        {
            "title": "Contrat A-250",
            "language": "fr",
            "signers": [cast.owner.pk, cast.site_manager.pk],
            "in_order": "on",
            "expires_on": (clock.today() + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    request = SignatureRequest.objects.get()
    assert (request.kind, request.object_id, request.in_order) == ("contract", lease.pk, True)
    assert list(request.signers.values_list("user", flat=True)) == [
        cast.owner.pk,
        cast.site_manager.pk,
    ]


def test_uploading_a_pdf_for_a_startup(cast):
    client = cast.client("site_manager")
    url = f"/signatures/new/?startup={cast.own.ref}"
    bad = client.post(
        url,
        {
            "title": "Avenant",
            "language": "fr",
            "signers": [cast.owner.pk],
            "expires_on": (clock.today() + dt.timedelta(days=10)).isoformat(),
            "file": SimpleUploadedFile("avenant.pdf", b"hello", "application/pdf"),
        },
    )
    assert bad.status_code == 200 and not SignatureRequest.objects.exists()
    good = client.post(
        url,
        {
            "title": "Avenant",
            "language": "fr",
            "signers": [cast.owner.pk],
            "expires_on": (clock.today() + dt.timedelta(days=10)).isoformat(),
            "file": SimpleUploadedFile("avenant.pdf", a_pdf(), "application/pdf"),
        },
    )
    assert good.status_code == 302
    assert SignatureRequest.objects.get().kind == "document"


def test_when_hosting_refuses_the_signatures_stand_and_the_staff_see_why(cast):
    from technopark.house.testing import LeaseFactory

    request = contract_request(cast, in_order=False)
    lease = draft_lease(cast)
    sign(signer_of(request, cast.owner))
    LeaseFactory(
        startup=cast.other, space=lease.space, starts_on=lease.starts_on - dt.timedelta(days=5)
    )
    sign(signer_of(request, cast.site_manager))
    request.refresh_from_db()
    lease.refresh_from_db()
    assert request.status == SignatureRequest.Status.SIGNED and request.final
    assert lease.status == Lease.Status.DRAFT
    assert lease.space.code in request.completion_note
    page = cast.client("site_manager").get(f"/signatures/{request.pk}/")
    assert request.completion_note in page.content.decode()


def test_the_members_present_sign_a_committee_s_approved_minutes(cast):
    """The minutes once approved: sent from the session's page to its members present (the
    chair last), signed by each, sealed; a founder never reaches them."""
    from pypdf import PdfReader

    from technopark.committee import services as committee
    from technopark.committee.tests.fixtures import make_session
    from technopark.committee.tests.test_committee import _decide_everything

    session = make_session(cast, held=True)
    officer = cast.client("officer")
    # Not before the chair approved them.
    officer.post(f"/signatures/minutes/{session.pk}/")
    assert not SignatureRequest.objects.filter(kind="minutes").exists()
    _decide_everything(cast, session)
    committee.minutes_approve(session=session, by=cast.officer)
    page = officer.get(f"/committee/{session.pk}/").content.decode()
    assert f'action="/signatures/minutes/{session.pk}/"' in page
    assert cast.client("owner").post(f"/signatures/minutes/{session.pk}/").status_code == 404
    officer.post(f"/signatures/minutes/{session.pk}/", {"language": "ar"})
    request = SignatureRequest.objects.get(kind="minutes", object_id=session.pk)
    assert request.startup_id is None and request.site_id == cast.site.pk
    signers = list(request.signers.order_by("position").values_list("user_id", flat=True))
    assert signers[-1] == cast.officer.pk and len(signers) == 3  # the chair last
    for signer in request.signers.order_by("position"):
        sign(signer)
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.SIGNED
    final = request.final.open("rb").read()
    assert pdf.validate(final).intact
    assert len(PdfReader(io.BytesIO(final)).pages) >= 2
    # The sitting expert signs too, and reads the sealed minutes; a founder does not.
    expert = request.signers.exclude(user__in=[cast.officer, cast.site_manager]).get().user
    assert cast.client(None).get(f"/signatures/{request.pk}/signed.pdf").status_code in (302, 404)
    assert cast.client("owner").get(f"/signatures/{request.pk}/signed.pdf").status_code == 404
    from django.test import Client

    member = Client()
    member.force_login(expert)
    assert member.get(f"/signatures/{request.pk}/signed.pdf").status_code == 200


def test_the_minutes_to_sign_are_titled_in_their_own_language(cast):
    """An officer reading the site in Arabic sent the French minutes: their title was
    Arabic, and every French signer read an Arabic title over a French document."""
    from technopark.committee import services as committee
    from technopark.committee.tests.fixtures import make_session
    from technopark.committee.tests.test_committee import _decide_everything

    session = make_session(cast, held=True)
    _decide_everything(cast, session)
    committee.minutes_approve(session=session, by=cast.officer)
    officer = cast.client("officer")
    officer.post(
        f"/signatures/minutes/{session.pk}/", {"language": "fr"}, HTTP_ACCEPT_LANGUAGE="ar"
    )
    request = SignatureRequest.objects.get(kind="minutes", object_id=session.pk)
    assert request.language == "fr"
    assert request.title.startswith("Procès-verbal du comité du "), request.title


def test_a_sent_request_reads_as_a_status_not_the_column_sent(cast):
    """ "Sent" as a request's status was the bare msgid, whose Arabic is the column heading
    الإرسال ("the sending"): the status asks for "Sent" in the context of a request."""
    from technopark.core.tests.catalogue import translated

    request = contract_request(cast)
    assert request.status == SignatureRequest.Status.SENT
    entries = {("signature request", "Sent"): "مُرسَلة"}
    with translated("ar", entries):
        html = (
            cast.client("site_manager")
            .get(f"/signatures/{request.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
            .content.decode()
        )
    assert "مُرسَلة" in html

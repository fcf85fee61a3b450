"""Personal data: the export, requests, deletion that keeps the counts, consents."""

from __future__ import annotations

import json

import pytest
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.apps import apps
from django.db import models

from technopark.accounts.models import User
from technopark.accounts.services import token_create
from technopark.core.errors import Conflict, DomainError
from technopark.privacy.models import Consent, DataRequest
from technopark.privacy.services import (
    consent_set,
    data_request_close,
    data_request_create,
    has_consent,
)
from technopark.startups.models import Invitation, Membership


def test_no_model_collects_a_national_id_number():
    forbidden = {"cin", "cni", "national_id", "nationalid", "id_card", "cin_number"}
    offenders = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and field.name.lower() in forbidden
    ]
    assert not offenders


def test_the_export_holds_everything_pointing_to_the_person_and_no_secret(cast):
    token, raw = token_create(user=cast.owner, name="mon script")
    Authenticator.objects.create(user=cast.owner, type="totp", data={"secret": "SECRET-XYZ"})
    consent_set(user=cast.owner, purpose="marketing", granted=True)
    client = cast.client("owner")
    response = client.get("/privacy/me/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["user"]["email"] == "owner@example.ma"
    by_model = {r["model"]: r["rows"] for r in data["records"]}
    assert by_model["startups.Membership"][0]["startup"] == cast.own.pk
    assert by_model["accounts.ApiToken"][0]["name"] == "mon script"
    assert by_model["privacy.Consent"][0]["granted"] is True
    assert "mfa.Authenticator" in by_model
    text = response.content.decode()
    assert raw not in text and token.digest not in text and "SECRET-XYZ" not in text
    assert "password" not in data["user"]
    # Someone else's rows are not in it.
    assert "other@example.ma" not in text


def test_the_export_finds_a_new_apps_rows_generically(cast):
    invitation = Invitation.objects.create(
        startup=cast.own, email="friend@example.ma", invited_by=cast.owner
    )
    data = cast.client("owner").get("/api/v1/privacy/me").json()
    rows = {r["model"]: r["rows"] for r in data["records"]}["startups.Invitation"]
    assert rows[0]["id"] == invitation.pk


def test_the_readable_page_shows_the_records(cast):
    token_create(user=cast.owner, name="mon script")
    page = cast.client("owner").get("/privacy/me/export/").content.decode()
    assert "mon script" in page and "owner@example.ma" in page


def test_a_person_asks_and_staff_process_a_deletion(cast):
    owner = cast.owner
    token_create(user=owner, name="t")
    Invitation.objects.create(startup=cast.own, email=owner.email, invited_by=cast.colleague)
    members_before = Membership.objects.filter(startup=cast.own).count()
    client = cast.client("owner")
    response = client.post("/privacy/me/requests/", {"kind": "deletion", "message": "Merci"})
    assert response.status_code == 302
    request = DataRequest.objects.get(user=owner)

    queue = cast.client("admin").get("/privacy/me/requests/queue/").content.decode()
    assert "owner@example.ma" in queue
    response = cast.client("admin").post(
        f"/privacy/me/requests/{request.pk}/", {"status": "done", "answer": "Fait."}
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.email == f"deleted-{owner.pk}@invalid"
    assert owner.full_name == "" and not owner.is_active and not owner.has_usable_password()
    assert not owner.api_tokens.filter(revoked_at__isnull=True).exists()
    # The bilan's counts stay right: the membership is kept; the startup is untouched.
    assert Membership.objects.filter(startup=cast.own).count() == members_before
    cast.own.refresh_from_db()
    assert cast.own.name == "Own Startup"
    assert not Invitation.objects.filter(email="owner@example.ma").exists()
    # It is logged, with who did it.
    entry = LogEntry.objects.filter(object_pk=str(owner.pk), changes__has_key="anonymised")
    assert entry.get().actor == cast.admin
    request.refresh_from_db()
    assert request.status == "done" and request.handled_by == cast.admin
    # The person can no longer log in.
    from django.test import Client

    fresh = Client()
    fresh.post("/accounts/login/", {"login": "owner@example.ma", "password": "password-for-tests"})
    assert "_auth_user_id" not in fresh.session


def test_only_admins_process_requests(cast):
    request = data_request_create(user=cast.owner, kind="deletion")
    for role in ("site_manager", "colleague", "officer"):
        response = cast.client(role).post(f"/privacy/me/requests/{request.pk}/", {"status": "done"})
        assert response.status_code == 404
    assert User.objects.get(pk=cast.owner.pk).is_active
    # The person sees their own request but cannot close it.
    response = cast.client("owner").post(f"/privacy/me/requests/{request.pk}/", {"status": "done"})
    assert response.status_code == 403
    assert User.objects.get(pk=cast.owner.pk).is_active


def test_request_rules(cast):
    with pytest.raises(DomainError):
        data_request_create(user=cast.owner, kind="correction", message="  ")
    first = data_request_create(user=cast.owner, kind="correction", message="Mon nom: Tazi")
    with pytest.raises(Conflict):
        data_request_create(user=cast.owner, kind="correction", message="encore")
    with pytest.raises(DomainError):
        data_request_close(request=first, by=cast.admin, status="rejected", answer="")
    data_request_close(request=first, by=cast.admin, status="done", answer="Corrigé.")
    with pytest.raises(Conflict):
        data_request_close(request=first, by=cast.admin, status="done")
    # Once closed, a new one may be filed.
    data_request_create(user=cast.owner, kind="correction", message="Autre chose")
    assert cast.owner.is_active


def test_consents_are_recorded_and_withdrawn(cast):
    client = cast.client("owner")
    assert not has_consent(cast.owner, "marketing")
    client.post("/privacy/me/consents/", {"marketing": "on"})
    assert has_consent(cast.owner, "marketing") and not has_consent(cast.owner, "showcase")
    client.post("/privacy/me/consents/", {})
    assert not has_consent(cast.owner, "marketing")
    assert Consent.objects.filter(user=cast.owner).count() == 2
    assert LogEntry.objects.get_for_model(Consent).count() >= 2  # the history is kept


def test_the_notice_names_the_controller_and_the_declaration(client, settings):
    settings.TECHNOPARK_CNDP_DECLARATION = "D-GC-777/2026"
    page = client.get("/privacy/me/notice/").content.decode()
    assert "D-GC-777/2026" in page and "09-08" in page


def test_the_page_says_when_it_shows_only_the_latest_changes(cast):
    from django.contrib.contenttypes.models import ContentType

    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=user_type,
            object_pk=str(cast.owner.pk),
            object_repr=str(cast.owner),
            action=LogEntry.Action.UPDATE,
            actor=cast.owner,
        )
        for _ in range(205)
    )
    page = cast.client("owner").get("/privacy/me/export/").content.decode()
    total = LogEntry.objects.filter(object_pk=str(cast.owner.pk), content_type=user_type).count()
    assert f"The latest 200 of {total} changes" in page
    data = cast.client("owner").get("/privacy/me/export.json").json()
    assert len(data["audit"]) >= total

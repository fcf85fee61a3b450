"""Retention: declined applications and old log entries lose their personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from technopark.house.testing import ProgramFactory, UserFactory
from technopark.privacy.daily import daily
from technopark.privacy.models import IdempotencyRecord
from technopark.programs import models as programs

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def call(cast):
    return programs.Call.objects.create(
        program=ProgramFactory(),
        site=cast.site,
        title="Appel Incubation 2023",
        opens_on=dt.date(2023, 1, 1),
        closes_on=dt.date(2023, 3, 1),
    )


def _application(call, status: str, decided_on: dt.date, **fields):
    return programs.Application.objects.create(
        call=call,
        applicant=UserFactory(),
        status=status,
        project_name="Projet Argan",
        summary="Une plateforme pour les coopératives d'argan.",
        team="Omar Tazi, omar@example.ma\nSara Idrissi, sara@example.ma",
        decision_note="Marché trop étroit.",
        decided_on=decided_on,
        sector="Agritech",
        **fields,
    )


def test_old_declined_applications_are_anonymised_and_others_kept(call, settings, cast):
    settings.TECHNOPARK_RETENTION_DECLINED_APPLICATIONS_DAYS = 730
    old = _application(call, "declined", dt.date(2024, 1, 10))
    recent = _application(call, "declined", dt.date(2025, 6, 1))
    waitlisted = _application(call, "waitlisted", dt.date(2023, 6, 1))
    question = programs.Question.objects.create(call=call, label="Votre marché ?")
    programs.Answer.objects.create(application=old, question=question, value="Les coopératives")
    required = programs.RequiredDocument.objects.create(call=call, label="CV")
    document = programs.ApplicationDocument(
        application=old,
        required_document=required,
        original_name="CV Omar Tazi.pdf",
        content_type="application/pdf",
        size=9,
    )
    document.file.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    stored = document.file.name
    assert default_storage.exists(stored)

    line = daily(TODAY)
    assert line.startswith("1 declined applications")
    old.refresh_from_db()
    assert old.team == "" and old.summary == "" and old.decision_note == ""
    # What the figures need stays: the call, the status, the sector, the dates.
    assert (old.status, old.sector, old.call_id) == ("declined", "Agritech", call.pk)
    assert old.answers.get().value == ""
    document.refresh_from_db()
    assert document.original_name == "" and not default_storage.exists(stored)
    for kept in (recent, waitlisted):
        kept.refresh_from_db()
        assert kept.team.startswith("Omar Tazi")
    # Running it again finds nothing more to do.
    assert daily(TODAY).startswith("0 declined applications")


def test_old_log_entries_lose_who_but_keep_what(cast, settings):
    settings.TECHNOPARK_RETENTION_AUDIT_DAYS = 365
    from technopark.privacy.services import consent_set

    consent_set(user=cast.owner, purpose="marketing", granted=True)
    entry = LogEntry.objects.latest("pk")
    LogEntry.objects.filter(pk=entry.pk).update(
        actor=cast.owner,
        remote_addr="196.200.1.2",
        actor_email="owner@example.ma",
        timestamp=timezone.now() - dt.timedelta(days=400),
    )
    fresh = LogEntry.objects.create(
        content_type=entry.content_type, object_pk="1", object_repr="x", action=1,
        actor=cast.owner, remote_addr="196.200.1.3",
    )  # fmt: skip
    daily(timezone.localdate())
    entry.refresh_from_db()
    fresh.refresh_from_db()
    assert entry.actor is None and entry.remote_addr is None and entry.actor_email is None
    assert entry.changes  # what changed is kept
    assert fresh.actor == cast.owner and fresh.remote_addr == "196.200.1.3"


def test_idempotency_keys_are_forgotten_after_a_day(cast):
    old = IdempotencyRecord.objects.create(
        user=cast.owner, key="a", method="POST", path="/x", body_hash="h"
    )
    IdempotencyRecord.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=30)
    )
    IdempotencyRecord.objects.create(
        user=cast.owner, key="b", method="POST", path="/x", body_hash="h"
    )
    daily(timezone.localdate())
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["b"]

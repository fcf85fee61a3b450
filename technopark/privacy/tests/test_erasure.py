"""Erasure on the demo: after it, no text column of the database names the person, except
the records kept by law (`privacy.erasure.KEPT`); audit entries and e-mail log rows stay."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.db import models

from technopark.accounts.models import User
from technopark.notifications.models import EmailLog, Notification
from technopark.privacy.erasure import KEPT, Needle, needles_for, pseudonym, replace_in
from technopark.privacy.services import data_request_close, data_request_create
from technopark.support.models import RequestMessage, ServiceRequest

PHONE = "+212 661-48 27 93"


def _where_named(needles: list[str]) -> set[str]:
    """Every (model.field) of the whole database holding one of the strings, read in Python
    so the scan does not share the erasure's way of searching."""
    found = set()
    lowered = [n.lower() for n in needles]
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                if value is None:
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(n in text.lower() for n in lowered):
                    found.add(f"{model._meta.label_lower}.{name}")
    return found


def test_erasing_a_demo_founder_leaves_their_name_nowhere(demo_network, db):
    users = demo_network.ctx.users
    founder, manager, admin = users["founder"], users["site_manager"], users["network_admin"]
    User.objects.filter(pk=founder.pk).update(phone=PHONE)
    founder.refresh_from_db()
    name, email = founder.full_name, founder.email
    assert len(name.split()) == 2
    namesake = f"{name.split()[0]} Benali"  # shares the first name: must stay
    # Traces the demo does not make by itself: a manager told about the founder, the
    # founder's phone and a namesake in a request, a message the founder wrote.
    Notification.objects.create(
        user=manager, kind="booking.new", title=f"{name} a réservé la salle", body=PHONE
    )
    Notification.objects.create(user=founder, kind="booking.confirmed", title="Réservation")
    told = EmailLog.objects.create(
        kind="booking.new",
        to_address=manager.email,
        user=manager,
        language="fr",
        subject=f"Réservation de {name}",
        body_text=f"{name} ({email.upper()}, {PHONE}) a réservé. Contact : {namesake}.",
        body_html=f"<p>{name} a réservé.</p>",
    )
    request = ServiceRequest.objects.filter(created_by=founder).first()
    assert request is not None
    RequestMessage.objects.create(request=request, author=founder, text=f"Appelez-moi {PHONE}")
    answer = RequestMessage.objects.create(
        request=request, author=manager, text=f"Bien noté {name}, voir avec {namesake}."
    )
    assert _where_named([name, email, PHONE]) - {"accounts.user.full_name"}
    audit_before = set(LogEntry.objects.values_list("pk", flat=True))
    to_founder = list(
        EmailLog.objects.filter(to_address=email).values_list("pk", "kind", "status", "created")
    )
    assert to_founder
    emails_before = EmailLog.objects.count()

    deletion = data_request_create(user=founder, kind="deletion", message=f"Je suis {name}")
    data_request_close(request=deletion, by=admin, status="done", answer="Fait.")

    left = _where_named([name, email, PHONE])
    assert {column.rsplit(".", 1)[0] for column in left} <= set(KEPT), left
    # The audit trail keeps every entry (and adds the erasure's own), naming a pseudonym.
    assert audit_before < set(LogEntry.objects.values_list("pk", flat=True))
    assert LogEntry.objects.filter(object_repr__contains=f"#{founder.pk}").exists()
    # The e-mail log keeps its rows: those to the founder say when and what kind, no more.
    assert EmailLog.objects.count() == emails_before
    for pk, kind, status, created in to_founder:
        log = EmailLog.objects.get(pk=pk)
        assert (log.kind, log.status, log.created) == (kind, status, created)
        assert log.to_address == f"deleted-{founder.pk}@invalid"
        assert log.subject == log.body_text == log.body_html == ""
    told.refresh_from_db()
    assert f"#{founder.pk}" in told.body_text and namesake in told.body_text
    # Notifications: theirs deleted, the manager's kept with the pseudonym.
    assert not Notification.objects.filter(user=founder).exists()
    assert f"#{founder.pk}" in Notification.objects.get(user=manager, kind="booking.new").title
    # What the founder wrote is gone; the manager's answer stays, minus the name.
    assert not RequestMessage.objects.filter(author=founder, text__contains="Appelez").exists()
    answer.refresh_from_db()
    assert namesake in answer.text and f"#{founder.pk}" in answer.text


def test_a_one_word_name_or_a_short_phone_is_not_searched():
    needles = needles_for(pk=7, full_name="Omar", email="", phone="12 34", new_email="x@invalid")
    assert needles == []
    needles = needles_for(
        pk=7, full_name=" Omar  Tazi ", email="O.Tazi@x.ma", phone="", new_email="d@invalid"
    )
    assert [n.text for n in needles] == ["Omar Tazi", "O.Tazi@x.ma"]
    assert replace_in({"to": ["o.tazi@X.MA"], "Omar Tazi": "Omar Benali, Omar Tazi"}, needles) == {
        "to": ["d@invalid"],
        pseudonym(7): f"Omar Benali, {pseudonym(7)}",
    }
    with pytest.raises(ValueError):
        Needle(" ", "x")

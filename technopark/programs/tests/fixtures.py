"""Records the programs tests and the permission matrix share: a call, an application, a plan."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from technopark.house.testing import ProgramFactory, UserFactory
from technopark.programs.models import (
    Application,
    ApplicationDocument,
    Call,
    ConflictDeclaration,
    Criterion,
    Plan,
    Question,
    RequiredDocument,
    ReviewAssignment,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_call(cast, *, published: bool = True, title: str = "Incubation 2026 — Site A") -> Call:
    today = timezone.localdate()
    call, created = Call.objects.get_or_create(
        title=title,
        defaults={
            "program": ProgramFactory(),
            "site": cast.site,
            "opens_on": today - dt.timedelta(days=10),
            "closes_on": today + dt.timedelta(days=20),
            "published_at": timezone.now() if published else None,
            "max_company_age_years": 5,
        },
    )
    if created:
        Question.objects.create(call=call, label="Votre marché cible ?", kind="long", position=1)
        Question.objects.create(
            call=call, label="Stade", kind="choice", choices="Idée\nPrototype\nVentes", position=2
        )
        RequiredDocument.objects.create(call=call, label="Pitch deck", position=1)
        Criterion.objects.create(call=call, label="Équipe", weight=2, position=1)
        Criterion.objects.create(call=call, label="Marché", weight=1, position=2)
    return call


def make_application(cast) -> Application:
    """A submitted application by an outside applicant, with a document, assigned to the expert."""
    call = make_call(cast)
    applicant = UserFactory(email="applicant@example.ma", full_name="Amina Idrissi")
    application, created = Application.objects.get_or_create(
        call=call,
        applicant=applicant,
        defaults={
            "project_name": "AgriSense",
            "summary": "Capteurs pour l'irrigation.",
            "status": Application.Status.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )
    if created:
        document = ApplicationDocument(
            application=application,
            required_document=call.documents.first(),
            original_name="pitch.pdf",
            content_type="application/pdf",
            size=len(PDF),
        )
        document.file.save("pitch.pdf", ContentFile(PDF), save=True)
        ReviewAssignment.objects.create(application=application, reviewer=cast.expert)
        # The expert has declared no conflict of interest (else they are asked first).
        ConflictDeclaration.objects.create(
            application=application, person=cast.expert, has_conflict=False
        )
    return application


def make_plan(cast) -> Plan:
    enrollment = cast.own.enrollments.first()
    plan, _ = Plan.objects.get_or_create(startup=cast.own, defaults={"enrollment": enrollment})
    return plan

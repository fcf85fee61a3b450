"""Records the support tests and the permission matrix share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from technopark.startups.models import Grouping, GroupingMember
from technopark.support.models import (
    Consortium,
    ConsortiumDocument,
    Expert,
    ExpertSession,
    Opportunity,
    ServiceRequest,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def make_expert(cast) -> Expert:
    expert, _ = Expert.objects.get_or_create(
        user=cast.expert,
        defaults={
            "skills": "levée de fonds, pricing SaaS, export Afrique",
            "sectors": "Fintech, Agritech",
            "languages": "fr, ar",
        },
    )
    return expert


def make_request(cast) -> ServiceRequest:
    """A network-access request of `own` (site A) with a session booked with the expert."""
    request, created = ServiceRequest.objects.get_or_create(
        startup=cast.own,
        title="Préparer une levée de fonds",
        defaults={
            "family": "network",
            "text": "Besoin d'aide pour la levée de fonds",
            "site": cast.site,
        },
    )
    if created:
        ExpertSession.objects.create(
            request=request,
            expert=make_expert(cast),
            starts_at=timezone.now() + dt.timedelta(days=3),
            hours=Decimal("2"),
        )
    return request


def make_opportunity(cast) -> Opportunity:
    opportunity, _ = Opportunity.objects.get_or_create(
        title="GITEX Africa 2027",
        defaults={
            "kind": "trade_fair",
            "place": "Marrakech",
            "deadline": timezone.localdate() + dt.timedelta(days=30),
            "cost_mad": Decimal("5000"),
            "places": 2,
        },
    )
    return opportunity


def make_consortium(cast) -> Consortium:
    grouping, created = Grouping.objects.get_or_create(
        code="GIE-2026-001",
        defaults={"kind": "gie", "name": "GIE Smart City", "formed_on": dt.date(2026, 1, 10)},
    )
    if created:
        GroupingMember.objects.create(grouping=grouping, startup=cast.own, is_lead=True)
        GroupingMember.objects.create(grouping=grouping, startup=cast.other)
        consortium = Consortium.objects.create(grouping=grouping)
        document = ConsortiumDocument(
            consortium=consortium, label="Statuts", content_type="image/png"
        )
        document.file.save("statuts.png", ContentFile(PNG), save=True)
    return grouping.consortium

"""Declarations by startups and alumni follow-ups: they write the records the bilan counts.

Each answer upserts the same rows the import writes (startups.Headcount, Export, Patent,
Funding, FollowUp) on their natural keys, so declaring twice corrects rather than doubles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.startups.models import Export, FollowUp, Funding, Headcount, Patent, Startup
from technopark.startups.services import (
    export_record,
    followup_record,
    funding_record,
    headcount_record,
    patent_record,
)
from technopark.surveys.models import CampaignRequest, Declaration
from technopark.surveys.selectors import declaration_asks
from technopark.surveys.services.campaigns import requests_answered
from technopark.surveys.services.metrics import metric_answers_save, metric_values

COUNTRY = re.compile(r"^[A-Z]{2}$")
FIRST_YEAR = 2000


@dataclass(frozen=True)
class ExportLine:
    year: int
    country: str
    amount_mad: Decimal | None = None


@dataclass(frozen=True)
class PatentLine:
    filed_on: dt.date
    title: str
    office: str = Patent.Office.OMPIC
    reference: str = ""


@dataclass(frozen=True)
class FundingLine:
    obtained_on: dt.date
    source: str
    amount_mad: Decimal
    kind: str = ""


def _check_exports(exports, as_of: dt.date) -> None:
    for i, line in enumerate(exports):
        where = f"exports.{i}"
        country = (line.country or "").upper()
        if not COUNTRY.match(country):
            raise DomainError(
                _("Give the country as its two-letter ISO code, e.g. FR, SN, US."),
                code="invalid_country",
                field=f"{where}.country",
            )
        if country == "MA":
            raise DomainError(
                _("Sales in Morocco are not exports: leave Morocco out."),
                code="export_morocco",
                field=f"{where}.country",
            )
        if not FIRST_YEAR <= line.year <= as_of.year:
            raise DomainError(
                _("The year of an export is between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": as_of.year},
                code="invalid_year",
                field=f"{where}.year",
            )
        if line.amount_mad is not None and line.amount_mad < 0:
            raise DomainError(
                _("An amount cannot be negative."), code="negative", field=f"{where}.amount_mad"
            )


def _check_patents(patents, today: dt.date) -> None:
    for i, line in enumerate(patents):
        if not line.title.strip():
            raise DomainError(
                _("Give the title of the patent."), code="required", field=f"patents.{i}.title"
            )
        if line.filed_on > today:
            raise DomainError(
                _("A patent is declared once it is filed, not before."),
                code="future",
                field=f"patents.{i}.filed_on",
            )
        if line.office not in Patent.Office.values:
            raise DomainError(
                _("Choose the office among OMPIC, EPO, WIPO, USPTO or Other."),
                code="invalid_office",
                field=f"patents.{i}.office",
            )


def _check_fundings(fundings, today: dt.date) -> None:
    for i, line in enumerate(fundings):
        if not line.source.strip():
            raise DomainError(
                _("Say who provided the funds."), code="required", field=f"fundings.{i}.source"
            )
        if line.amount_mad is None or line.amount_mad <= 0:
            raise DomainError(
                _("The amount raised must be more than 0 MAD."),
                code="not_positive",
                field=f"fundings.{i}.amount_mad",
            )
        if line.obtained_on > today:
            raise DomainError(
                _("Declare funds once obtained."), code="future", field=f"fundings.{i}.obtained_on"
            )
        if line.kind and line.kind not in Funding.Kind.values:
            raise DomainError(
                _("Choose grant, loan, equity, prize or other."),
                code="invalid_kind",
                field=f"fundings.{i}.kind",
            )


@transaction.atomic
def declaration_submit(
    *,
    startup: Startup,
    as_of: dt.date,
    direct_jobs: int,
    indirect_jobs: int = 0,
    revenue_mad: Decimal | None = None,
    exports: list[ExportLine] | tuple = (),
    patents: list[PatentLine] | tuple = (),
    fundings: list[FundingLine] | tuple = (),
    metrics: dict | None = None,
    request: CampaignRequest | None = None,
    by=None,
    today: dt.date | None = None,
) -> Declaration:
    """Record a startup's half-year figures; the bilan counts them at once.

    The declaration answers the startup's requests of open declaration campaigns (and
    `request`, the one of an answer link). `metrics` holds the values of the extra figures
    those campaigns ask for ({metric id: value}); without it (an API call), the standard
    figures are recorded and a campaign that requires extra figures stays waiting."""
    today = today or timezone.localdate()
    asks = declaration_asks(startup, today=today, request=request)
    values = None
    if metrics is not None:
        values, errors = metric_values(asks, metrics)
        if errors:
            raise errors[0]
    if as_of > today:
        raise DomainError(
            _("Declare figures at a date that has passed (today at the latest)."),
            code="future",
            field="as_of",
        )
    if direct_jobs is None or direct_jobs < 0:
        raise DomainError(
            _("Give the number of direct jobs (0 or more)."), code="negative", field="direct_jobs"
        )
    if indirect_jobs is None or indirect_jobs < 0:
        raise DomainError(_("Indirect jobs are 0 or more."), code="negative", field="indirect_jobs")
    if revenue_mad is not None and revenue_mad < 0:
        raise DomainError(
            _("The revenue cannot be negative."), code="negative", field="revenue_mad"
        )
    exports = [ExportLine(e.year, e.country.upper(), e.amount_mad) for e in exports]
    _check_exports(exports, as_of)
    _check_patents(patents, today)
    _check_fundings(fundings, today)
    countries = [(e.year, e.country) for e in exports]
    if len(set(countries)) != len(countries):
        raise DomainError(
            _("Each country appears once per year: add the amounts together."),
            code="duplicate",
            field="exports",
        )

    declaration, _created = Declaration.objects.update_or_create(
        startup=startup,
        as_of=as_of,
        defaults={
            "direct_jobs": direct_jobs,
            "indirect_jobs": indirect_jobs,
            "revenue_mad": revenue_mad,
            "declared_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    actor = by if getattr(by, "is_authenticated", False) else None
    headcount_record(
        startup=startup,
        as_of=as_of,
        direct_jobs=direct_jobs,
        indirect_jobs=indirect_jobs,
        by=actor,
    )
    for e in exports:
        export_record(
            startup=startup, year=e.year, country=e.country, amount_mad=e.amount_mad, by=actor
        )
    for p in patents:
        patent_record(
            startup=startup,
            filed_on=p.filed_on,
            title=p.title,
            office=p.office,
            reference=p.reference,
            by=actor,
        )
    for f in fundings:
        funding_record(
            startup=startup,
            obtained_on=f.obtained_on,
            source=f.source,
            kind=f.kind,
            amount_mad=f.amount_mad,
            by=actor,
        )
    if values is not None:
        metric_answers_save(asks, values, by=by)
    requests_answered(
        ids=[
            r.pk
            for r in asks
            if values is not None or not any(m.required for m in r.campaign.metrics.all())
        ],
        declaration=declaration,
    )
    record("declaration.submitted", declaration, by=by, startup=startup.pk, payload={"as_of": as_of, "direct_jobs": direct_jobs})  # fmt: skip
    return declaration


def declaration_prefill(startup: Startup) -> dict:
    """The last answers, so a startup only changes what moved."""
    last = startup.declarations.order_by("-as_of").first()
    headcount = Headcount.objects.filter(startup=startup).order_by("-as_of").first()
    latest_year = (
        Export.objects.filter(startup=startup).order_by("-year").values_list("year", flat=True)
    ).first()
    exports = (
        list(Export.objects.filter(startup=startup, year=latest_year).order_by("country"))
        if latest_year
        else []
    )
    return {
        "direct_jobs": headcount.direct_jobs if headcount else None,
        "indirect_jobs": headcount.indirect_jobs if headcount else 0,
        "revenue_mad": last.revenue_mad if last else None,
        "last_as_of": headcount.as_of if headcount else None,
        "exports": [
            {"country": e.country, "amount_mad": e.amount_mad, "year": e.year} for e in exports
        ],
    }


@transaction.atomic
def followup_submit(
    *,
    request: CampaignRequest,
    status: str,
    direct_jobs: int | None = None,
    indirect_jobs: int = 0,
    observed_on: dt.date | None = None,
) -> FollowUp:
    """An alumnus says whether it is still in business, and how many people it employs."""
    observed_on = observed_on or timezone.localdate()
    if status not in FollowUp.Status.values:
        raise DomainError(
            _("Choose active, closed, acquired or merged."), code="invalid", field="status"
        )
    if status != FollowUp.Status.CLOSED and direct_jobs is None:
        raise DomainError(
            _("Give the number of people employed today."), code="required", field="direct_jobs"
        )
    if (direct_jobs or 0) < 0 or (indirect_jobs or 0) < 0:
        raise DomainError(_("Jobs are 0 or more."), code="negative", field="direct_jobs")
    locked = CampaignRequest.objects.select_for_update().get(pk=request.pk)
    if locked.answered_at is not None:
        raise DomainError(
            _("This follow-up has already been answered."), code="link_used", status=410
        )
    followup = followup_record(startup=locked.startup, observed_on=observed_on, status=status)
    if status != FollowUp.Status.CLOSED:
        headcount_record(
            startup=locked.startup,
            as_of=observed_on,
            direct_jobs=direct_jobs,
            indirect_jobs=indirect_jobs or 0,
        )
    requests_answered(ids=[locked.pk])
    # Answered through its link: the actor, if any, is the request's user.
    record(
        "followup.submitted",
        followup,
        by=None,
        startup=locked.startup_id,
        site=locked.site_id,
        label=f"{locked.startup} {observed_on:%d/%m/%Y}",
        payload={
            "campaign": locked.campaign_id,
            "status": status,
            "observed_on": observed_on,
            "direct_jobs": direct_jobs,
        },
    )
    return followup

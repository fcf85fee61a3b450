"""The figures a declaration campaign asks for beyond the standard ones, and their answers.

Staff set them when they open a declaration campaign, and may change them until it opens.
A startup's values are checked here, for the form and any other caller alike: a whole number,
a decimal, an amount in MAD, yes or no, or a short text; required ones must be given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.surveys.models import Campaign, CampaignMetric, CampaignRequest, MetricAnswer

MAX_METRICS = 20
LABEL_MAX = 200
UNIT_MAX = 30
TEXT_MAX = 200
NUMBER_LIMIT = Decimal(10) ** 14  # what the value column holds (18 digits, 4 decimals)
YES = {"yes", "oui", "1", "true", "on", "نعم"}
NO = {"no", "non", "0", "false", "off", "لا"}


@dataclass(frozen=True)
class MetricSpec:
    label: str
    kind: str
    unit: str = ""
    required: bool = False
    label_ar: str = ""
    label_en: str = ""


def _check_specs(specs: list[MetricSpec], *, campaign_kind: str) -> list[MetricSpec]:
    if specs and campaign_kind != Campaign.Kind.DECLARATION:
        raise DomainError(
            _("Only a declaration campaign asks for figures: remove the extra figures."),
            code="metrics_declaration_only",
            field="metrics",
        )
    if len(specs) > MAX_METRICS:
        raise DomainError(
            _("A campaign asks for %(n)s extra figures at most.") % {"n": MAX_METRICS},
            code="too_many",
            field="metrics",
        )
    clean, seen = [], set()
    for i, spec in enumerate(specs, start=1):
        label = " ".join((spec.label or "").split())
        where = {"n": i}
        if not label:
            raise DomainError(
                _("Extra figure %(n)s: give its label in French.") % where,
                code="required",
                field="metrics",
            )
        labels = (label, (spec.label_ar or "").strip(), (spec.label_en or "").strip())
        if any(len(text) > LABEL_MAX for text in labels):
            raise DomainError(
                _("Extra figure %(n)s: a label takes %(max)s characters at most.")
                % {**where, "max": LABEL_MAX},
                code="too_long",
                field="metrics",
            )
        if spec.kind not in CampaignMetric.Kind.values:
            raise DomainError(
                _(
                    "Extra figure %(n)s: choose whole number, decimal number, amount in MAD, "
                    "yes / no or short text."
                )
                % where,
                code="invalid_kind",
                field="metrics",
            )
        unit = (spec.unit or "").strip()
        if unit and spec.kind not in ("integer", "decimal", "amount"):
            raise DomainError(
                _("Extra figure %(n)s: only a number has a unit.") % where,
                code="unit_not_number",
                field="metrics",
            )
        if len(unit) > UNIT_MAX:
            raise DomainError(
                _("Extra figure %(n)s: the unit takes %(max)s characters at most.")
                % {**where, "max": UNIT_MAX},
                code="too_long",
                field="metrics",
            )
        if label.casefold() in seen:
            raise DomainError(
                _("Extra figure %(n)s: “%(label)s” is asked twice.") % {**where, "label": label},
                code="duplicate",
                field="metrics",
            )
        seen.add(label.casefold())
        clean.append(MetricSpec(label, spec.kind, unit, bool(spec.required), labels[1], labels[2]))
    return clean


def metrics_create(campaign: Campaign, specs: list[MetricSpec]) -> list[CampaignMetric]:
    """Write checked specs (the campaign's services call it within their transaction)."""
    specs = _check_specs(list(specs), campaign_kind=campaign.kind)
    return CampaignMetric.objects.bulk_create(
        [
            CampaignMetric(
                campaign=campaign,
                position=i,
                label=s.label,
                label_ar=s.label_ar,
                label_en=s.label_en,
                kind=s.kind,
                unit=s.unit,
                required=s.required,
            )
            for i, s in enumerate(specs, start=1)
        ]
    )


@acts_for_by
@transaction.atomic
def campaign_metrics_set(
    *, campaign: Campaign, metrics: list[MetricSpec], by, today: dt.date | None = None
) -> list[CampaignMetric]:
    """Replace the extra figures a campaign asks for; only before it opens."""
    today = today or timezone.localdate()
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.opens_on <= today:
        raise Conflict(
            _("This campaign is open: the figures it asks for can no longer change."),
            code="campaign_open",
        )
    specs = _check_specs(list(metrics), campaign_kind=locked.kind)
    CampaignMetric.objects.filter(campaign=locked).delete()
    made = metrics_create(locked, specs)
    record("campaign.updated", locked, by=by, payload={"metrics": [m.kind for m in made]})
    return made


# --- A startup's values ---------------------------------------------------------------


def _number(raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = str(raw).strip()
    for space in (" ", "\u202f", "\xa0"):
        text = text.replace(space, "")
    text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not value.is_finite():
        raise ValueError
    return value


def _empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def metric_value(metric: CampaignMetric, raw):
    """(number, yes/no, text) of a value given for `metric`, or None when none is given.

    Raises DomainError, in the user's language, naming the figure."""
    if _empty(raw):
        if metric.required:
            raise DomainError(
                _("Answer “%(label)s”: this campaign asks for it.") % {"label": metric.label_in()},
                code="required",
                field=f"metric_{metric.pk}",
            )
        return None
    label = {"label": metric.label_in()}
    field = f"metric_{metric.pk}"
    if metric.kind == CampaignMetric.Kind.YESNO:
        if isinstance(raw, bool):
            return (None, raw, "")
        word = str(raw).strip().casefold()
        if word in YES or word in NO:
            return (None, word in YES, "")
        raise DomainError(
            _("Answer yes or no to “%(label)s”.") % label, code="invalid", field=field
        )
    if metric.kind == CampaignMetric.Kind.TEXT:
        text = " ".join(str(raw).split())
        if len(text) > TEXT_MAX:
            raise DomainError(
                _("“%(label)s” takes %(max)s characters at most.") % {**label, "max": TEXT_MAX},
                code="too_long",
                field=field,
            )
        return (None, None, text)
    messages = {
        CampaignMetric.Kind.INTEGER: _("“%(label)s” is a whole number, e.g. 12."),
        CampaignMetric.Kind.DECIMAL: _("“%(label)s” is a number, e.g. 12.5."),
        CampaignMetric.Kind.AMOUNT: _("“%(label)s” is an amount in MAD, e.g. 250 000."),
    }
    try:
        value = _number(raw)
    except ValueError:
        raise DomainError(messages[metric.kind] % label, code="invalid", field=field) from None
    if metric.kind == CampaignMetric.Kind.INTEGER and value != value.to_integral_value():
        raise DomainError(messages[metric.kind] % label, code="invalid", field=field)
    if metric.kind == CampaignMetric.Kind.AMOUNT and value < 0:
        raise DomainError(
            _("“%(label)s” cannot be negative.") % label, code="negative", field=field
        )
    if abs(value) >= NUMBER_LIMIT:
        raise DomainError(
            _("“%(label)s” is too large: check the number.") % label, code="too_large", field=field
        )
    places = {"integer": "1", "decimal": "0.0001", "amount": "0.01"}[metric.kind]
    return (value.quantize(Decimal(places)), None, "")


def metric_values(
    asks: list[CampaignRequest], given: dict
) -> tuple[dict[int, tuple], list[DomainError]]:
    """The values for every metric the asking requests hold, and what is wrong with them.

    `given` maps a metric's id (or "metric_<id>") to what was typed; a metric nobody asks
    for is refused."""
    by_pk = {m.pk: m for r in asks for m in r.campaign.metrics.all()}
    raw: dict[int, object] = {}
    errors: list[DomainError] = []
    for key, value in given.items():
        text = str(key).removeprefix("metric_")
        if not text.isdigit() or int(text) not in by_pk:
            errors.append(
                DomainError(
                    _("This figure is not asked by an open campaign of the startup."),
                    code="unknown_metric",
                    field=str(key),
                )
            )
            continue
        raw[int(text)] = value
    values: dict[int, tuple] = {}
    for pk, metric in by_pk.items():
        try:
            value = metric_value(metric, raw.get(pk))
        except DomainError as exc:
            errors.append(exc)
            continue
        if value is not None:
            values[pk] = value
    return values, errors


def metric_answers_save(asks: list[CampaignRequest], values: dict[int, tuple], *, by) -> None:
    """Store the values (within the declaration's transaction); a value left empty is removed."""
    actor = by if getattr(by, "is_authenticated", False) else None
    for request in asks:
        for metric in request.campaign.metrics.all():
            value = values.get(metric.pk)
            if value is None:
                MetricAnswer.objects.filter(request=request, metric=metric).delete()
                continue
            number, yes_no, text = value
            MetricAnswer.objects.update_or_create(
                request=request,
                metric=metric,
                defaults={
                    "value_number": number,
                    "value_bool": yes_no,
                    "value_text": text,
                    "answered_by": actor,
                },
            )

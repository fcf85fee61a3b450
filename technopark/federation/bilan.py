"""The bilan split: the network total, the direct part, and each partner's part side by side.

The figures are the impact engine's (`technopark.impact.engine.compute_bilan`); this
module only asks it once per column. A startup accompanied by two structures counts in
both parts, so the parts need not add up to the total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from technopark.impact.definitions import FIGURES as DEFINITIONS
from technopark.impact.engine import compute_bilan
from technopark.network.models import Operator

DEFINED = {f.key: f for f in DEFINITIONS}
# The figures shown side by side, in this order: (key, label, kind of number).
SPLIT_FIGURES: list[tuple[str, Any, str]] = [
    (key, DEFINED[key].label, kind)
    for key, kind in (
        ("startups_supported", "count"),
        ("startups_supported_direct", "count"),
        ("startups_accompanied_in_year", "count"),
        ("residents", "count"),
        ("incubation_graduated", "count"),
        ("incubation_success_rate", "rate"),
        ("post_exit_survival_rate", "rate"),
        ("jobs_created", "count"),
        ("exporters", "count"),
        ("patents_filed", "count"),
        ("funding_raised_mad", "amount"),
    )
]


def engine():
    """The impact engine's entry point."""
    return compute_bilan


@dataclass
class Column:
    label: str
    operator: Operator | None
    kpis: dict[str, Any]


def operator_bilan(operator: Operator, as_of: dt.date) -> dict[str, Any] | None:
    compute = engine()
    if compute is None:
        return None
    return compute(as_of=as_of, operator=operator.slug)["kpis"]


def bilan_split(as_of: dt.date) -> list[Column] | None:
    """Columns: the network, its direct part, then each partner with programs."""
    compute = engine()
    if compute is None:
        return None
    columns = [Column(str(_("Network total")), None, compute(as_of=as_of)["kpis"])]
    network_operator = Operator.objects.filter(is_network_operator=True).order_by("pk").first()
    if network_operator is not None:
        columns.append(
            Column(
                str(_("Direct part (%(name)s)") % {"name": network_operator.name}),
                network_operator,
                compute(as_of=as_of, operator=network_operator.slug)["kpis"],
            )
        )
    partners = Operator.objects.filter(is_network_operator=False, programs__isnull=False)
    for operator in partners.distinct().order_by("name"):
        columns.append(
            Column(operator.name, operator, compute(as_of=as_of, operator=operator.slug)["kpis"])
        )
    return columns


def split_rows(columns: list[Column]) -> list[dict[str, Any]]:
    return [
        {"key": key, "label": label, "kind": kind, "values": [c.kpis.get(key) for c in columns]}
        for key, label, kind in SPLIT_FIGURES
    ]

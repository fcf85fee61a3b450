"""One name and one rounding per figure: the open data, the partners' pages, the reports and
the bilan read a figure's label from impact/definitions.py and write its value one way."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.utils import translation

from technopark.core.formatting import percent
from technopark.federation.bilan import SPLIT_FIGURES
from technopark.federation.templatetags.federation import figure
from technopark.impact.definitions import FIGURES
from technopark.impact.formatting import format_value as bilan_value
from technopark.publishing import figures
from technopark.publishing.reports import format_value

DEFINED = {f.key: f for f in FIGURES}


def test_every_published_figure_has_the_bilans_name_in_every_language():
    for language in ("fr", "ar", "en"):
        with translation.override(language):
            for published in figures.HEADLINE:
                assert str(published.label) == str(DEFINED[published.key].label)
            for key, label, _kind in SPLIT_FIGURES:
                assert str(label) == str(DEFINED[key].label)


def test_the_open_data_page_names_each_figure_as_the_methodology_does(cast):
    client = Client(headers={"accept-language": "fr"})
    page = client.get("/open/").context["cards"]
    with translation.override("fr"):
        names = {str(DEFINED[f.key].label) for f in figures.HEADLINE}
    assert {str(card["label"]) for card in page} == names


def test_values_are_rounded_half_up_and_grouped_the_french_way_in_every_language():
    for language in ("fr", "ar", "en"):
        with translation.override(language):
            assert format_value(Decimal("3940.5"), "count") == "3\u202f941"
            assert format_value(2.5, "amount") == "3 MAD"  # Python's round() would say 2
            assert percent(Decimal("0.125")) == "13 %"  # not 12 (banker's), not truncated
            assert format_value(Decimal("0.1249"), "rate") == "12 %"
            for kind, unit_key in (("count", "jobs_created"), ("rate", "occupancy_rate")):
                value = Decimal("1234.5") if kind == "count" else Decimal("0.455")
                same = bilan_value(DEFINED[unit_key], value)
                assert format_value(value, kind) == figure(value, kind) == same
            assert format_value(Decimal("2350000"), "amount") == bilan_value(
                DEFINED["funding_raised_mad"], Decimal("2350000")
            )

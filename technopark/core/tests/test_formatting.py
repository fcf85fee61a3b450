"""How the home says when the next commitment is: in the reader's language, Casablanca time."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from technopark.core.formatting import next_on


def test_the_next_commitment_reads_in_french_in_casablanca_time():
    moment = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)  # 10:00 in Casablanca (UTC+1)
    with translation.override("fr"):
        assert next_on(moment) == "prochain le 04/12/2026 à 10:00"


def test_nothing_coming_says_nothing():
    assert next_on(None) == ""

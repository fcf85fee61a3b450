"""Each figure's definition reads alone (issue 23, item 8): no "The same" ("Idem" in
French) that points at whichever figure the page happens to show before it, and no
"null" where the page shows a dash."""

from __future__ import annotations

import re

from django.utils.translation import override

from technopark.impact.definitions import FIGURES


def test_no_definition_leans_on_the_previous_one_or_says_null():
    with override("fr"):  # the catalogue's "Idem" was the translation of "The same"
        texts = {f.key: (str(f.definition), str(f.limits)) for f in FIGURES}
    for key, (definition, limits) in texts.items():
        assert not definition.startswith(("Idem", "The same")), key
        assert not re.search(r"\bnull\b", f"{definition} {limits}", re.IGNORECASE), key
    english = {f.key: str(f.definition) for f in FIGURES}
    assert "discontinued" in english["incubation_discontinued"]
    assert "closed" in english["post_exit_closed"]
    assert "indirect jobs" in english["jobs_indirect"]


def test_the_bilan_says_what_d_is_where_the_definitions_use_it(cast):
    """The definitions read "started on or before D", "a year before D": the page never
    said what D was. "Every figure" says it is the date the figures are read on."""
    page = cast.client("admin").get("/bilan/?as_of=2026-06-30", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "or before D" in html
    assert "D is the date the figures are read on: 30/06/2026; Y is its year." in html

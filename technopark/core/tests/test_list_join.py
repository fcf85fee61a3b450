"""A list reads as its language writes one: the Arabic comma in Arabic."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from technopark.core.formatting import join_list


def test_a_list_is_joined_with_the_arabic_comma_in_arabic_and_a_comma_elsewhere():
    with translation.override("ar"):
        assert join_list(["السجل التجاري", "النظام الأساسي"]) == "السجل التجاري، النظام الأساسي"
        page = Template("{% load names %}{{ pieces|joined }}").render(
            Context({"pieces": ["RC", "<b>Statuts</b>"]})
        )
    assert page == "RC، &lt;b&gt;Statuts&lt;/b&gt;"
    with translation.override("fr"):
        assert join_list(["RC", "Statuts"]) == "RC, Statuts"

"""The bilan's workbook is written in the language asked on the form, not the interface's:
Arabic headers and sheet names, every sheet right to left; English left to right."""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import load_workbook

from technopark.publishing.tests.test_reports import TODAY, network  # noqa: F401 - fixture


def _workbook(network, language: str):  # noqa: F811 - the fixture
    response = network.client("site_manager").get(
        f"/open/reports/download/?format=xlsx&as_of={TODAY}&language={language}",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _words(language: str) -> tuple[str, str]:
    with translation.override(language):
        return translation.gettext("Network"), translation.gettext("Figure")


def test_the_arabic_bilan_workbook_reads_right_to_left_in_arabic(network):  # noqa: F811
    book = _workbook(network, "ar")
    network_word, figure = _words("ar")
    assert (network_word, figure) != _words("fr")
    assert book.sheetnames[0] == network_word
    assert next(book.worksheets[0].iter_rows(values_only=True))[0] == figure
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)


def test_the_english_bilan_workbook_is_in_english_left_to_right(network):  # noqa: F811
    book = _workbook(network, "en")
    assert book.sheetnames[0] == "Network"
    assert next(book.worksheets[0].iter_rows(values_only=True))[0] == "Figure"
    assert not any(sheet.sheet_view.rightToLeft for sheet in book.worksheets)

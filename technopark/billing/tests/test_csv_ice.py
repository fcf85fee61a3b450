"""The ICE in the CSV files French Excel opens: kept as text (its leading zeros), and never
a way to slip a formula in."""

from __future__ import annotations

from technopark.billing.tests.test_billing import _issue, lease  # noqa: F401 (fixture)
from technopark.core.csv_export import csv_content, csv_identifier

ICE_CELL = b'"=""002345678000012"""'  # Excel reads ="002345678000012": the text, zeros kept


def test_the_journal_writes_the_ice_as_text_for_excel(cast, lease):  # noqa: F811
    _issue(lease)
    response = cast.client("site_manager").get(
        f"/billing/{cast.site.code}/journal/?start=2026-10-01&end=2026-10-31&format=csv"
    )
    body = response.content
    assert body.startswith("\ufeff".encode())
    lines = body.split(b"\r\n")
    first = next(line for line in lines if line.startswith(b"01/10/2026;VT;SA-2026-00001;3421"))
    assert first.endswith(b";1644,00;0,00;" + ICE_CELL)


def test_the_arrears_csv_writes_the_ice_as_text_for_excel(cast, lease):  # noqa: F811
    _issue(lease)
    body = cast.client("site_manager").get(f"/billing/{cast.site.code}/arrears/?format=csv").content
    row = next(line for line in body.split(b"\r\n") if cast.own.ref.encode() in line)
    assert f"{cast.site.code};Own Startup;{cast.own.ref};".encode() + ICE_CELL in row


def test_only_digits_become_an_excel_text_constant():
    text = csv_content(
        ["ICE"],
        [
            [csv_identifier("000000000000001")],
            [csv_identifier('=HYPERLINK("http://x","1")')],
            [csv_identifier("12\u0663")],  # an Arabic-Indic digit is not let through
            [csv_identifier("")],
        ],
    )
    assert text.split("\r\n")[1:] == [
        '"=""000000000000001"""',
        '"\'=HYPERLINK(""http://x"",""1"")"',
        "12\u0663",
        '""',
        "",
    ]

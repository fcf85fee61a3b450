"""Declarations: the service upserts the import's records; the API and the form call it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from technopark.core.errors import DomainError
from technopark.startups.models import Export, Funding, Headcount, Patent
from technopark.surveys.models import Declaration
from technopark.surveys.services import (
    ExportLine,
    FundingLine,
    PatentLine,
    declaration_prefill,
    declaration_submit,
)

TODAY = dt.date.today()
AS_OF = dt.date(TODAY.year - 1, 12, 31)


def _post(client, ref, payload):
    return client.post(
        f"/api/v1/startups/{ref}/declarations",
        data=json.dumps(payload),
        content_type="application/json",
    )


def test_declaring_twice_corrects_rather_than_doubles(cast):
    for jobs, amount in ((8, Decimal("100000")), (9, Decimal("150000"))):
        declaration_submit(
            startup=cast.own,
            as_of=AS_OF,
            direct_jobs=jobs,
            indirect_jobs=2,
            revenue_mad=Decimal("2000000"),
            exports=[ExportLine(AS_OF.year, "fr", amount)],
            patents=[PatentLine(dt.date(AS_OF.year, 5, 2), "Capteur d'irrigation")],
            fundings=[FundingLine(dt.date(AS_OF.year, 3, 1), "Tamwilcom", Decimal("500000"))],
            by=cast.owner,
        )
    assert Declaration.objects.get(startup=cast.own, as_of=AS_OF).direct_jobs == 9
    assert list(
        Headcount.objects.filter(startup=cast.own).values_list("direct_jobs", flat=True)
    ) == [9]
    export = Export.objects.get(startup=cast.own)
    assert (export.country, export.amount_mad) == ("FR", Decimal("150000"))
    assert Patent.objects.filter(startup=cast.own).count() == 1
    assert Funding.objects.filter(startup=cast.own).count() == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"as_of": TODAY + dt.timedelta(days=1)}, "as_of"),
        ({"direct_jobs": -1}, "direct_jobs"),
        ({"revenue_mad": Decimal("-5")}, "revenue_mad"),
        ({"exports": [ExportLine(AS_OF.year, "MA", None)]}, "exports.0.country"),
        ({"exports": [ExportLine(AS_OF.year, "France", None)]}, "exports.0.country"),
        ({"exports": [ExportLine(1990, "FR", None)]}, "exports.0.year"),
        (
            {"exports": [ExportLine(AS_OF.year, "FR", None), ExportLine(AS_OF.year, "fr", None)]},
            "exports",
        ),
        ({"fundings": [FundingLine(AS_OF, "BPI", Decimal("0"))]}, "fundings.0.amount_mad"),
        ({"patents": [PatentLine(TODAY + dt.timedelta(days=3), "X")]}, "patents.0.filed_on"),
    ],
)
def test_bad_declarations_are_refused_and_change_nothing(cast, changes, field):
    args = {"startup": cast.own, "as_of": AS_OF, "direct_jobs": 4, "by": cast.owner, **changes}
    with pytest.raises(DomainError) as error:
        declaration_submit(**args)
    assert error.value.field == field
    assert not Headcount.objects.exists() and not Declaration.objects.exists()


def test_the_api_records_a_declaration_for_members_and_staff(cast):
    payload = {
        "as_of": AS_OF.isoformat(),
        "direct_jobs": 14,
        "indirect_jobs": 4,
        "revenue_mad": "3200000.00",
        "exports": [{"year": AS_OF.year, "country": "SN", "amount_mad": "450000"}],
        "patents": [{"filed_on": AS_OF.isoformat(), "title": "Procédé de tri", "office": "OMPIC"}],
        "fundings": [
            {"obtained_on": AS_OF.isoformat(), "source": "Innov Invest", "amount_mad": "1000000"}
        ],
    }
    response = _post(cast.client("owner"), "OWN-1", payload)
    assert response.status_code == 201, response.content
    assert response.json()["direct_jobs"] == 14
    assert Headcount.objects.get(startup=cast.own).indirect_jobs == 4
    assert Export.objects.get(startup=cast.own).country == "SN"
    assert _post(cast.client("officer"), "OWN-1", {**payload, "direct_jobs": 15}).status_code == 201
    assert Headcount.objects.get(startup=cast.own).direct_jobs == 15


def test_the_api_answers_field_errors_and_hides_other_startups(cast):
    bad = _post(cast.client("owner"), "OWN-1", {"as_of": AS_OF.isoformat(), "direct_jobs": -2})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"].endswith("direct_jobs")
    morocco = _post(
        cast.client("owner"),
        "OWN-1",
        {
            "as_of": AS_OF.isoformat(),
            "direct_jobs": 2,
            "exports": [{"year": AS_OF.year, "country": "MA"}],
        },
    )
    assert morocco.status_code == 400 and morocco.json()["field"] == "exports.0.country"
    other = _post(
        cast.client("other_member"), "OWN-1", {"as_of": AS_OF.isoformat(), "direct_jobs": 1}
    )
    assert other.status_code == 404
    assert not Headcount.objects.exists()


def test_the_form_is_prefilled_with_the_last_answers(cast):
    declaration_submit(
        startup=cast.own,
        as_of=AS_OF,
        direct_jobs=11,
        indirect_jobs=3,
        revenue_mad=Decimal("900000"),
        exports=[ExportLine(AS_OF.year, "CI", Decimal("70000"))],
        by=cast.owner,
    )
    assert declaration_prefill(cast.own)["direct_jobs"] == 11
    page = cast.client("owner").get("/surveys/startups/OWN-1/declare/").content.decode()
    assert 'value="11"' in page and 'value="CI"' in page
    from technopark.surveys.forms import last_period_end

    assert f'type="date" name="as_of" value="{last_period_end(TODAY).isoformat()}"' in page
    assert "People who are not on your payroll but work mostly for you" in page  # the rule


def test_the_form_adds_rows_and_reports_bad_rows(cast):
    client = cast.client("owner")
    row = client.get("/surveys/rows/funding/")
    assert row.status_code == 200 and 'name="funding_amount"' in row.content.decode()
    response = client.post(
        "/surveys/startups/OWN-1/declare/",
        {
            "as_of": AS_OF.isoformat(),
            "direct_jobs": "6",
            "indirect_jobs": "0",
            "funding_obtained_on": [AS_OF.isoformat()],
            "funding_source": ["CCG"],
            "funding_kind": ["loan"],
            "funding_amount": ["deux cents"],
        },
    )
    assert response.status_code == 200
    assert not Headcount.objects.exists()
    ok = client.post(
        "/surveys/startups/OWN-1/declare/",
        {
            "as_of": AS_OF.isoformat(),
            "direct_jobs": "6",
            "indirect_jobs": "0",
            "funding_obtained_on": [AS_OF.isoformat()],
            "funding_source": ["CCG"],
            "funding_kind": ["loan"],
            "funding_amount": ["200000"],
        },
    )
    assert ok.status_code == 302
    assert Funding.objects.get(startup=cast.own).amount_mad == Decimal("200000")

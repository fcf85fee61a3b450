"""Extra figures per declaration campaign: staff set them (until it opens), founders answer
them in their language, bad values change nothing, staff read and export the answers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from technopark.core.errors import Conflict, DomainError
from technopark.house.testing import EnrollmentFactory, StartupFactory, make_member
from technopark.startups.models import Export
from technopark.surveys.models import Campaign, CampaignMetric, Declaration, MetricAnswer
from technopark.surveys.services import (
    MetricSpec,
    campaign_metrics_set,
    campaign_open,
    declaration_submit,
    request_token,
)

TODAY = dt.date.today()
METRICS = [
    MetricSpec(
        "Nombre de clients actifs",
        "integer",
        required=True,
        label_ar="عدد العملاء النشطين",
        label_en="Active customers",
    ),
    MetricSpec(
        "Part du chiffre d'affaires à l'export",
        "decimal",
        unit="%",
        required=True,
        label_en="Share of revenue from exports",
    ),
    MetricSpec("Levée de fonds en cours", "yesno", label_en="Fundraising under way"),
    MetricSpec("Dernier contrat signé", "text"),
    MetricSpec("Subventions reçues", "amount", unit="MAD"),
]


def _open(cast, *, opens_on=TODAY, metrics=METRICS, sites=None, by=None):
    return campaign_open(
        title="Déclaration S2",
        kind="declaration",
        period=f"{TODAY.year}-S2",
        as_of=TODAY,
        opens_on=opens_on,
        closes_on=opens_on + dt.timedelta(days=30),
        sites=sites or [cast.site],
        metrics=metrics,
        by=by or cast.admin,
    )


def _client(cast, who: str, language: str):
    """A signed-in person reading pages in `language` (the language chosen in the menu)."""
    from django.conf import settings

    client = cast.client(who)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _ids(campaign) -> dict[str, int]:
    return {m.label: m.pk for m in campaign.metrics.all()}


def _form(campaign, **values) -> dict:
    ids = _ids(campaign)
    base = {"as_of": TODAY.isoformat(), "direct_jobs": "6", "indirect_jobs": "2"}
    labels = {
        "clients": "Nombre de clients actifs",
        "share": "Part du chiffre d'affaires à l'export",
        "raising": "Levée de fonds en cours",
        "contract": "Dernier contrat signé",
        "grants": "Subventions reçues",
    }
    return {**base, **{f"metric_{ids[labels[k]]}": v for k, v in values.items()}}


def test_staff_add_extra_figures_when_opening_a_declaration(cast):
    client = cast.client("site_manager")
    response = client.post(
        "/surveys/campaigns/new/",
        {
            "title": "Déclaration S2",
            "kind": "declaration",
            "period": "2026-S2",
            "as_of": TODAY.isoformat(),
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + dt.timedelta(days=20)).isoformat(),
            "sites": [cast.site.pk],
            "metric_label": ["Nombre de clients actifs", "", "Levée de fonds en cours"],
            "metric_label_ar": ["عدد العملاء النشطين", "", ""],
            "metric_label_en": ["Active customers", "", ""],
            "metric_kind": ["integer", "integer", "yesno"],
            "metric_unit": ["", "", ""],
            "metric_required": ["1", "0", "0"],
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert [(m.position, m.label, m.kind, m.required) for m in campaign.metrics.all()] == [
        (1, "Nombre de clients actifs", "integer", True),
        (2, "Levée de fonds en cours", "yesno", False),
    ]
    assert campaign.metrics.first().label_ar == "عدد العملاء النشطين"


@pytest.mark.parametrize(
    ("kind", "rows", "message"),
    [
        ("declaration", {"metric_kind": ["yesno"], "metric_unit": ["%"]}, "only a number has"),
        ("declaration", {"metric_kind": ["colour"]}, "choose whole number"),
        ("satisfaction", {}, "Only a declaration campaign asks for figures"),
        (
            "declaration",
            {"metric_label": ["Clients", " clients "], "metric_kind": ["integer", "integer"]},
            "is asked twice",
        ),
    ],
)
def test_bad_extra_figures_are_refused_and_open_nothing(cast, kind, rows, message):
    n = len(rows.get("metric_label", ["Clients"]))
    data = {
        "title": "Déclaration S2",
        "kind": kind,
        "period": "2026-S2",
        "as_of": TODAY.isoformat(),
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + dt.timedelta(days=20)).isoformat(),
        "sites": [cast.site.pk],
        "metric_label": ["Clients"] * n,
        "metric_label_ar": [""] * n,
        "metric_label_en": [""] * n,
        "metric_kind": ["integer"] * n,
        "metric_unit": [""] * n,
        "metric_required": ["1"] * n,
        **rows,
    }
    response = cast.client("site_manager").post("/surveys/campaigns/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Campaign.objects.exists() and not CampaignMetric.objects.exists()


def test_the_figures_asked_change_until_the_campaign_opens(cast):
    coming = _open(cast, opens_on=TODAY + dt.timedelta(days=5))
    page = cast.client("site_manager").post(
        f"/surveys/campaigns/{coming.pk}/metrics/",
        {
            "metric_label": ["Nombre de clients", ""],
            "metric_label_ar": ["", ""],
            "metric_label_en": ["Customers", ""],
            "metric_kind": ["integer", "integer"],
            "metric_unit": ["", ""],
            "metric_required": ["1", "0"],
        },
    )
    assert page.status_code == 302
    assert list(coming.metrics.values_list("label", "label_en")) == [
        ("Nombre de clients", "Customers")
    ]
    opened = _open(cast)
    with pytest.raises(Conflict):
        campaign_metrics_set(campaign=opened, metrics=[], by=cast.admin)
    refused = cast.client("admin").post(
        f"/surveys/campaigns/{opened.pk}/metrics/",
        {"metric_label": ["X"], "metric_kind": ["integer"], "metric_required": ["0"]},
    )
    assert refused.status_code == 200
    assert "This campaign is open: the figures it asks for can no longer change." in (
        refused.content.decode()
    )
    assert opened.metrics.count() == len(METRICS)
    shown = cast.client("officer").get(f"/surveys/campaigns/{opened.pk}/metrics/").content
    assert "The figures asked can be changed until the campaign opens." in shown.decode()


def test_the_founder_sees_the_figures_in_their_language_french_as_fallback(cast):
    campaign = _open(cast)
    body = _client(cast, "owner", "ar").get(f"/surveys/startups/{cast.own.ref}/declare/")
    body = body.content.decode()
    assert "عدد العملاء النشطين" in body
    assert "Part du chiffre d&#x27;affaires à l&#x27;export (%)" in body  # no Arabic label
    assert f'name="metric_{_ids(campaign)["Levée de fonds en cours"]}"' in body
    body = _client(cast, "owner", "en").get(f"/surveys/startups/{cast.own.ref}/declare/")
    body = body.content.decode()
    assert "Active customers" in body and "Share of revenue from exports (%)" in body


@pytest.mark.parametrize(
    ("values", "language", "message"),
    [
        ({"share": "12"}, "fr", "Répondez à « Nombre de clients actifs » : cette campagne le"),
        ({"clients": "douze", "share": "12"}, "fr", "« Nombre de clients actifs » est un nombre"),
        ({"clients": "12.5", "share": "12"}, "en", "“Active customers” is a whole number"),
        ({"clients": "12", "share": "beaucoup"}, "ar", "عدد، مثلًا 12.5"),
        ({"clients": "12", "share": "3", "raising": "peut-être"}, "en", "Answer yes or no to"),
        ({"clients": "12", "share": "3", "grants": "-5"}, "fr", "ne peut pas être négatif"),
        ({"clients": "12", "share": "3", "contract": "x" * 201}, "en", "200 characters at most"),
        ({"clients": "1" * 15, "share": "3"}, "en", "is too large: check the number"),
    ],
)
def test_bad_values_get_a_clear_error_and_change_nothing(cast, values, language, message):
    campaign = _open(cast)
    page = _client(cast, "owner", language).post(
        f"/surveys/startups/{cast.own.ref}/declare/", _form(campaign, **values)
    )
    assert page.status_code == 200
    assert message in page.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert not Declaration.objects.exists() and not MetricAnswer.objects.exists()
    assert campaign.requests.get(startup=cast.own).answered_at is None


def test_the_service_refuses_a_figure_no_open_campaign_asks(cast):
    _open(cast)
    other = _open(cast, sites=[cast.other_site])
    foreign = other.metrics.first()
    with pytest.raises(DomainError) as error:
        declaration_submit(
            startup=cast.own,
            as_of=TODAY,
            direct_jobs=3,
            metrics={foreign.pk: "4"},
            by=cast.owner,
        )
    assert error.value.code == "unknown_metric"
    assert not Declaration.objects.exists()


def test_values_are_stored_per_startup_and_campaign_and_prefilled(cast):
    campaign = _open(cast)
    form = _form(
        campaign,
        clients="1 250",
        share="12,5",
        raising="yes",
        contract="  OCP   Digital ",
        grants="250 000",
    )
    client = cast.client("owner")
    assert client.post(f"/surveys/startups/{cast.own.ref}/declare/", form).status_code == 302
    request = campaign.requests.get(startup=cast.own)
    values = {a.metric.label: a.value for a in request.metric_answers.select_related("metric")}
    assert values == {
        "Nombre de clients actifs": Decimal("1250"),
        "Part du chiffre d'affaires à l'export": Decimal("12.5"),
        "Levée de fonds en cours": True,
        "Dernier contrat signé": "OCP Digital",
        "Subventions reçues": Decimal("250000"),
    }
    assert request.answered_at is not None and request.declaration.direct_jobs == 6
    body = client.get(f"/surveys/startups/{cast.own.ref}/declare/").content.decode()
    assert 'value="1250"' in body and 'value="12.5"' in body and 'value="yes" checked' in body
    # Correcting: an optional value left empty is removed, the others replaced.
    again = _form(campaign, clients="1300", share="10")
    assert client.post(f"/surveys/startups/{cast.own.ref}/declare/", again).status_code == 302
    assert request.metric_answers.count() == 2


def test_the_answer_link_asks_the_extra_figures_too(cast):
    campaign = _open(cast)
    link = f"/surveys/r/{request_token(campaign.requests.get(startup=cast.own))}/"
    anonymous = cast.client(None)
    assert "Active customers" in anonymous.get(link).content.decode()
    missing = anonymous.post(link, {"as_of": TODAY.isoformat(), "direct_jobs": "3"})
    assert missing.status_code == 200 and "this campaign asks for it" in missing.content.decode()
    done = anonymous.post(link, _form(campaign, clients="8", share="0"))
    assert done.status_code == 200 and "Thank you" in done.content.decode()
    assert MetricAnswer.objects.filter(request__startup=cast.own).count() == 2


def _answered(cast):
    """Own (site A) and a startup of site B answer a campaign asking both sites."""
    campaign = _open(cast, sites=[cast.site, cast.other_site])
    Export.objects.create(startup=cast.own, year=TODAY.year, country="FR", amount_mad=300000)
    cast.client("owner").post(
        f"/surveys/startups/{cast.own.ref}/declare/",
        _form(campaign, clients="42", share="18.5", raising="no"),
    )
    cast.client("other_member").post(
        f"/surveys/startups/{cast.other.ref}/declare/",
        _form(campaign, clients="7", share="0"),
    )
    return campaign


def test_staff_read_the_answers_and_export_them_with_the_standard_figures(cast):
    campaign = _answered(cast)
    page = cast.client("site_manager").get(f"/surveys/campaigns/{campaign.pk}/").content.decode()
    assert "<th>Active customers</th>" in page and "<td>42</td>" in page
    assert "Other Startup" not in page  # site B's startup: not this manager's to read

    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    cast.client("admin")
                    .get(f"/surveys/campaigns/{campaign.pk}/?export=csv&sort=name")
                    .streaming_content
                )
                .decode()
                .lstrip("\ufeff")
            ),
            delimiter=";",
        )
    )
    header, by_ref = rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert {"Direct jobs", "Revenue (MAD)", f"Exports {TODAY.year} (MAD)"} <= set(header)
    assert "Share of revenue from exports (%)" in header  # in the reader's language
    assert "Dernier contrat signé" in header  # French when not translated
    own = by_ref["OWN-1"]
    assert own["Direct jobs"] == "6" and own["Active customers"] == "42"
    assert own["Share of revenue from exports (%)"] == "18.5"
    assert own["Fundraising under way"] == "No"
    assert Decimal(own[f"Exports {TODAY.year} (MAD)"]) == 300000
    assert by_ref["OTHER-1"]["Active customers"] == "7"

    workbook = load_workbook(
        io.BytesIO(
            cast.client("site_manager").get(f"/surveys/campaigns/{campaign.pk}/export.xlsx").content
        )
    )
    sheet = workbook.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "Active customers" in values[0]
    assert [row[0] for row in values[1:]] == ["OWN-1"]  # only what the manager may read


def test_a_startup_never_reads_another_startups_answers(cast):
    campaign = _answered(cast)
    for who in ("owner", "other_member"):
        client = cast.client(who)
        assert client.get(f"/surveys/campaigns/{campaign.pk}/").status_code == 404
        assert client.get(f"/surveys/campaigns/{campaign.pk}/?export=csv").status_code == 404
    # The other startup's form is prefilled with its own values only.
    body = cast.client("other_member").get(f"/surveys/startups/{cast.other.ref}/declare/")
    assert 'value="7"' in body.content.decode() and 'value="42"' not in body.content.decode()
    assert (
        cast.client("other_member").get(f"/surveys/startups/{cast.own.ref}/declare/").status_code
        == 404
    )


def test_two_open_declarations_each_get_their_figures(cast):
    first = _open(cast)
    second = campaign_open(
        title="Enquête innovation",
        kind="declaration",
        period=f"{TODAY.year}-I",
        as_of=TODAY,
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=60),
        sites=[cast.site],
        metrics=[MetricSpec("Projets de R&D", "integer", required=True)],
        by=cast.admin,
    )
    rd = second.metrics.get()
    form = {**_form(first, clients="3", share="1"), f"metric_{rd.pk}": "2"}
    client = cast.client("owner")
    page = client.get(f"/surveys/startups/{cast.own.ref}/declare/").content.decode()
    assert "Also asked by “Déclaration S2”" in page and "Also asked by “Enquête innovation”" in page
    assert client.post(f"/surveys/startups/{cast.own.ref}/declare/", form).status_code == 302
    assert second.requests.get(startup=cast.own).metric_answers.get().value == 2
    assert first.requests.get(startup=cast.own).metric_answers.count() == 2


def test_a_startup_asked_without_members_answers_by_its_link(cast):
    lone = StartupFactory(ref="LONE-1", name="Lone Startup", email="contact@lone.ma")
    EnrollmentFactory(startup=lone, site=cast.site, started_on=dt.date(2022, 3, 1))
    campaign = _open(cast)
    link = f"/surveys/r/{request_token(campaign.requests.get(startup=lone))}/"
    assert cast.client(None).post(link, _form(campaign, clients="1", share="0")).status_code == 200
    assert campaign.requests.get(startup=lone).answered_at is not None
    member = make_member(lone, email="new@lone.ma")
    assert cast.client(None).get(link).status_code == 410
    del member

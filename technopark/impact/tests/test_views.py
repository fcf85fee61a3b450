"""The bilan through HTTP and the command line, as the people who use it."""

from __future__ import annotations

import datetime as dt
import io
import json
from importlib.util import find_spec

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from technopark.impact.definitions import KEYS
from technopark.impact.engine import compute_bilan
from technopark.impact.models import Edition
from technopark.startups.models import Headcount

D = "2022-11-30"


def test_api_returns_the_engines_json(cast):
    response = cast.client("admin").get(f"/api/v1/bilan?as_of={D}")
    assert response.status_code == 200
    body = response.json()
    assert body == compute_bilan(as_of=dt.date(2022, 11, 30))
    assert list(body["kpis"]) == KEYS and body["kpis"]["residents"] == 1


@pytest.mark.parametrize(
    ("query", "code"),
    [("as_of=30/11/2022", "invalid_date"), ("as_of=2022-02-30", "invalid_date"),
     ("site=NOPE", "unknown_site"), ("operator=nobody", "unknown_operator")],
)  # fmt: skip
def test_api_bad_input_is_a_json_400(cast, query, code):
    response = cast.client("admin").get(f"/api/v1/bilan?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["message"]


def test_api_site_scope_for_that_sites_staff_only(cast):
    assert cast.client("site_manager").get("/api/v1/bilan?site=SA").json()["scope"] == "SA"
    assert cast.client("other_site_staff").get("/api/v1/bilan?site=SA").status_code == 404
    assert cast.client("owner").get("/api/v1/bilan").status_code == 404


def test_dashboard_reads_like_the_press_release(cast):
    page = cast.client("admin").get(f"/bilan/?as_of={D}").content.decode()
    assert "Startups supported" in page  # tests read pages in English (conftest)
    assert f"/bilan/figure/residents/?as_of={D}" in page
    assert "/bilan/methodology/#occupancy_rate" in page
    sites = cast.client("admin").get(f"/bilan/sites/?as_of={D}").content.decode()
    assert "Site A" in sites and "Site B" in sites  # the operating sites side by side
    assert f"/bilan/figure/residents/?as_of={D}&amp;site=SA" in sites
    charts = cast.client("admin").get(f"/bilan/trends/?as_of={D}").content.decode()
    assert charts.count("<svg") == 5 and "<polyline" in charts


def test_site_manager_chooses_among_own_sites_only(cast):
    page = cast.client("site_manager").get("/bilan/").content.decode()
    assert 'value="SA"' in page and 'value="SB"' not in page
    assert cast.client("site_manager").get("/bilan/?site=SB").status_code == 404


def test_drilldown_lists_only_records_the_user_may_see(cast):
    url = f"/bilan/figure/startups_supported/?as_of={D}"
    admin = cast.client("admin").get(url).content.decode()
    assert "Own Startup" in admin and "Other Startup" in admin
    manager = cast.client("site_manager").get(url).content.decode()
    assert "Own Startup" in manager and "Other Startup" not in manager
    filtered = cast.client("admin").get(url + "&q=other").content.decode()
    assert "Other Startup" in filtered and "Own Startup" not in filtered


def test_drilldown_exports_to_excel(cast):
    response = cast.client("admin").get(f"/bilan/figure/residents/?as_of={D}&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[2][0] == "Own Startup (OWN-1)" and rows[2][2] == "A-101"
    assert len(rows) == 3


def test_unknown_figure_is_404(cast):
    assert cast.client("admin").get("/bilan/figure/nope/").status_code == 404


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_methodology_explains_every_figure_in_each_language(client, db, language):
    client.cookies["technopark_language"] = language
    page = client.get("/bilan/methodology/").content.decode()
    assert all(f'id="{key}"' in page for key in KEYS)
    assert "InBIA" in page and "EBN" in page and "GALI" in page and "Eurostat" in page


def test_an_edition_keeps_its_figures_and_shows_what_changed(cast):
    admin = cast.client("admin")
    response = admin.post("/bilan/editions/", {"name": "Bilan d'étape 2022", "as_of": D})
    edition = Edition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bilan/editions/{edition.pk}/"
    assert edition.figures["kpis"]["jobs_direct"] == 0
    Headcount.objects.create(startup=cast.own, as_of=dt.date(2022, 6, 30), direct_jobs=12)
    edition.refresh_from_db()
    assert edition.figures["kpis"]["jobs_direct"] == 0
    page = admin.get(f"/bilan/editions/{edition.pk}/?recompute=1").content.decode()
    assert "tp-bilan-changed" in page and "12" in page
    again = admin.post("/bilan/editions/", {"name": "bilan d'étape 2022", "as_of": D})
    assert again.status_code == 200 and Edition.objects.count() == 1


def test_cli_json_table_and_errors(cast, capsys):
    call_command("bilan", "--as-of", D, "--format", "json")
    assert json.loads(capsys.readouterr().out) == compute_bilan(as_of=dt.date(2022, 11, 30))
    call_command("bilan", "--as-of", D, "--site", "SA")
    table = capsys.readouterr().out
    assert "SA" in table and "residents" in table
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("bilan", "--as-of", "30/11/2022")
    with pytest.raises(CommandError, match="NOPE"):
        call_command("bilan", "--site", "NOPE")


def test_cli_pdf_uses_the_report_when_there_is_one(cast, tmp_path):
    out = tmp_path / "bilan.pdf"
    if find_spec("technopark.publishing.reports") is None:
        with pytest.raises(CommandError, match="not available"):
            call_command("bilan", "--format", "pdf", "--output", str(out))
    else:
        call_command("bilan", "--as-of", D, "--format", "pdf", "--output", str(out))
        assert out.read_bytes().startswith(b"%PDF")

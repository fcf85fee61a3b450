"""The import page names tables as people do, in their language (issue 23, item 8)."""

import pytest

from technopark.interchange.models import ImportJob
from technopark.interchange.tables import SHEET_TABLES, TABLE_LABELS
from technopark.interchange.tests.helpers import BASE
from technopark.interchange.tests.test_web import _zip, run_tasks  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_every_table_has_a_label():
    assert set(TABLE_LABELS) == {t.name for t in SHEET_TABLES}


def test_the_preview_names_tables_by_their_labels_not_their_file_names(cast, run_tasks):  # noqa: F811
    """The preview's rows read "sites", "spaces", "startups" (the English file names, in
    every language): they read the tables' translated labels."""
    client = cast.client("admin")
    with run_tasks(execute=True):
        response = client.post("/interchange/", {"files": _zip(BASE)})
    job = ImportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert job.status == ImportJob.Status.CHECKED
    preview = page.split("tp-preview", 1)[1].split("</table>", 1)[0]
    for name in BASE:
        label = str(TABLE_LABELS[name])
        assert f'<th scope="row">{label}</th>' in preview
        if label.lower() != name:
            assert f'<th scope="row">{name}</th>' not in preview


def test_the_import_page_names_the_tables_in_the_readers_language(cast):
    """The page's introduction listed "(sites, spaces, startups, programs, enrollments,
    leases, …)", English words in the French and Arabic page: each table is named by its
    label, its file name written beside it as code."""
    page = cast.client("admin").get("/interchange/").content.decode()
    intro = page.split("data-formats", 1)[1].split("</ul>", 1)[0]
    assert 'Hosting contracts (<code dir="ltr">leases.csv</code>)' in intro
    assert "(sites, spaces, startups" not in page

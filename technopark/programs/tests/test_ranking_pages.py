"""A long ranking is paged and can be sorted; each application keeps its rank."""

from __future__ import annotations

import csv
import io

from technopark.house.testing import UserFactory
from technopark.programs.models import Application
from technopark.programs.selectors import ranking
from technopark.programs.tests.fixtures import make_call


def test_the_ranking_sorts_and_pages_and_keeps_each_rank(cast):
    """Past 50 applications the ranking is paged; sorting by project keeps each one's rank."""
    call = make_call(cast)
    for i in range(55):
        Application.objects.create(
            call=call,
            applicant=UserFactory(email=f"candidat{i}@example.ma"),
            project_name=f"Projet {i:02d}",
            status="submitted",
        )
    client = cast.client("site_manager")
    url = f"/programs/calls/{call.pk}/ranking/"

    first = client.get(url, {"sort": "project"}).content.decode()
    assert "55 results" in first and "showing 1–50" in first and "Page 1 of 2" in first
    names = [f"Projet {i:02d}" for i in range(55)]
    assert names[0] in first and names[49] in first and names[50] not in first
    assert "page=2" in first and "sort=project" in first  # the next page keeps the order

    second = client.get(url, {"sort": "project", "page": 2}).content.decode()
    assert "showing 51–55" in second
    assert all(name in second for name in names[50:]) and names[0] not in second

    # The export is the whole list in the chosen order, not the page.
    response = client.get(url, {"sort": "project", "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert [r[1] for r in rows] == names
    ranks = {r[1]: r[0] for r in rows}
    by_rank = {row.application.project_name: str(n) for n, row in enumerate(ranking(call), 1)}
    assert ranks == by_rank

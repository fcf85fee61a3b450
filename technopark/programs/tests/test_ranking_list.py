"""A call's ranking is a list officers work from: search, filter by status, download it."""

from __future__ import annotations

import csv
import io

from django.db.models import Count, Q
from django.test import Client

from technopark.accounts.models import User
from technopark.programs.models import Application, Call
from technopark.programs.selectors import ranking


def _busiest_call() -> Call:
    return (
        Call.objects.annotate(n=Count("applications", filter=~Q(applications__status="draft")))
        .order_by("-n")
        .first()
    )


def test_the_ranking_searches_filters_and_exports_what_is_shown(demo_network, db):
    call = _busiest_call()
    ranked = ranking(call)
    assert len(ranked) >= 3, "the demo's busiest call has applications under selection"
    client = Client()
    client.force_login(User.objects.get(email="direction@demo.technopark.ma"))
    url = f"/programs/calls/{call.pk}/ranking/"

    page = client.get(url).content.decode()
    assert f"{len(ranked)} results" in page

    third = ranked[2].application
    page = client.get(url, {"q": third.project_name}).content.decode()
    assert "<td>3</td>" in page  # its rank in the whole ranking, not 1
    assert f"of {len(ranked)} ranked" in page

    status = ranked[0].application.status
    same = [r for r in ranked if r.application.status == status]
    response = client.get(url, {"status": status, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:2] == ["Rank", "Project"]
    assert [r[1] for r in rows[1:]] == [r.application.project_name for r in same]
    label = dict(Application.Status.choices)[status]
    assert all(r[3] == str(label) for r in rows[1:])

    response = client.get(url, {"export": "xlsx"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )

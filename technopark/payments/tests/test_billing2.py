"""What issue 27 left to close on the payments side: the managers' "today" item for the
transfers waiting in reconciliation."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from technopark.payments.nav import today_items
from technopark.payments.tests.test_statements import _import, invoices, mt940  # noqa: F401


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_managers_see_the_transfers_waiting_and_the_link_lists_as_many(cast, invoices):  # noqa: F811
    assert today_items(_request(cast.site_manager)) == []  # nothing waiting, nothing shown
    _import(
        cast,
        "mt940",
        mt940(
            [
                ("BK1", "1200,00", "VIR RECU FACTURE SA 2026 1"),  # recorded
                ("BK2", "1200,00", "VIREMENT OWN STARTUP LOYER"),  # proposed
                ("BK3", "777,00", "VIR RECU STE INCONNUE"),  # waiting
            ]
        ),
    )
    with CaptureQueriesContext(connection) as queries:
        (item,) = today_items(_request(cast.site_manager))
    assert len([q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]) <= 2
    assert item.count == 2
    assert item.url == f"/payments/{cast.site.code}/statements/"
    page = cast.client("site_manager").get(item.url).content.decode()
    listed = re.findall(r'<tr data-state="(proposed|unknown)"', page)
    assert len(listed) == item.count
    # the staff of another site and the founders are not told
    assert today_items(_request(cast.other_site_staff)) == []
    assert today_items(_request(cast.owner)) == []

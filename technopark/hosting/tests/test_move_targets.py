"""'Move to another space' offers only spaces vacant over the period (issue 23, item 8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from technopark.core.errors import Conflict
from technopark.hosting import services
from technopark.hosting.models import Lease
from technopark.house.testing import LeaseFactory, SpaceFactory


@pytest.fixture
def spaces(cast):
    vacant = SpaceFactory(site=cast.site, code="A-198")
    occupied = SpaceFactory(site=cast.site, code="A-197")
    LeaseFactory(startup=cast.other, space=occupied, starts_on=dt.date(2022, 1, 1))
    return vacant, occupied


def _options(html: str) -> str:
    return html.split('name="move-space"', 1)[1].split("</select>", 1)[0]


def test_the_move_form_offers_only_vacant_spaces_and_the_service_refuses_an_occupied_one(
    cast, spaces
):
    vacant, occupied = spaces
    lease = Lease.objects.get(startup=cast.own, space__code="A-101")
    staff = cast.client("site_manager")
    url = f"/hosting/{cast.site.code}/contracts/{lease.pk}/"
    options = _options(staff.get(url).content.decode())
    assert f'value="{vacant.pk}"' in options
    assert f'value="{occupied.pk}"' not in options
    # Posted anyway (a stale page): the form refuses it, nothing moves.
    staff.post(f"{url}move/", {"move-space": occupied.pk, "move-on": "2026-12-01"})
    assert Lease.objects.get(pk=lease.pk).ends_on is None
    # The service itself refuses an occupied space and leaves everything as it was.
    with pytest.raises(Conflict):
        services.lease_move(
            lease=lease,
            space=occupied,
            on=dt.date(2026, 12, 1),
            monthly_rent_mad=Decimal("1000"),
            by=cast.site_manager,
        )
    lease.refresh_from_db()
    assert lease.ends_on is None and lease.status == Lease.Status.ACTIVE
    assert not Lease.objects.filter(startup=cast.own, space=occupied).exists()

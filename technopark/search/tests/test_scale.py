"""`seed-demo --scale`: a whole number from 1, refused before anything is written."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from technopark.startups.models import Startup


@pytest.mark.django_db
def test_a_scale_below_one_is_refused_and_nothing_is_built():
    with pytest.raises(CommandError):
        call_command("seed-demo", "--size", "small", "--scale", "0")
    assert not Startup.objects.exists()


def test_the_network_part_multiplies_its_size_by_the_scale():
    import datetime as dt

    from technopark.core.demo import DemoContext
    from technopark.house.demo_network import DemoNetwork

    small = DemoContext(today=dt.date(2026, 12, 7), size="small")
    tenfold = DemoContext(today=dt.date(2026, 12, 7), size="small")
    tenfold.scale = 10
    assert DemoNetwork(tenfold).scale == pytest.approx(10 * DemoNetwork(small).scale)

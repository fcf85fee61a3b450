"""Small builders for applications, shared by the regions and scenario tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.house.testing import ProgramFactory, StartupFactory, UserFactory
from technopark.programs.models import Application, Call


def make_call(site, code: str = "INC") -> Call:
    return Call.objects.create(
        program=ProgramFactory(code=code),
        site=site,
        title=f"Appel {code} {site.code}",
        opens_on=dt.date(2020, 1, 1),
        closes_on=dt.date(2030, 12, 31),
        published_at=timezone.now(),
    )


def make_applications(call: Call, *, region: str, status: str, count: int, year: int, sector=""):
    for _ in range(count):
        startup = StartupFactory(region_id=region) if status == "admitted" else None
        Application.objects.create(
            call=call,
            applicant=UserFactory(),
            status=status,
            project_name="Projet",
            sector=sector,
            region_id=region,
            submitted_at=None if status == "draft" else dt.datetime(year, 5, 1, 12, tzinfo=dt.UTC),
            startup=startup,
        )

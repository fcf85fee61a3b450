"""A call is named in French, and in Arabic and English when the officer gives them: the
list of calls they run shows which translations are missing; readers see their language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from technopark.house.testing import ProgramFactory
from technopark.programs.models import Call

pytestmark = pytest.mark.django_db


def test_an_officer_names_a_call_in_three_languages_and_sees_what_is_missing(cast):
    officer = cast.client("officer")
    today = timezone.localdate()
    officer.post(
        "/programs/calls/new/",
        {
            "program": ProgramFactory().pk,
            "site": cast.site.pk,
            "title": "Incubation printemps",
            "title_ar": "احتضان الربيع",
            "title_en": "",
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=30)).isoformat(),
        },
    )
    call = Call.objects.get(title="Incubation printemps")
    assert (call.title_ar, call.title_en) == ("احتضان الربيع", "")
    page = officer.get("/programs/calls/").content.decode()
    row = page[page.index(f"/programs/calls/{call.pk}/") :].split("</tr>")[0]
    assert 'lang="en"' in row and 'lang="ar"' not in row  # the English title is missing

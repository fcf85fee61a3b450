"""What the desk's people read: no "Start" on a step already started, two different
links where there were two "Dossiers", and a founder's breadcrumb leading to their
startup, not to the staff's "Site operations"."""

from __future__ import annotations

import re

import pytest

from technopark.desk import services_files as services
from technopark.desk.tests.factories import make_desk
from technopark.desk.tests.file_factories import make_cnss_desk, make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def file(cast):
    make_desk(cast.site)
    make_cnss_desk(cast.site)
    return services.desk_file_open(procedure=make_procedure(), startup=cast.own, by=cast.owner)


def _moves(page: str) -> list[str]:
    select = re.search(r'<select[^>]*name="move">(.*?)</select>', page, re.S)[1]
    return re.findall(r'<option value="([a-z_]+)">', select)


def test_a_step_in_progress_is_not_offered_start_again(cast, file):
    agent = cast.client("desk_agent")
    assert _moves(agent.get(f"/desk/files/{file.pk}/").content.decode()) == [
        "start",
        "done",
        "block",
    ]
    step = file.steps.get(position=1)
    services.desk_file_step_move(step=step, move="start", by=cast.desk_agent)
    assert _moves(agent.get(f"/desk/files/{file.pk}/").content.decode()) == ["done", "block"]


def test_a_founders_breadcrumb_leads_to_their_startup(cast, file):
    page = cast.client("owner").get(f"/desk/files/{file.pk}/").content.decode()
    crumbs = page.split("data-founder-crumbs", 1)[1].split("</nav>", 1)[0]
    assert 'href="/startups/mine/"' in crumbs and "My startup" in crumbs
    assert "Site operations" not in crumbs
    staff = cast.client("site_manager").get(f"/desk/files/{file.pk}/").content.decode()
    assert "data-founder-crumbs" not in staff


def test_the_desk_day_names_its_two_lists_apart(cast):
    desk = make_desk(cast.site)
    page = cast.client("site_manager").get(f"/desk/{desk.pk}/manage/").content.decode()
    assert "Cases at this desk" in page and "Files across the desks" in page

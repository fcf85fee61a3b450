"""The staff's startup directory: tick startups (or all matching, every page), export the
selection, or write to their members; only what the person may see."""

from __future__ import annotations

import csv
import io

import pytest

from technopark.house.testing import StartupFactory, make_member
from technopark.messaging.models import Message, Recipient
from technopark.startups.views import PAGE_SIZE

pytestmark = pytest.mark.django_db

URL = "/bulk/startups.directory/all/"


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def test_the_directory_offers_a_selection_to_staff_with_a_count_of_all_matching(cast):
    for n in range(PAGE_SIZE + 6):
        StartupFactory(ref=f"PUB-{n}", name=f"Space {n:02d}", sector="Spacetech", public=True)
    page = cast.client("site_manager").get("/startups/?sector=Spacetech").content.decode()
    assert 'action="/bulk/startups.directory/all/"' in page
    assert f"Select all {PAGE_SIZE + 6} matching rows, every page" in page
    assert page.count("data-bulk-row") == PAGE_SIZE  # one box per card of this page
    assert 'name="query" value="sector=Spacetech"' in page
    options = page.split('name="action"')[1].split("</select>")[0]
    assert "Write to their members" in options and "Export to Excel" in options


def test_a_partner_exports_but_is_not_offered_to_write(cast):
    page = cast.client("partner_admin").get("/startups/").content.decode()
    options = page.split('name="action"')[1].split("</select>")[0]
    assert "Export to CSV" in options and "Write to their members" not in options
    response = cast.client("partner_admin").post(URL, {"action": "write", "ids": cast.own.pk})
    assert response.status_code == 403


def test_export_of_the_ticked_startups_in_french_excel_csv(cast):
    public = StartupFactory(ref="PUB-1", name="Publique", public=True, email="pub@example.ma")
    response = cast.client("site_manager").post(
        URL, {"action": "export_csv", "ids": f"{cast.own.pk},{public.pk}"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="startups-selection.csv"'
    rows = _csv(response)
    assert rows[0][:2] == ["Reference", "Name"]
    by_ref = {row[0]: row for row in rows[1:]}
    assert set(by_ref) == {"OWN-1", "PUB-1"}
    email, members = rows[0].index("E-mail"), rows[0].index("Members")
    assert by_ref["OWN-1"][members] == "2"  # its founder and colleague: the site follows it
    # A public startup the site does not follow: its profile, not its private records.
    assert by_ref["PUB-1"][email] == "" and by_ref["PUB-1"][members] == ""


def test_export_to_excel(cast):
    response = cast.client("admin").post(URL, {"action": "export_xlsx", "ids": cast.own.pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('startups-selection.xlsx"')
    assert response.content[:2] == b"PK"


def test_all_matching_takes_every_page_of_the_search_and_only_what_one_sees(cast):
    for n in range(PAGE_SIZE + 3):
        StartupFactory(ref=f"AGRI-{n}", name=f"Agri {n:02d}", sector="Agritech", public=True)
    StartupFactory(ref="AGRI-HIDDEN", name="Agri caché", sector="Agritech", public=False)
    response = cast.client("site_manager").post(
        URL, {"action": "export_csv", "all": "1", "query": "sector=Agritech"}
    )
    refs = {row[0] for row in _csv(response)[1:]}
    assert len(refs) == PAGE_SIZE + 3 and "AGRI-HIDDEN" not in refs


def test_forged_ids_of_startups_one_may_not_see_are_left_out(cast):
    # `other` is private and followed by site B: site A's manager never exports it.
    response = cast.client("site_manager").post(
        URL, {"action": "export_csv", "ids": f"{cast.own.pk},{cast.other.pk}"}
    )
    assert {row[0] for row in _csv(response)[1:]} == {"OWN-1"}
    only_forged = cast.client("site_manager").post(
        URL, {"action": "export_csv", "ids": cast.other.pk}
    )
    assert only_forged.status_code == 302 and only_forged["Location"] == "/startups/"


def test_founders_and_experts_are_offered_nothing(cast):
    for who in ("owner", "expert"):
        response = cast.client(who).post(URL, {"action": "export_csv", "ids": cast.own.pk})
        assert response.status_code == 403, who
    assert (
        cast.client("site_manager")
        .post("/bulk/startups.directory/SA/", {"action": "export_csv", "ids": cast.own.pk})
        .status_code
        == 403
    )  # the directory has one scope


def test_write_to_the_members_of_the_selected_startups(cast):
    empty = StartupFactory(ref="EMPTY-1", name="Sans membre", public=False)
    followed_public = StartupFactory(ref="PUB-2", name="Suivie publique", public=True)
    stranger = StartupFactory(ref="PUB-3", name="Inconnue publique", public=True)
    make_member(stranger, founder=True, email="stranger@example.ma")
    from technopark.house.testing import EnrollmentFactory

    EnrollmentFactory(startup=empty, site=cast.site)
    EnrollmentFactory(startup=followed_public, site=cast.site)
    make_member(followed_public, founder=True, email="suivie@example.ma")
    client = cast.client("site_manager")
    ids = [cast.own.pk, empty.pk, followed_public.pk, stranger.pk, cast.other.pk]
    response = client.post(URL, {"action": "write", "ids": ",".join(map(str, ids))})
    assert response.status_code == 302
    assert response["Location"] == "/messages/new/?audience=startups"

    compose = client.get(response["Location"]).content.decode()
    assert "4 startups selected in the directory" in compose  # `other` was never visible
    assert "the members of 2 startups get the message" in compose
    left_out = compose.split("data-left-out")[1].split("</ul>")[0]
    assert "Sans membre: No member to write to." in left_out
    assert "Inconnue publique: Not one your sites or programs follow." in left_out

    data = {
        "audience": "startups",
        "subject_fr": "Atelier export",
        "body_fr": "Un atelier sur l'export aura lieu jeudi.",
        "key": "k-startups",
    }
    preview = client.post("/messages/new/", {**data, "preview": "1"}).content.decode()
    assert "3 people will get it:" in preview
    sent = client.post("/messages/new/", {**data, "send": "1"})
    message = Message.objects.get()
    assert sent["Location"] == f"/messages/{message.pk}/"
    assert message.audience == "startups"
    assert message.audience_label == "The members of 2 selected startups"
    assert set(Recipient.objects.values_list("user__email", flat=True)) == {
        "owner@example.ma",
        "colleague@example.ma",
        "suivie@example.ma",
    }
    # Sent: the selection is spent; the form no longer offers it.
    assert "data-startups-selection" not in client.get("/messages/new/").content.decode()


def test_the_network_administrator_writes_to_any_startup_s_members(cast):
    client = cast.client("admin")
    client.post(URL, {"action": "write", "ids": f"{cast.own.pk},{cast.other.pk}"})
    data = {"audience": "startups", "subject_fr": "Bonjour", "body_fr": "Un mot.", "key": "k2"}
    client.post("/messages/new/", {**data, "send": "1"})
    assert set(Recipient.objects.values_list("user__email", flat=True)) == {
        "owner@example.ma",
        "colleague@example.ma",
        "other@example.ma",
    }


def test_a_selection_in_the_session_of_startups_another_site_follows_reaches_nobody(cast):
    client = cast.client("other_site_staff")
    session = client.session
    session["messaging_startups"] = [cast.own.pk]  # forged: site A's private startup
    session.save()
    page = client.get("/messages/new/?audience=startups").content.decode()
    assert "1 selected startup is no longer yours to see" in page
    data = {"audience": "startups", "subject_fr": "Bonjour", "body_fr": "Un mot.", "key": "k3"}
    response = client.post("/messages/new/", {**data, "send": "1"})
    assert "Nobody is in this selection." in response.content.decode()
    assert not Message.objects.exists()

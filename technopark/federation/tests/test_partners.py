"""Partner structures: their part of the bilan, their own records only, staff and directory."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from technopark.accounts.models import Role
from technopark.core.errors import Conflict, DomainError
from technopark.federation.services import partner_staff_invite, partner_staff_remove
from technopark.impact.engine import compute_bilan
from technopark.network.models import Operator

AS_OF = dt.date(2024, 6, 30)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_partner_startups_count_in_its_part_and_not_in_the_direct_part(fed):
    network = compute_bilan(as_of=AS_OF)["kpis"]
    alpha = compute_bilan(as_of=AS_OF, operator="alpha")["kpis"]
    direct = compute_bilan(as_of=AS_OF, operator="mitc")["kpis"]
    # own and other (direct INC), ALPHA-1 (alpha), BETA-1 (beta)
    assert network["startups_supported"] == 4
    assert network["startups_supported_direct"] == 2
    assert alpha["startups_supported"] == 1
    assert alpha["startups_supported_direct"] == 0
    assert direct["startups_supported"] == 2


def test_bilan_split_page_shows_each_partner_beside_the_total(fed):
    response = login(fed.admin).get("/federation/bilan/", {"as_of": AS_OF.isoformat()})
    assert response.status_code == 200
    labels = [c.label for c in response.context["columns"]]
    assert labels[0] == "Network total"
    assert "Incubateur Alpha" in labels and "Association Beta" in labels
    supported = next(r for r in response.context["rows"] if r["key"] == "startups_supported")
    by_label = dict(zip(labels, supported["values"], strict=True))
    assert by_label["Network total"] == 4
    assert by_label["Incubateur Alpha"] == 1
    assert [v for k, v in by_label.items() if k.startswith("Direct part")] == [2]
    direct = next(r for r in response.context["rows"] if r["key"] == "startups_supported_direct")
    assert dict(zip(labels, direct["values"], strict=True))["Incubateur Alpha"] == 0


def test_partner_sees_its_own_bilan(fed):
    response = login(fed.partner_officer).get(
        "/federation/space/alpha/bilan/", {"as_of": AS_OF.isoformat()}
    )
    rows = {row["label"]: row["value"] for row in response.context["rows"]}
    assert rows["Startups supported"] == 1


def test_partner_home_lists_its_own_startups_only(fed):
    response = login(fed.partner_admin).get("/federation/space/alpha/")
    body = response.content.decode()
    assert "Alpha Startup" in body and "Alpha incubation" in body
    assert "Beta Startup" not in body and "Own Startup" not in body


@pytest.mark.parametrize("page", ["", "bilan/", "staff/", "upload/"])
def test_partner_staff_get_404_on_another_partner(fed, page):
    response = login(fed.partner_admin).get(f"/federation/space/beta/{page}")
    assert response.status_code == 404


def test_partner_space_takes_partner_staff_to_their_partner(fed):
    response = login(fed.other_partner_admin).get("/federation/space/")
    assert response.status_code == 302
    assert response["Location"] == "/federation/space/beta/"


def test_directory_lists_public_partners_with_their_startups(fed):
    response = Client().get("/federation/partners/")
    partners = {p.slug: p for p in response.context["partners"]}
    assert set(partners) == {"alpha"}  # beta is unlisted, the network operator is no partner
    assert partners["alpha"].startup_count == 1
    assert "Alpha incubation" in response.content.decode()


def test_partner_admin_invites_an_officer(fed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(fed.partner_admin).post(
            "/federation/space/alpha/staff/",
            {"email": "Nouvelle@Alpha.ma", "full_name": "Salma Idrissi", "role": "partner_officer"},
        )
    assert response.status_code == 302
    role = Role.objects.get(user__email="nouvelle@alpha.ma")
    assert (role.kind, role.operator) == ("partner_officer", fed.partner)
    assert len(mail.outbox) == 1
    assert "Incubateur Alpha" in mail.outbox[0].subject
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_inviting_twice_is_refused_with_a_message(fed):
    client = login(fed.partner_admin)
    data = {"email": "pofficer@alpha.ma", "role": "partner_officer"}
    response = client.post("/federation/space/alpha/staff/", data)
    assert response.status_code == 200
    assert "already has this role" in response.content.decode()
    assert Role.objects.filter(user__email="pofficer@alpha.ma").count() == 1


def test_an_officer_may_not_invite(fed):
    response = login(fed.partner_officer).post(
        "/federation/space/alpha/staff/", {"email": "x@alpha.ma", "role": "partner_admin"}
    )
    assert response.status_code == 403
    assert not Role.objects.filter(user__email="x@alpha.ma").exists()


def test_the_network_operator_is_not_a_partner(fed):
    mitc = Operator.objects.get(is_network_operator=True)
    with pytest.raises(DomainError):
        partner_staff_invite(operator=mitc, email="a@b.ma", role="partner_admin", by=fed.admin)


def test_the_last_partner_admin_cannot_be_removed(fed):
    with pytest.raises(Conflict):
        partner_staff_remove(operator=fed.partner, user=fed.partner_admin, by=fed.admin)
    partner_staff_remove(operator=fed.partner, user=fed.partner_officer, by=fed.partner_admin)
    assert not Role.objects.filter(user=fed.partner_officer).exists()


def test_removed_staff_lose_access(fed):
    login(fed.partner_admin).post(f"/federation/space/alpha/staff/{fed.partner_officer.pk}/remove/")
    response = login(fed.partner_officer).get("/federation/space/alpha/")
    assert response.status_code == 404


def test_a_partner_joins_the_network_with_its_administrator(
    fed, django_capture_on_commit_callbacks
):
    client = login(fed.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/federation/new-partner/",
            {
                "name": "Incubateur Gamma",
                "slug": "gamma",
                "kind": "labelled",
                "city": "Oujda",
                "region": "MA-02",
                "admin_email": "direction@gamma.ma",
                "public": "on",
            },
        )
    assert response["Location"] == "/federation/space/gamma/"
    gamma = Operator.objects.get(slug="gamma")
    assert (gamma.is_network_operator, gamma.kind, gamma.region_id) == (False, "labelled", "MA-02")
    assert Role.objects.filter(operator=gamma, kind="partner_admin").count() == 1
    assert mail.outbox[0].to == ["direction@gamma.ma"]


def test_adding_a_partner_with_a_taken_short_name_changes_nothing(fed):
    response = login(fed.admin).post(
        "/federation/new-partner/",
        {"name": "Autre", "slug": "alpha", "kind": "other", "admin_email": "a@autre.ma"},
    )
    assert response.status_code == 200
    assert "is taken" in response.content.decode()
    assert not Operator.objects.filter(name="Autre").exists()
    assert not Role.objects.filter(user__email="a@autre.ma").exists()


def test_partner_admin_edits_its_profile_but_not_into_the_network_operator(fed):
    client = login(fed.partner_admin)
    response = client.post(
        "/federation/space/alpha/profile/",
        {"name": "Incubateur Alpha", "kind": "network", "city": "Meknès"},
    )
    assert response.status_code == 200  # "network" is not a partner kind
    response = client.post(
        "/federation/space/alpha/profile/",
        {"name": "Incubateur Alpha", "kind": "association", "city": "Meknès"},
    )
    assert response.status_code == 302
    fed.partner.refresh_from_db()
    assert (fed.partner.kind, fed.partner.city, fed.partner.public) == (
        "association",
        "Meknès",
        False,
    )
    assert not fed.partner.is_network_operator


def test_an_admin_reaches_the_partner_space_before_any_partner_exists(cast):
    response = login(cast.admin).get("/federation/space/")
    assert response.status_code == 200
    assert "/federation/new-partner/" in response.content.decode()
    assert login(cast.owner).get("/federation/space/").status_code == 404


def test_inviting_someone_who_has_an_account_does_not_rename_them(fed):
    someone = fed.admin
    name = someone.full_name
    login(fed.partner_admin).post(
        "/federation/space/alpha/staff/",
        {
            "email": someone.email.upper(),
            "full_name": "Renamed By A Partner",
            "role": "partner_officer",
        },
    )
    someone.refresh_from_db()
    assert someone.full_name == name

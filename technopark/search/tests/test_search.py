"""The one search box: each kind, identifiers in any spelling, typos, accents, and only
what the person may see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from technopark.billing.models import CreditNote, Invoice
from technopark.community.tests.factories import make_event
from technopark.hosting.models import Lease
from technopark.house.testing import LeaseFactory, SpaceFactory, StartupFactory
from technopark.programs.tests.fixtures import make_application
from technopark.search.selectors import compact, fold, search

pytestmark = pytest.mark.django_db

OWN_ICE = "001234567000089"


def _issue(lease: Lease) -> Invoice:
    from technopark.hosting.services import invoice_issue

    lease.monthly_rent_mad = Decimal("4000")
    lease.save()
    return invoice_issue(lease=lease, month=dt.date(2026, 10, 1), issued_on=dt.date(2026, 10, 1))


@pytest.fixture
def world(cast):
    cast.own.ice = OWN_ICE
    cast.own.name = "Argan Cloud"
    cast.own.save()
    cast.owner.full_name = "Youssef Benjelloun"
    cast.owner.save()
    own_invoice = _issue(Lease.objects.get(startup=cast.own, site=cast.site))
    other_lease = LeaseFactory(
        startup=cast.other, space=SpaceFactory(site=cast.other_site, code="B-7")
    )
    other_invoice = _issue(other_lease)
    StartupFactory(ref="FES-9", name="Café Fès Labs", city="Fès", public=True)
    cast.own_invoice = own_invoice
    cast.other_invoice = other_invoice
    return cast


def _get(cast, who, q, **extra):
    return cast.client(who).get("/search/", {"q": q, **extra})


def _labels(results) -> dict[str, list[str]]:
    return {g.kind: [h.label for h in g.hits] for g in results.groups}


def test_fold_drops_accents_case_and_punctuation():
    assert fold("Fès-Saïss") == "fes saiss"
    assert fold("  ÉCOLE  Numérique ") == "ecole numerique"
    assert compact("casa 2026 70") == "casa202670"


# --- each kind -----------------------------------------------------------------------------


def test_startup_by_name_reference_and_ice_with_spaces(world):
    assert "Argan Cloud" in _labels(search(world.owner, "argan"))["startups"]
    by_ref = search(world.owner, "own 1")
    assert _labels(by_ref)["startups"] == ["Argan Cloud"]
    assert by_ref.single_exact is not None
    by_ice = search(world.site_manager, "001 234 567 000 089")
    assert _labels(by_ice)["startups"] == ["Argan Cloud"]
    assert by_ice.single_exact.url == "/startups/OWN-1/"


def test_an_ice_goes_straight_to_the_startup(world):
    response = _get(world, "owner", "0012 3456 7000 089")
    assert response.status_code == 302
    assert response["Location"] == "/startups/OWN-1/"


def test_a_typo_in_a_founders_name_finds_the_person_and_the_startup(world):
    results = _labels(search(world.site_manager, "Benjeloun"))
    assert results["people"] == ["Youssef Benjelloun"]
    assert "Argan Cloud" in results["startups"]
    # Nor by e-mail for someone who does not see that startup's team.
    assert search(world.other_site_staff, "Benjeloun").groups == []
    assert search(world.other_member, "owner@example.ma").groups == []


def test_a_members_email_finds_their_startup(world):
    assert "Argan Cloud" in _labels(search(world.officer, "colleague@example.ma"))["startups"]


def test_accents_do_not_matter(world):
    assert "Café Fès Labs" in _labels(search(world.owner, "Fes"))["startups"]
    assert "Café Fès Labs" in _labels(search(world.owner, "CAFE FES"))["startups"]
    make_event(world.site, title="Rencontre des fondatrices à Fès")
    assert _labels(search(world.colleague, "fondatrices a fes"))["events"] == [
        "Rencontre des fondatrices à Fès"
    ]


@pytest.mark.parametrize(
    "typed",
    ["SA-2026-00001", "sa-2026-1", "sa 2026 1", "SA 2026 00001", "sa2026-0001", " Sa/2026/1 "],
)
def test_invoice_number_in_any_spelling(world, typed):
    assert world.own_invoice.reference == "SA-2026-00001"
    results = search(world.site_manager, typed)
    assert _labels(results) == {"invoices": ["SA-2026-00001"]}
    assert results.single_exact.url == f"/billing/invoices/{world.own_invoice.pk}/"


def test_credit_note_by_number(world):
    from technopark.billing.services.credit_notes import credit_note_issue

    note = credit_note_issue(
        invoice=world.own_invoice,
        issued_on=dt.date(2026, 10, 5),
        reason="Erreur de surface",
        amount_mad=Decimal("100"),
        by=world.site_manager,
        send=False,
    )
    assert isinstance(note, CreditNote)
    results = search(world.owner, f"av {note.site.code} {note.year} {note.number}")
    assert _labels(results) == {"invoices": [note.reference]}
    assert search(world.other_member, note.reference).groups == []


def test_applications_events_spaces_and_contracts(world):
    make_application(world)  # "AgriSense", at site A, by an outside applicant
    assert _labels(search(world.site_manager, "agrisens"))["applications"] == ["AgriSense"]
    assert "applications" not in _labels(search(world.owner, "agrisense"))
    make_event(world.site, title="Atelier pitch")
    assert "Atelier pitch" in _labels(search(world.owner, "atelier"))["events"]
    spaces = _labels(search(world.owner, "A-101"))["spaces"]
    assert any(label.startswith("A-101") for label in spaces)
    contracts = search(world.site_manager, "argan cloud")
    assert _labels(contracts)["contracts"] == ["Argan Cloud"]
    hit = next(g for g in contracts.groups if g.kind == "contracts").hits[0]
    assert "/hosting/SA/contracts/" in hit.url
    # The startup's own founder reads its contract as a document (not the staff page).
    own = next(g for g in search(world.owner, "argan").groups if g.kind == "contracts")
    assert own.hits[0].url.endswith("/pdf/")


# --- the permission matrix -----------------------------------------------------------------

SEES_OWN_INVOICE = {"owner", "colleague", "site_manager", "officer", "admin"}


@pytest.mark.parametrize(
    "role",
    [
        "owner",
        "colleague",
        "other_member",
        "site_manager",
        "officer",
        "other_site_staff",
        "admin",
        "expert",
        "desk_agent",
        "partner_admin",
        "partner_officer",
    ],
)
def test_an_invoice_is_found_only_by_who_may_open_it(world, role):
    user = getattr(world, role)
    found = _labels(search(user, world.own_invoice.reference)).get("invoices", [])
    assert found == (["SA-2026-00001"] if role in SEES_OWN_INVOICE else [])
    response = _get(world, role, world.own_invoice.reference)
    if role in SEES_OWN_INVOICE:
        assert response.status_code == 302
        assert world.client(role).get(response["Location"]).status_code == 200
    else:
        assert response.status_code == 200
        assert b"SA-2026-00001" not in response.content.split(b'id="main"')[1].replace(
            b'value="SA-2026-00001"', b""
        ).replace(b"Search: SA-2026-00001", b"")


@pytest.mark.parametrize(
    "role,sees",
    [
        ("owner", False),
        ("other_member", True),
        ("other_site_staff", True),
        ("site_manager", False),
        ("admin", True),
        ("expert", False),
    ],
)
def test_a_founder_finds_their_own_invoices_and_nobody_elses(world, role, sees):
    found = _labels(search(getattr(world, role), world.other_invoice.reference))
    assert bool(found.get("invoices")) is sees


def test_a_private_startup_is_not_found_by_outsiders(world):
    for role in ("other_member", "expert", "other_site_staff"):
        assert "startups" not in _labels(search(getattr(world, role), "argan"))
        assert search(getattr(world, role), OWN_ICE).groups == []


def test_anonymous_is_sent_to_log_in(world):
    response = world.client(None).get("/search/", {"q": "argan"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- the page ------------------------------------------------------------------------------


def test_a_name_lists_results_without_redirect_and_all_keeps_the_list(world):
    response = _get(world, "owner", "argan")
    assert response.status_code == 200
    assert b"Argan Cloud" in response.content
    kept = _get(world, "owner", "OWN-1", all="1")
    assert kept.status_code == 200
    assert b"/startups/OWN-1/" in kept.content


def test_nothing_found_says_so_in_the_readers_language(world):
    response = _get(world, "owner", "zzqqxx")
    page = response.content.decode()
    assert "Rien trouvé" in page or "Nothing found" in page  # French once the catalogue is built


def test_the_top_bar_has_the_search_box_for_people_signed_in(world):
    page = world.client("owner").get("/search/views/").content.decode()
    assert 'id="tp-search-q"' in page
    assert "search/search.js" in page
    assert 'id="tp-search-q"' not in world.client(None).get("/").content.decode()
    assert "<script>" not in page  # no inline script (strict CSP)


def test_arabic_page_is_right_to_left(world):
    client = world.client("owner")
    response = client.get("/search/", {"q": "argan"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert 'dir="rtl"' in response.content.decode()

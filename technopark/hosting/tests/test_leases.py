"""The contract lifecycle, the no-overlap guarantee, the waiting list, reminders, stay limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from technopark.core.errors import Conflict, DomainError
from technopark.hosting import services
from technopark.hosting.daily import daily
from technopark.hosting.models import Lease, LeaseReminder, WaitingEntry
from technopark.hosting.selectors import site_occupancy, site_spaces
from technopark.house.testing import EnrollmentFactory, SpaceFactory, StartupFactory

D = dt.date


@pytest.fixture
def office(cast):
    return SpaceFactory(site=cast.site, code="A-102", area_m2=Decimal("25"), floor="1er étage")


def new_lease(cast, space, startup, start, end=None, sign=True, **kw):
    return services.lease_create(
        site=cast.site,
        space=space,
        startup=startup,
        starts_on=start,
        planned_end=end or start.replace(year=start.year + 3),
        rent_per_m2_mad=kw.pop("rate", Decimal("60")),
        by=cast.site_manager,
        signed_on=start if sign else None,
        # deposits (and the invoice e-mailed at signing) have their own tests
        deposit_months=kw.pop("deposit_months", 0),
        **kw,
    )


def test_draft_sign_notice_end(cast, office):
    lease = new_lease(cast, office, cast.other, D(2026, 1, 1), sign=False)
    assert lease.status == "draft"
    services.lease_sign(lease=lease, signed_on=D(2025, 12, 20), by=cast.site_manager)
    assert lease.status == "active" and lease.signed_on == D(2025, 12, 20)
    services.lease_give_notice(
        lease=lease, notice_on=D(2026, 6, 1), leaving_on=D(2026, 9, 1), by=cast.site_manager
    )
    assert lease.status == "notice" and lease.planned_end == D(2026, 9, 1)
    services.lease_end(lease=lease, ended_on=D(2026, 8, 15), by=cast.site_manager)
    lease.refresh_from_db()
    assert (lease.status, lease.ends_on) == ("ended", D(2026, 8, 15))
    with pytest.raises(DomainError):
        services.lease_end(lease=lease, ended_on=D(2026, 9, 1), by=cast.site_manager)


def test_a_space_is_never_let_to_two_startups(cast, office):
    first = new_lease(cast, office, cast.own, D(2026, 1, 1))
    with pytest.raises(Conflict) as exc:
        new_lease(cast, office, cast.other, D(2026, 6, 1))
    assert exc.value.code == "space_taken"
    assert "Own Startup" in exc.value.message
    # A draft may overlap (not binding); signing it is what is refused.
    draft = new_lease(cast, office, cast.other, D(2026, 6, 1), sign=False)
    with pytest.raises(Conflict):
        services.lease_sign(lease=draft, signed_on=D(2026, 5, 1), by=cast.site_manager)
    draft.refresh_from_db()
    assert draft.status == "draft"
    # Once the first ends, the space can be let from that day.
    services.lease_end(lease=first, ended_on=D(2026, 6, 1), by=cast.site_manager)
    services.lease_sign(lease=draft, signed_on=D(2026, 5, 1), by=cast.site_manager)


def test_the_database_refuses_overlap_without_the_service(cast, office):
    new_lease(cast, office, cast.own, D(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Lease.objects.create(
            site=cast.site, space=office, startup=cast.other, starts_on=D(2026, 3, 1)
        )


def test_renewal_continues_the_contract(cast, office):
    lease = new_lease(cast, office, cast.own, D(2024, 1, 1), D(2026, 12, 31))
    renewal = services.lease_renew(lease=lease, planned_end=D(2029, 12, 31), by=cast.site_manager)
    lease.refresh_from_db()
    assert renewal.previous == lease
    assert (lease.status, lease.ends_on) == ("ended", D(2026, 12, 31))
    assert (renewal.status, renewal.starts_on, renewal.planned_end) == (
        "active",
        D(2026, 12, 31),
        D(2029, 12, 31),
    )
    assert renewal.monthly_rent == Decimal("1500.00")  # 25 m² × 60 MAD carried over
    with pytest.raises(DomainError):
        services.lease_renew(lease=renewal, planned_end=D(2028, 1, 1), by=cast.site_manager)


def test_move_is_all_or_nothing(cast, office):
    bigger = SpaceFactory(site=cast.site, code="A-103", area_m2=Decimal("40"))
    taken = SpaceFactory(site=cast.site, code="A-104")
    new_lease(cast, taken, cast.other, D(2025, 1, 1))
    lease = new_lease(cast, office, cast.own, D(2025, 1, 1))
    with pytest.raises(Conflict):
        services.lease_move(lease=lease, space=taken, on=D(2026, 3, 1), by=cast.site_manager)
    lease.refresh_from_db()
    assert (lease.status, lease.ends_on) == ("active", None)  # nothing changed
    moved = services.lease_move(lease=lease, space=bigger, on=D(2026, 3, 1), by=cast.site_manager)
    lease.refresh_from_db()
    assert lease.ends_on == moved.starts_on == D(2026, 3, 1)
    assert moved.previous == lease and moved.space == bigger
    assert moved.monthly_rent == Decimal("2400.00")  # 40 m² × 60
    # The day of the move the startup holds the new space only.
    rows = {r.space.code: r.lease for r in site_spaces(cast.site, D(2026, 3, 1))}
    assert rows["A-103"].startup == cast.own and rows["A-102"] is None


def test_occupancy_page_agrees_with_the_site_page(cast, office):
    new_lease(cast, office, cast.other, D(2026, 1, 1))
    SpaceFactory(site=cast.site, code="A-105", area_m2=Decimal("15"))
    occupancy = site_occupancy(site_spaces(cast.site, D(2026, 6, 1)))
    # A-101 (20 m², cast) + A-102 (25 m²) let, A-105 (15 m²) free
    assert (occupancy.leased_area, occupancy.leasable_area) == (Decimal("45"), Decimal("60"))
    assert (occupancy.leased_count, occupancy.leasable_count) == (2, 3)
    hosting = cast.client("site_manager").get(f"/hosting/{cast.site.code}/?date=2026-06-01")
    site = cast.client("site_manager").get(f"/sites/{cast.site.code}/?date=2026-06-01")
    assert hosting.context["occupancy"] == site.context["occupancy"]
    html = hosting.content.decode()
    assert "75 %" in html and "67 %" in html
    # Before the new contract, only A-101 was let.
    earlier = cast.client("site_manager").get(f"/hosting/{cast.site.code}/?date=2025-06-01")
    assert earlier.context["occupancy"].leased_count == 1


def test_contract_page_shows_a_clear_error_on_overlap(cast, office):
    new_lease(cast, office, cast.own, D(2026, 1, 1))
    # A startup of this site (the form finds the site's startups only).
    EnrollmentFactory(startup=cast.other, site=cast.site, started_on=D(2025, 1, 1))
    client = cast.client("site_manager")
    response = client.post(
        f"/hosting/{cast.site.code}/contracts/new/",
        {
            "startup": cast.other.ref,  # typed: the field looks it up
            "space": office.pk,
            "starts_on": "2026-03-01",
            "planned_end": "2028-03-01",
            "rent_per_m2_mad": "60",
            "sign_now": "on",
        },
    )
    assert response.status_code == 200
    assert "Own Startup" in response.content.decode()
    assert Lease.objects.filter(space=office).count() == 1


def test_waiting_list_order_offer_decline_accept(cast, office):
    late = StartupFactory(name="Argan Labs")
    EnrollmentFactory(startup=late, site=cast.site, started_on=D(2026, 1, 1))
    outsider = StartupFactory(name="Nowhere")
    with pytest.raises(DomainError) as exc:
        services.waiting_add(
            site=cast.site,
            startup=outsider,
            area_needed_m2=Decimal(20),
            kind="office",
            requested_on=D(2026, 2, 1),
            by=cast.site_manager,
        )
    assert exc.value.code == "not_admitted"
    first = services.waiting_add(
        site=cast.site,
        startup=cast.own,
        area_needed_m2=Decimal(20),
        kind="office",
        requested_on=D(2026, 1, 10),
        by=cast.site_manager,
    )
    second = services.waiting_add(
        site=cast.site,
        startup=late,
        area_needed_m2=Decimal(20),
        kind="office",
        requested_on=D(2026, 2, 1),
        by=cast.site_manager,
    )
    with pytest.raises(Conflict):
        services.waiting_add(
            site=cast.site,
            startup=late,
            area_needed_m2=Decimal(30),
            kind="office",
            requested_on=D(2026, 3, 1),
            by=cast.site_manager,
        )
    assert services.waiting.next_in_line(office) == first
    services.waiting_offer(entry=first, space=office, on=D(2026, 3, 1), by=cast.site_manager)
    assert services.waiting.next_in_line(office) == second
    with pytest.raises(Conflict):
        services.waiting_offer(entry=second, space=office, on=D(2026, 3, 1), by=cast.site_manager)
    services.waiting_decline(entry=first, by=cast.site_manager)
    first.refresh_from_db()
    assert (first.status, first.declined_count) == ("waiting", 1)
    assert services.waiting.next_in_line(office) == first  # keeps its place
    services.waiting_offer(entry=second, space=office, on=D(2026, 3, 2), by=cast.site_manager)
    second.refresh_from_db()
    lease = services.waiting_accept(
        entry=second,
        starts_on=D(2026, 4, 1),
        planned_end=D(2029, 4, 1),
        rent_per_m2_mad=Decimal(55),
        by=cast.site_manager,
    )
    second.refresh_from_db()
    assert second.status == "placed" and second.lease == lease and lease.status == "draft"
    assert WaitingEntry.objects.filter(status="waiting").get() == first


def test_reminders_60_and_30_days_once_each(cast, office, django_capture_on_commit_callbacks):
    lease = new_lease(cast, office, cast.own, D(2024, 1, 1), D(2027, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        daily(D(2026, 12, 2))  # 89 days before: nothing (and not the 1st: no rent invoices)
        assert not mail.outbox
        daily(D(2026, 12, 31))  # 60 days
        daily(D(2027, 1, 2))  # again: not resent
    assert sorted(m.to[0] for m in mail.outbox) == [
        "colleague@example.ma",
        "manager@example.ma",
        "owner@example.ma",
    ]
    assert all("01/03/2027" in m.subject for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        daily(D(2027, 1, 30))  # 30 days
        daily(D(2027, 1, 31))
    assert len(mail.outbox) == 6
    assert set(LeaseReminder.objects.filter(lease=lease).values_list("days_before", flat=True)) == {
        60,
        30,
    }


def test_a_late_job_sends_only_the_nearest_reminder(
    cast, office, django_capture_on_commit_callbacks
):
    new_lease(cast, office, cast.own, D(2024, 1, 1), D(2027, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        daily(D(2027, 2, 10))  # 19 days before, first run
        daily(D(2027, 2, 11))
    assert len(mail.outbox) == 3  # the manager, the founder, the colleague: once each


def test_stay_limit_is_flagged(cast, office):
    # The cast's lease of A-101 started 01/02/2021; the program's limit is 5 years.
    lease = Lease.objects.get(space__code="A-101")
    lease.planned_end = D(2026, 6, 1)
    lease.save()
    page = cast.client("site_manager").get(f"/hosting/{cast.site.code}/contracts/")
    rows = {row["lease"].pk: row for row in page.context["rows"]}
    assert rows[lease.pk]["limit"] == D(2026, 2, 1)
    assert rows[lease.pk]["over_limit"]
    fresh = new_lease(cast, office, cast.other, D(2026, 1, 1), D(2028, 1, 1))
    page = cast.client("site_manager").get(f"/hosting/{cast.site.code}/contracts/")
    rows = {row["lease"].pk: row for row in page.context["rows"]}
    assert not rows[fresh.pk]["over_limit"]


def test_officer_reads_but_cannot_act(cast, office):
    lease = new_lease(cast, office, cast.other, D(2026, 1, 1))
    client = cast.client("officer")
    assert client.get(f"/hosting/{cast.site.code}/contracts/{lease.pk}/").status_code == 200
    response = client.post(
        f"/hosting/{cast.site.code}/contracts/{lease.pk}/end/", {"end-day": "2026-06-01"}
    )
    assert response.status_code == 403
    lease.refresh_from_db()
    assert lease.ends_on is None


def test_two_drafts_on_the_same_space_and_day_get_a_clear_error(cast, office):
    new_lease(cast, office, cast.other, D(2026, 3, 1), sign=False)
    with pytest.raises(DomainError) as refused:
        new_lease(cast, office, cast.own, D(2026, 3, 1), sign=False)
    assert refused.value.code == "duplicate"
    assert Lease.objects.filter(space=office).count() == 1


def test_the_waiting_list_says_what_happened_on_the_startup_timeline(cast, office):
    from technopark.core.models import Action

    entry = services.waiting_add(
        site=cast.site,
        startup=cast.own,
        area_needed_m2=Decimal(20),
        kind="office",
        requested_on=D(2026, 1, 10),
        by=cast.site_manager,
    )
    services.waiting_offer(entry=entry, space=office, on=D(2026, 3, 1), by=cast.site_manager)
    services.waiting_decline(entry=entry, by=cast.owner)
    services.waiting_offer(entry=entry, space=office, on=D(2026, 3, 2), by=cast.site_manager)
    assert services.waiting_offers_expire(today=D(2026, 4, 1)) == 1
    services.waiting_withdraw(entry=entry, by=cast.owner)
    actions = list(
        Action.objects.filter(startup_id=cast.own.pk, name__startswith="waiting.").order_by("pk")
    )
    assert [a.name for a in actions] == [
        "waiting.added",
        "waiting.offered",
        "waiting.declined",
        "waiting.offered",
        "waiting.offer_expired",
        "waiting.withdrawn",
    ]
    assert {a.site_id for a in actions} == {cast.site.pk}
    offered = next(a for a in actions if a.name == "waiting.offered")
    assert offered.payload == {"space": office.pk, "answer_by": "2026-03-16"}
    staff = cast.client("site_manager").get(f"/startups/{cast.own.ref}/staff/").content.decode()
    assert "Space offered: SA: Own Startup" in staff or "Espace proposé : SA: Own Startup" in staff

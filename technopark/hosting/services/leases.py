"""The hosting contract's lifecycle: draft → signed (active) → notice given → ended,
renewal (a new contract continuing the old) and moving to another space.

A space is never let to two startups at once: the database refuses it (exclusion
constraint on PostgreSQL, triggers on SQLite); the services check first, under a lock,
to give a clear message, and turn the database's refusal into the same message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.bulk import Counts, Record, upsert
from technopark.core.errors import Conflict, DomainError
from technopark.hosting.models import Lease
from technopark.network.models import Site, Space
from technopark.startups.models import Startup


def _d(day: dt.date | None) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "…"


def _overlap_conflict(space: Space, other: Lease | None) -> Conflict:
    if other is None:
        return Conflict(
            _("Space %(space)s is already let for part of that period.") % {"space": space.code},
            code="space_taken",
        )
    return Conflict(
        _("Space %(space)s is already let to %(startup)s from %(start)s to %(end)s.")
        % {
            "space": space.code,
            "startup": other.startup.name,
            "start": _d(other.starts_on),
            "end": _d(other.ends_on),
        },
        code="space_taken",
    )


def _lock_space(space: Space) -> None:
    # SQLite's IMMEDIATE transaction already holds the write lock; PostgreSQL locks the row.
    if connection.vendor == "postgresql":
        list(Space.objects.select_for_update().filter(pk=space.pk).values("pk"))


def _first_overlap(lease: Lease) -> Lease | None:
    qs = (
        Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(space_id=lease.space_id)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=lease.starts_on))
        .select_related("startup")
    )
    if lease.ends_on is not None:
        qs = qs.filter(starts_on__lt=lease.ends_on)
    if lease.pk:
        qs = qs.exclude(pk=lease.pk)
    return qs.first()


def _save_binding(lease: Lease) -> None:
    """Save a signed lease; refuse overlaps with a message naming the other tenant."""
    _lock_space(lease.space)
    other = _first_overlap(lease)
    if other is not None:
        raise _overlap_conflict(lease.space, other)
    try:
        with transaction.atomic():
            lease.save()
    except IntegrityError as exc:
        if "lease_no_overlap" in str(exc):
            raise _overlap_conflict(lease.space, None) from exc
        if "lease_unique_start" in str(exc):
            raise Conflict(
                _("Another contract of this space starts the same day."), code="space_taken"
            ) from exc
        raise


def _validate_terms(
    *, site: Site, space: Space, starts_on: dt.date, planned_end: dt.date | None
) -> None:
    if space.site_id != site.pk:
        raise DomainError(_("This space is not at this site."), code="wrong_site", field="space")
    if not space.leasable:
        raise DomainError(
            _("Space %(space)s is not let to startups.") % {"space": space.code},
            code="not_leasable",
            field="space",
        )
    if planned_end is not None and planned_end <= starts_on:
        raise DomainError(
            _("The planned end must be after the start."), code="bad_dates", field="planned_end"
        )


@transaction.atomic
def lease_create(
    *,
    site: Site,
    space: Space,
    startup: Startup,
    starts_on: dt.date,
    planned_end: dt.date | None,
    monthly_rent_mad: Decimal | None = None,
    rent_per_m2_mad: Decimal | None = None,
    charges_mad: Decimal = Decimal("0"),
    note: str = "",
    by,
    previous: Lease | None = None,
    signed_on: dt.date | None = None,
    deposit_months: int = 2,
) -> Lease:
    """A new contract: a draft, or signed at once when `signed_on` is given.

    Signing invoices the deposit it states (`deposit_months` of rent); a renewal or a
    move (`previous`) keeps the deposit already held."""
    _validate_terms(site=site, space=space, starts_on=starts_on, planned_end=planned_end)
    if monthly_rent_mad is None and rent_per_m2_mad is None:
        raise DomainError(
            _("Give a monthly rent or a rent per m²."), code="no_rent", field="monthly_rent_mad"
        )
    for value in (monthly_rent_mad, rent_per_m2_mad, charges_mad):
        if value is not None and value < 0:
            raise DomainError(_("Amounts cannot be negative."), code="negative")
    lease = Lease(
        site=site,
        space=space,
        startup=startup,
        starts_on=starts_on,
        planned_end=planned_end,
        monthly_rent_mad=monthly_rent_mad,
        rent_per_m2_mad=rent_per_m2_mad,
        charges_mad=charges_mad,
        note=note,
        previous=previous,
        status=Lease.Status.DRAFT,
        deposit_months=0 if previous is not None else deposit_months,
    )
    if Lease.objects.filter(space=space, starts_on=starts_on).exists():
        raise DomainError(
            _("This space already has a contract starting on that date: open it instead."),
            code="duplicate",
            field="starts_on",
        )
    if signed_on is None:
        lease.save()
        return lease
    lease.status = Lease.Status.ACTIVE
    lease.signed_on = signed_on
    _save_binding(lease)
    record("contract.signed", lease, by=by, payload={"space": lease.space.code, "starts_on": lease.starts_on, "signed_on": signed_on})  # fmt: skip
    _hold_deposit(lease, signed_on, by)
    return lease


def _hold_deposit(lease: Lease, signed_on: dt.date, by) -> None:
    from technopark.billing.services import deposit_invoice

    if lease.deposit_months and lease.site.operator_id is not None:
        deposit_invoice(lease=lease, issued_on=signed_on, by=by)


@transaction.atomic
def lease_sign(*, lease: Lease, signed_on: dt.date, by) -> Lease:
    if lease.status != Lease.Status.DRAFT:
        raise DomainError(_("Only a draft can be signed."), code="bad_state")
    lease.status = Lease.Status.ACTIVE
    lease.signed_on = signed_on
    _save_binding(lease)
    record("contract.signed", lease, by=by, payload={"space": lease.space.code, "starts_on": lease.starts_on, "signed_on": signed_on})  # fmt: skip
    _hold_deposit(lease, signed_on, by)
    return lease


@transaction.atomic
@acts_for_by
def lease_give_notice(*, lease: Lease, notice_on: dt.date, leaving_on: dt.date, by) -> Lease:
    """The startup (or the site) gives notice: the contract ends on `leaving_on`."""
    if lease.status != Lease.Status.ACTIVE:
        raise DomainError(_("Notice is given on a signed, running contract."), code="bad_state")
    if leaving_on <= lease.starts_on:
        raise DomainError(_("The leaving date must be after the start."), code="bad_dates")
    lease.status = Lease.Status.NOTICE
    lease.notice_given_on = notice_on
    lease.planned_end = leaving_on
    lease.save()
    record("contract.notice_given", lease, by=by, payload={"notice_on": notice_on, "leaving_on": leaving_on})  # fmt: skip
    return lease


@transaction.atomic
@acts_for_by
def lease_end(*, lease: Lease, ended_on: dt.date, by) -> Lease:
    """The space is handed back on `ended_on` (the actual end); it is free from that day."""
    if lease.status not in (Lease.Status.ACTIVE, Lease.Status.NOTICE):
        raise DomainError(_("Only a running contract can be ended."), code="bad_state")
    if ended_on <= lease.starts_on:
        raise DomainError(_("The end must be after the start."), code="bad_dates")
    lease.status = Lease.Status.ENDED
    lease.ends_on = ended_on
    lease.save()
    record("contract.ended", lease, by=by, payload={"ends_on": ended_on})
    return lease


def _continue(
    *,
    old: Lease,
    space: Space,
    on: dt.date,
    planned_end: dt.date | None,
    monthly_rent_mad: Decimal | None,
    rent_per_m2_mad: Decimal | None,
    by,
    note: str,
) -> Lease:
    if old.status not in (Lease.Status.ACTIVE, Lease.Status.NOTICE):
        raise DomainError(_("Only a running contract can be continued."), code="bad_state")
    if on <= old.starts_on:
        raise DomainError(_("The new contract must start after the old one."), code="bad_dates")
    lease_end(lease=old, ended_on=on, by=by)
    if monthly_rent_mad is None and rent_per_m2_mad is None:
        monthly_rent_mad, rent_per_m2_mad = old.monthly_rent_mad, old.rent_per_m2_mad
        if space.pk != old.space_id and old.monthly_rent_mad is not None:
            # A fixed rent was for the old space; carry the rate per m² instead.
            rate = (old.monthly_rent_mad / old.space.area_m2).quantize(Decimal("0.01"))
            monthly_rent_mad, rent_per_m2_mad = None, old.rent_per_m2_mad or rate
    return lease_create(
        site=old.site,
        space=space,
        startup=old.startup,
        starts_on=on,
        planned_end=planned_end,
        monthly_rent_mad=monthly_rent_mad,
        rent_per_m2_mad=rent_per_m2_mad,
        charges_mad=old.charges_mad,
        note=note,
        by=by,
        previous=old,
        signed_on=on,
    )


@transaction.atomic
def lease_renew(
    *,
    lease: Lease,
    planned_end: dt.date,
    by,
    monthly_rent_mad: Decimal | None = None,
    rent_per_m2_mad: Decimal | None = None,
) -> Lease:
    """A new contract for the same space from the old one's planned end, linked to it."""
    if lease.planned_end is None:
        raise DomainError(_("Set the contract's planned end first."), code="no_planned_end")
    if planned_end <= lease.planned_end:
        raise DomainError(
            _("The renewal must end after %(date)s.") % {"date": _d(lease.planned_end)},
            code="bad_dates",
            field="planned_end",
        )
    return _continue(
        old=lease,
        space=lease.space,
        on=lease.planned_end,
        planned_end=planned_end,
        monthly_rent_mad=monthly_rent_mad,
        rent_per_m2_mad=rent_per_m2_mad,
        by=by,
        note=_("Renewal"),
    )


@transaction.atomic
def lease_move(
    *,
    lease: Lease,
    space: Space,
    on: dt.date,
    by,
    monthly_rent_mad: Decimal | None = None,
    rent_per_m2_mad: Decimal | None = None,
) -> Lease:
    """Move the startup to `space` on `on`: the old contract ends that day and a new one
    starts; both or neither (a taken space leaves everything as it was)."""
    if space.pk == lease.space_id:
        raise DomainError(_("Choose another space."), code="same_space", field="space")
    if space.site_id != lease.site_id:
        raise DomainError(_("This space is not at this site."), code="wrong_site", field="space")
    return _continue(
        old=lease,
        space=space,
        on=on,
        planned_end=lease.planned_end if lease.planned_end and lease.planned_end > on else None,
        monthly_rent_mad=monthly_rent_mad,
        rent_per_m2_mad=rent_per_m2_mad,
        by=by,
        note=_("Moved from %(space)s") % {"space": lease.space.code},
    )


@transaction.atomic
@acts_for_by
def lease_attach_scan(*, lease: Lease, file, by) -> Lease:
    """Keep the signed contract's scan with the lease (PDF, JPEG or PNG, checked from its
    first bytes by the platform's upload check); a new scan replaces the old one."""
    from technopark.core.uploads import check_upload

    if lease.status == Lease.Status.DRAFT:
        raise DomainError(_("Sign the contract before filing its scan."), code="bad_state")
    check_upload(file, kinds=("pdf", "jpeg", "png"))
    lease.signed_scan.save(file.name, file, save=False)
    lease.save(update_fields=["signed_scan", "updated_at"])
    record("contract.scan_attached", lease, by=by, payload={"contract": lease.pk})
    return lease


@transaction.atomic
@acts_for_by
def leases_bulk_create(*, rows: list[Lease], by=None) -> list[Lease]:
    """The bulk path (the demo): save these unsaved leases, in batches. The database's
    exclusion constraint (trigger on SQLite) still refuses two leases of a space at once."""
    return Lease.objects.bulk_create(rows, batch_size=2000)


def _imported_status(fields: dict, existing: dict | None) -> None:
    """Ended when handed back; otherwise a running contract keeps its status (a contract
    under notice stays under notice), and anything else becomes active, never a draft."""
    if fields.get("ends_on") is not None:
        fields["status"] = Lease.Status.ENDED
    elif existing is not None and existing["status"] in (Lease.Status.ACTIVE, Lease.Status.NOTICE):
        fields["status"] = existing["status"]
    else:
        fields["status"] = Lease.Status.ACTIVE


@acts_for_by
def leases_bulk_upsert(*, records: list[Record], counts: Counts, empty: bool, by=None) -> list[int]:
    """Leases of the import keyed by (space, starts_on): the space fixes the site. Overlaps
    were refused before; the exclusion constraint (or trigger) backs it (see core/bulk.py).
    The keys of the leases created are not read back (None)."""
    key = ("space_id", "starts_on")
    return upsert(
        Lease,
        key,
        records,
        counts,
        empty=empty,
        finish=_imported_status,
        also_read=("status",),
        returning=False,
    ).pks

"""The waiting list: admitted startups waiting for a space at a site, served in order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.hosting.models import Lease, WaitingEntry
from technopark.hosting.services.leases import lease_create
from technopark.hosting.services.notices import offer_made_send, offer_outcome_send
from technopark.network.models import Site, Space
from technopark.startups.models import Startup

# How long a startup has to answer an offer before it lapses and the space goes on.
OFFER_ANSWER_DAYS = 15


def _is_admitted(startup: Startup, site: Site, on: dt.date) -> bool:
    """In a program at the site on that day, or hosted by the site outside any program when
    the site's own rule lets its residents join the list (`ResidentAccess.waiting_list`)."""
    from technopark.hosting.selectors import resident_access
    from technopark.programs.models import Enrollment

    if (
        Enrollment.objects.filter(startup=startup, site=site, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .exists()
    ):
        return True
    rule = resident_access(startup, on, site=site)
    return bool(rule and rule.waiting_list)


@transaction.atomic
@acts_for_by
def waiting_add(
    *,
    site: Site,
    startup: Startup,
    area_needed_m2: Decimal,
    kind: str,
    requested_on: dt.date,
    note: str = "",
    by,
) -> WaitingEntry:
    if not _is_admitted(startup, site, requested_on):
        raise DomainError(
            _("%(startup)s is not admitted in a program at this site.") % {"startup": startup},
            code="not_admitted",
            field="startup",
        )
    if area_needed_m2 is None or area_needed_m2 <= 0:
        raise DomainError(_("Give the area needed."), code="bad_area", field="area_needed_m2")
    if kind not in Space.Kind.values:
        raise DomainError(_("Choose a kind of space."), code="bad_kind", field="kind")
    try:
        with transaction.atomic():
            entry = WaitingEntry.objects.create(
                site=site,
                startup=startup,
                area_needed_m2=area_needed_m2,
                kind=kind,
                requested_on=requested_on,
                note=note,
            )
    except IntegrityError as exc:
        raise Conflict(
            _("%(startup)s is already on this site's waiting list.") % {"startup": startup},
            code="already_waiting",
        ) from exc
    payload = {"kind": kind, "area_needed_m2": str(area_needed_m2)}
    record("waiting.added", entry, by=by, payload=payload)
    return entry


def space_is_free(space: Space, on: dt.date) -> bool:
    """No signed contract covers `on` or starts after it."""
    return (
        not Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(space=space)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))
        .exists()
    )


def next_in_line(space: Space) -> WaitingEntry | None:
    """The first waiting startup this space suits (same kind, big enough)."""
    return (
        WaitingEntry.objects.filter(
            site_id=space.site_id,
            status=WaitingEntry.Status.WAITING,
            kind=space.kind,
            area_needed_m2__lte=space.area_m2,
        )
        .select_related("startup")
        .first()
    )


@transaction.atomic
@acts_for_by
def waiting_offer(*, entry: WaitingEntry, space: Space, on: dt.date, by) -> WaitingEntry:
    entry = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != WaitingEntry.Status.WAITING:
        raise DomainError(_("This startup is not waiting any more."), code="bad_state")
    if space.site_id != entry.site_id or not space.leasable:
        raise DomainError(_("Offer a leasable space of this site."), code="bad_space")
    if not space_is_free(space, on):
        raise Conflict(_("Space %(space)s is not free.") % {"space": space.code}, code="taken")
    if WaitingEntry.objects.filter(
        offered_space=space, status=WaitingEntry.Status.OFFERED
    ).exists():
        raise Conflict(
            _("Space %(space)s is already offered to another startup.") % {"space": space.code},
            code="already_offered",
        )
    entry.status = WaitingEntry.Status.OFFERED
    entry.offered_space = space
    entry.offered_on = on
    entry.answer_by = on + dt.timedelta(days=OFFER_ANSWER_DAYS)
    entry.save()
    payload = {"space": space.pk, "answer_by": entry.answer_by.isoformat()}
    record("waiting.offered", entry, by=by, payload=payload)
    offer_made_send(entry=entry)
    return entry


def _offer_withdraw(entry: WaitingEntry) -> None:
    """The offer ends without a contract: the startup keeps its place in line."""
    entry.status = WaitingEntry.Status.WAITING
    entry.offered_space = None
    entry.offered_on = None
    entry.answer_by = None
    entry.declined_count += 1
    entry.save()


@transaction.atomic
@acts_for_by
def waiting_decline(*, entry: WaitingEntry, by) -> WaitingEntry:
    """The startup declines: it keeps its place in line; the space goes to the next one."""
    entry = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != WaitingEntry.Status.OFFERED:
        raise DomainError(_("No offer is pending."), code="bad_state")
    space = entry.offered_space
    _offer_withdraw(entry)
    record("waiting.declined", entry, by=by, payload={"space": space.pk if space else None})
    offer_outcome_send(entry=entry, space=space, outcome="declined")
    return entry


@transaction.atomic
@acts_for_by
def waiting_offers_expire(*, today: dt.date, by=None) -> int:
    """Offers left unanswered past their answer-by date lapse (run by `technopark daily`):
    the startup keeps its place, the space goes to the next one; founders and managers
    are told. How many lapsed."""
    lapsed = list(
        WaitingEntry.objects.select_for_update(of=("self",))
        .filter(status=WaitingEntry.Status.OFFERED, answer_by__lt=today)
        .select_related("site", "startup", "offered_space")
    )
    for entry in lapsed:
        space, answer_by = entry.offered_space, entry.answer_by
        _offer_withdraw(entry)
        record("waiting.offer_expired", entry, by=by, payload={"space": space.pk if space else None})  # fmt: skip
        entry.answer_by = answer_by  # for the message: the date that passed
        offer_outcome_send(entry=entry, space=space, outcome="expired")
    return len(lapsed)


@transaction.atomic
def waiting_accept(
    *,
    entry: WaitingEntry,
    starts_on: dt.date,
    planned_end: dt.date | None,
    rent_per_m2_mad: Decimal,
    charges_mad: Decimal = Decimal("0"),
    by,
) -> Lease:
    """The startup accepts the offer: a draft contract is made for the manager to sign."""
    entry = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != WaitingEntry.Status.OFFERED or entry.offered_space is None:
        raise DomainError(_("No offer is pending."), code="bad_state")
    lease = lease_create(
        site=entry.site,
        space=entry.offered_space,
        startup=entry.startup,
        starts_on=starts_on,
        planned_end=planned_end,
        rent_per_m2_mad=rent_per_m2_mad,
        charges_mad=charges_mad,
        by=by,
        note=_("From the waiting list"),
    )
    entry.status = WaitingEntry.Status.PLACED
    entry.lease = lease
    entry.save()
    offer_outcome_send(entry=entry, space=lease.space, outcome="accepted")
    return lease


@transaction.atomic
@acts_for_by
def waiting_withdraw(*, entry: WaitingEntry, by) -> WaitingEntry:
    entry = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status not in (WaitingEntry.Status.WAITING, WaitingEntry.Status.OFFERED):
        raise DomainError(_("This entry is closed already."), code="bad_state")
    was = entry.status
    entry.status = WaitingEntry.Status.WITHDRAWN
    entry.offered_space = None
    entry.save()
    record("waiting.withdrawn", entry, by=by, payload={"was": was})
    return entry


@transaction.atomic
@acts_for_by
def resident_access_set(
    *, site: Site, waiting_list: bool, services: bool, expert_hours_per_year: Decimal, by
):
    """The site's rule for its residents outside any program (docs/experts.md)."""
    from technopark.hosting.models import ResidentAccess

    if expert_hours_per_year is None or expert_hours_per_year < 0:
        raise DomainError(
            _("Give the expert hours a year (0 or more)."), field="expert_hours_per_year"
        )
    rule, _created = ResidentAccess.objects.update_or_create(
        site=site,
        defaults={
            "waiting_list": waiting_list,
            "services": services,
            "expert_hours_per_year": expert_hours_per_year,
        },
    )
    record(
        "resident_access.changed",
        rule,
        by=by,
        site=site.pk,
        label=str(site),
        payload={
            "waiting_list": waiting_list,
            "services": services,
            "expert_hours_per_year": str(expert_hours_per_year),
        },
    )
    return rule

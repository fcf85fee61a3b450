"""Closed periods: once the accountant closes a site's books up to a day, nothing dated
then changes. The services refuse it here with a translated message; triggers in the
database refuse it on every other path (`billing/migrations_sql_periods.py`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import formats
from django.utils.translation import gettext as _

from technopark.billing.models import PeriodClose
from technopark.billing.services.invoices import audit_actor
from technopark.core import clock
from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.network.models import Site


def closed_until(site: Site | int) -> dt.date | None:
    """The last day of the site's closed books, or None when nothing is closed."""
    site_id = getattr(site, "pk", site)
    return PeriodClose.objects.filter(site_id=site_id).aggregate(day=Max("closed_until"))["day"]


def check_open(site: Site | int, day: dt.date, *, field: str | None = None) -> None:
    """Refuse a write dated `day` when the site's books are closed up to it."""
    until = closed_until(site)
    if until is not None and day <= until:
        raise DomainError(
            _(
                "The books are closed up to %(day)s: nothing dated then can be added or "
                "changed. Date it after, or ask the accountant."
            )
            % {"day": formats.date_format(until, "SHORT_DATE_FORMAT")},
            code="period_closed",
            field=field,
        )


@transaction.atomic
def period_close(*, site: Site, closed_until: dt.date, by) -> PeriodClose:
    """Close the site's books up to `closed_until` (included). A closing never moves the
    date back and never reaches today (the day is still being written)."""
    if closed_until is None or closed_until >= clock.today():
        raise DomainError(
            _("Close a period that has ended: a day before today."),
            code="bad_date",
            field="closed_until",
        )
    # Lock the site's row: two closings of one site wait for each other.
    Site.objects.select_for_update().filter(pk=site.pk).first()
    last = PeriodClose.objects.filter(site=site).aggregate(day=Max("closed_until"))["day"]
    if last is not None and closed_until <= last:
        raise DomainError(
            _("The books are already closed up to %(day)s.")
            % {"day": formats.date_format(last, "SHORT_DATE_FORMAT")},
            code="already_closed",
            field="closed_until",
        )
    with audit_actor(by):
        closing = PeriodClose.objects.create(
            site=site,
            closed_until=closed_until,
            closed_by=by if getattr(by, "pk", None) else None,
        )
    record("billing_period.closed", closing, by=by, payload={"closed_until": closed_until})
    return closing

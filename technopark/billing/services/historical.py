"""Invoices issued before the platform: imported once, as the documents they are.

They never enter the platform's gapless series: they are rows of their own table
(`HistoricalInvoice`), which no counter, numbering, journal or credit note reads; they
are never edited after (a database trigger refuses it, `billing/migrations_sql_history.py`),
and their import sends nothing to anyone.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from technopark.billing.models import HistoricalInvoice
from technopark.core.audit import acts_for_by
from technopark.core.bulk import Counts, Record
from technopark.core.errors import Conflict


@acts_for_by
@transaction.atomic
def historical_invoices_import(
    *, records: list[Record], counts: Counts, empty: bool, by=None
) -> list[int]:
    """Create the historical invoices of validated rows, each keyed by (site pk, number as
    printed) with its fields (startup_id, issued_on, due_on, total_mad, paid_mad, paid_on,
    status). A number the site already has is refused (`historical_invoice_exists`):
    a document kept is never replaced."""
    if not records:
        return []
    if not empty:
        taken = set(
            HistoricalInvoice.objects.filter(
                site_id__in={r.key[0] for r in records}, number__in={r.key[1] for r in records}
            ).values_list("site_id", "number")
        )
        for record in records:
            if record.key in taken:
                raise Conflict(
                    _(
                        "The invoice %(number)s of this site was already brought in: it is kept as it is."
                    )
                    % {"number": record.key[1]},
                    code="historical_invoice_exists",
                )
    rows = [HistoricalInvoice(site_id=r.key[0], number=r.key[1], **r.fields) for r in records]
    created = HistoricalInvoice.objects.bulk_create(rows, batch_size=500)
    for record in records:
        counts.add_created(record.label)
    return [row.pk for row in created]

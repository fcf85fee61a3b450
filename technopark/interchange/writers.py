"""The import's write path: one owner's bulk service per table.

The house rule is that writes go through each owning app's services. An import of a
network's history (100,000 startups with their records in minutes) cannot create records
one service call at a time, so each owner offers bulk services (`sites_bulk_upsert`,
`leases_bulk_upsert`, ...: `core/bulk.py` inserts what is new and updates what differs):

- every row is validated first by the importer against the same rules as the services
  and the interchange spec (`parsing.py`, `rows.py`), and nothing is written if any row
  is wrong (the whole import is one transaction);
- the owners' database constraints (unique keys, check constraints, the lease no-overlap
  exclusion constraint or trigger of hosting/migrations) stay the last line of defence:
  a refusal there aborts the import like any other error.

Bulk writes do not send model signals, so django-auditlog does not record each row; the
ImportJob (who, when, the file and its report) is the audit trail of an import.

Each writer receives a chunk of validated `Record`s whose keys and fields are already
database values (primary keys of the records they refer to) and adds what it created,
updated or left unchanged to the table's counts.
"""

from __future__ import annotations

from collections.abc import Callable

from technopark.billing.services.historical import historical_invoices_import
from technopark.community.services import attendance_history_import, events_history_import
from technopark.core.bulk import Record
from technopark.desk.services_walk_ins import walk_ins_history_import
from technopark.hosting.services.leases import leases_bulk_upsert
from technopark.network.services import (
    operator_ensure,
    site_budgets_bulk_upsert,
    sites_bulk_upsert,
    spaces_bulk_upsert,
)
from technopark.programs.services.calls import programs_bulk_upsert
from technopark.programs.services.history import applications_history_import
from technopark.programs.services.plans import enrollments_bulk_upsert
from technopark.startups.services import (
    exports_bulk_upsert,
    followups_bulk_upsert,
    fundings_bulk_upsert,
    groupings_bulk_upsert,
    headcounts_bulk_upsert,
    patents_bulk_upsert,
    startups_bulk_upsert,
)
from technopark.surveys.services.satisfaction import satisfaction_bulk_upsert

__all__ = ["WRITERS", "Record", "ensure_operator"]


def ensure_operator(name: str) -> int:
    """The operator named `name` (sites.operator, programs.operator), created when new."""
    return operator_ensure(name=name)


# table of the file → the owner's bulk service (keyword-only: records, counts, empty)
WRITERS: dict[str, Callable[..., list[int]]] = {
    "sites": sites_bulk_upsert,
    "spaces": spaces_bulk_upsert,
    "startups": startups_bulk_upsert,
    "programs": programs_bulk_upsert,
    "enrollments": enrollments_bulk_upsert,
    "leases": leases_bulk_upsert,
    "followups": followups_bulk_upsert,
    "headcounts": headcounts_bulk_upsert,
    "exports": exports_bulk_upsert,
    "patents": patents_bulk_upsert,
    "groupings": groupings_bulk_upsert,
    "satisfaction": satisfaction_bulk_upsert,
    "budgets": site_budgets_bulk_upsert,
    "fundings": fundings_bulk_upsert,
    # history (tables.HISTORY): imported once, never updated
    "historical_invoices": historical_invoices_import,
    "past_events": events_history_import,
    "event_attendance": attendance_history_import,
    "past_applications": applications_history_import,
    "desk_visits": walk_ins_history_import,
}

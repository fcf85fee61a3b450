"""The bilan's facts during a bulk write: noted by the triggers, computed once at the end.

The database keeps the facts right after every write (`programs/migrations_sql_facts.py`),
one statement or row at a time. A bulk import writes millions of rows in chunks; computing
the facts of each chunk's startups again and again tripled its time on PostgreSQL. Inside
`bilan_facts_deferred()` the triggers only note which startups were written, and their
facts are computed in one pass, set by set, before the transaction commits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

from technopark.programs.migrations_sql_facts import PG_PENDING, SQLITE_PENDING
from technopark.programs.models import FactsDeferral, FactsPending


@contextlib.contextmanager
def bilan_facts_deferred() -> Iterator[None]:
    """Defer the facts of what is written inside the block to its end (within the caller's
    transaction, which other transactions never see half-done). When the transaction is
    already marked for rollback (a dry run, an import with errors), nothing is computed."""
    if not connection.in_atomic_block:
        raise RuntimeError(
            "bilan_facts_deferred() needs a transaction: the facts would be seen stale"
        )
    deferral = FactsDeferral.objects.create()
    yield
    if transaction.get_rollback():
        return
    FactsDeferral.objects.filter(pk=deferral.pk).delete()
    bilan_facts_compute_pending()


def bilan_facts_compute_pending() -> int:
    """Compute the facts of the startups the triggers noted, then forget them; returns how
    many startups that was."""
    count = FactsPending.objects.count()
    if count:
        statements = PG_PENDING if connection.vendor == "postgresql" else SQLITE_PENDING
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
            # One statement, not Django's delete (which would load a million rows first).
            cursor.execute("DELETE FROM programs_factspending")
    return count

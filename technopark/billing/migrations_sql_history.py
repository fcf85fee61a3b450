"""SQL that makes the database refuse to change an invoice issued before the platform.

A historical invoice is imported once and kept as the document it is: no column is ever
updated (both databases); on PostgreSQL deleting one is refused too (on SQLite deletion is
left to the services, which have none, because test flushes delete rows one by one).
"""

from technopark.core.sql_guards import by_vendor

PG_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION billing_historical_frozen() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'historical_invoice_frozen: an invoice issued before the platform is never edited or deleted';
    END $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER historical_invoice_frozen BEFORE UPDATE OR DELETE "
    "ON billing_historicalinvoice FOR EACH ROW EXECUTE FUNCTION billing_historical_frozen()",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS historical_invoice_frozen ON billing_historicalinvoice",
    "DROP FUNCTION IF EXISTS billing_historical_frozen()",
]
SQLITE_FORWARD = [
    "CREATE TRIGGER IF NOT EXISTS historical_invoice_frozen BEFORE UPDATE "
    "ON billing_historicalinvoice BEGIN SELECT RAISE(ABORT, 'historical_invoice_frozen'); END",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS historical_invoice_frozen"]

forward = by_vendor(PG_FORWARD, SQLITE_FORWARD)
backward = by_vendor(PG_BACKWARD, SQLITE_BACKWARD)

"""SQL that makes the database refuse a write dated in a period the accountant closed.

Once a site's books are closed up to a day (a row of billing_periodclose), no invoice or
credit note is issued on or before it, and no payment dated then is recorded, changed or
(on PostgreSQL) deleted; a closing is never edited or removed, and a new one never moves
the date back. The services refuse all this first with a translated message
(`billing/services/periods.py`); these triggers hold it against any other path. On SQLite
deletions are left to the services, as for invoices (test flushes delete table by table).
"""

from technopark.core.sql_guards import by_vendor

_CLOSED_SITE = (
    "SELECT 1 FROM billing_periodclose c WHERE c.site_id = {site} AND {day} <= c.closed_until"
)
_CLOSED_PAYMENT = (
    "SELECT 1 FROM billing_periodclose c JOIN hosting_invoice i ON i.site_id = c.site_id "
    "WHERE i.id = {rec}.invoice_id AND {rec}.paid_on <= c.closed_until"
)

PG_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION billing_document_period() RETURNS trigger AS $$
    BEGIN
        IF EXISTS ({_CLOSED_SITE.format(site="NEW.site_id", day="NEW.issued_on")}) THEN
            RAISE EXCEPTION 'period_closed: %% dated %% is in a closed period',
                TG_TABLE_NAME, NEW.issued_on;
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE OR REPLACE FUNCTION billing_payment_period() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            IF EXISTS ({_CLOSED_PAYMENT.format(rec="OLD")}) THEN
                RAISE EXCEPTION 'period_closed: a payment of a closed period';
            END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            IF EXISTS ({_CLOSED_PAYMENT.format(rec="NEW")}) THEN
                RAISE EXCEPTION 'period_closed: a payment dated in a closed period';
            END IF;
            RETURN NEW;
        END IF;
        RETURN OLD;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE OR REPLACE FUNCTION billing_close_forward() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            RAISE EXCEPTION 'period_closed: a closing is never changed or removed';
        END IF;
        IF EXISTS (SELECT 1 FROM billing_periodclose c
                   WHERE c.site_id = NEW.site_id AND c.closed_until > NEW.closed_until) THEN
            RAISE EXCEPTION 'period_closed: a closing never moves the date back';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER invoice_period_closed BEFORE INSERT ON hosting_invoice "
    "FOR EACH ROW EXECUTE FUNCTION billing_document_period()",
    "CREATE TRIGGER credit_note_period_closed BEFORE INSERT ON hosting_creditnote "
    "FOR EACH ROW EXECUTE FUNCTION billing_document_period()",
    "CREATE TRIGGER payment_period_closed BEFORE INSERT OR UPDATE OR DELETE ON hosting_payment "
    "FOR EACH ROW EXECUTE FUNCTION billing_payment_period()",
    "CREATE TRIGGER period_close_forward BEFORE INSERT OR UPDATE OR DELETE "
    "ON billing_periodclose FOR EACH ROW EXECUTE FUNCTION billing_close_forward()",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS invoice_period_closed ON hosting_invoice",
    "DROP TRIGGER IF EXISTS credit_note_period_closed ON hosting_creditnote",
    "DROP TRIGGER IF EXISTS payment_period_closed ON hosting_payment",
    "DROP TRIGGER IF EXISTS period_close_forward ON billing_periodclose",
    "DROP FUNCTION IF EXISTS billing_document_period()",
    "DROP FUNCTION IF EXISTS billing_payment_period()",
    "DROP FUNCTION IF EXISTS billing_close_forward()",
]
_ABORT = "BEGIN SELECT RAISE(ABORT, 'period_closed'); END"
SQLITE_FORWARD = [
    "CREATE TRIGGER IF NOT EXISTS invoice_period_closed BEFORE INSERT ON hosting_invoice "
    f"WHEN EXISTS ({_CLOSED_SITE.format(site='NEW.site_id', day='NEW.issued_on')}) {_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS credit_note_period_closed BEFORE INSERT ON hosting_creditnote "
    f"WHEN EXISTS ({_CLOSED_SITE.format(site='NEW.site_id', day='NEW.issued_on')}) {_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS payment_period_closed BEFORE INSERT ON hosting_payment "
    f"WHEN EXISTS ({_CLOSED_PAYMENT.format(rec='NEW')}) {_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS payment_period_changed BEFORE UPDATE ON hosting_payment "
    f"WHEN EXISTS ({_CLOSED_PAYMENT.format(rec='OLD')}) "
    f"OR EXISTS ({_CLOSED_PAYMENT.format(rec='NEW')}) {_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS period_close_forward BEFORE INSERT ON billing_periodclose "
    "WHEN EXISTS (SELECT 1 FROM billing_periodclose c WHERE c.site_id = NEW.site_id "
    f"AND c.closed_until > NEW.closed_until) {_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS period_close_unchanged BEFORE UPDATE ON billing_periodclose "
    f"{_ABORT}",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS invoice_period_closed",
    "DROP TRIGGER IF EXISTS credit_note_period_closed",
    "DROP TRIGGER IF EXISTS payment_period_closed",
    "DROP TRIGGER IF EXISTS payment_period_changed",
    "DROP TRIGGER IF EXISTS period_close_forward",
    "DROP TRIGGER IF EXISTS period_close_unchanged",
]

forward = by_vendor(PG_FORWARD, SQLITE_FORWARD)
backward = by_vendor(PG_BACKWARD, SQLITE_BACKWARD)

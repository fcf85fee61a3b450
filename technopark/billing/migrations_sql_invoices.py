"""SQL that makes the database refuse to edit an issued invoice or credit note."""

from technopark.core.sql_guards import by_vendor

# An issued invoice or credit note is never edited: the database refuses any change to
# the columns printed on it (sending it, which stamps `sent_at`, stays possible). On
# PostgreSQL deleting one is refused too; on SQLite deletion is left to the foreign keys
# (PROTECT) and the services, because test flushes delete rows one table at a time.
_INVOICE_COLUMNS = (
    "site_id, lease_id, startup_id, year, number, kind, period, issued_on, due_on, rent_mad, "
    "charges_mad, vat_rate, vat_mad, total_mad, issuer_name, issuer_ice, issuer_if, "
    "issuer_rc, issuer_tp, client_name, client_ice, client_if, client_rc, bank_rib"
)
_CREDIT_COLUMNS = (
    "site_id, invoice_id, year, number, issued_on, amount_excl_mad, vat_mad, total_mad"
)
PG_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION hosting_issued_frozen() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'invoice_frozen: an issued document (%%) is never edited or deleted', TG_TABLE_NAME;
    END $$ LANGUAGE plpgsql
    """,
    f"CREATE TRIGGER invoice_frozen BEFORE UPDATE OF {_INVOICE_COLUMNS} ON hosting_invoice "
    "FOR EACH ROW EXECUTE FUNCTION hosting_issued_frozen()",
    "CREATE TRIGGER invoice_undeletable BEFORE DELETE ON hosting_invoice "
    "FOR EACH ROW EXECUTE FUNCTION hosting_issued_frozen()",
    f"CREATE TRIGGER credit_note_frozen BEFORE UPDATE OF {_CREDIT_COLUMNS} ON hosting_creditnote "
    "FOR EACH ROW EXECUTE FUNCTION hosting_issued_frozen()",
    "CREATE TRIGGER credit_note_undeletable BEFORE DELETE ON hosting_creditnote "
    "FOR EACH ROW EXECUTE FUNCTION hosting_issued_frozen()",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS invoice_frozen ON hosting_invoice",
    "DROP TRIGGER IF EXISTS invoice_undeletable ON hosting_invoice",
    "DROP TRIGGER IF EXISTS credit_note_frozen ON hosting_creditnote",
    "DROP TRIGGER IF EXISTS credit_note_undeletable ON hosting_creditnote",
    "DROP FUNCTION IF EXISTS hosting_issued_frozen()",
]
SQLITE_FORWARD = [
    f"CREATE TRIGGER IF NOT EXISTS invoice_frozen BEFORE UPDATE OF {_INVOICE_COLUMNS} "
    "ON hosting_invoice BEGIN SELECT RAISE(ABORT, 'invoice_frozen'); END",
    f"CREATE TRIGGER IF NOT EXISTS credit_note_frozen BEFORE UPDATE OF {_CREDIT_COLUMNS} "
    "ON hosting_creditnote BEGIN SELECT RAISE(ABORT, 'invoice_frozen'); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS invoice_frozen",
    "DROP TRIGGER IF EXISTS credit_note_frozen",
]

forward = by_vendor(PG_FORWARD, SQLITE_FORWARD)
backward = by_vendor(PG_BACKWARD, SQLITE_BACKWARD)

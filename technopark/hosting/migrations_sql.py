"""SQL that makes the database refuse two overlapping signed leases of one space."""

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE hosting_lease ADD CONSTRAINT lease_no_overlap EXCLUDE USING gist (
        space_id WITH =,
        daterange(starts_on, ends_on, '[)') WITH &&
    ) WHERE (status <> 'draft')
    """,
]
PG_BACKWARD = ["ALTER TABLE hosting_lease DROP CONSTRAINT IF EXISTS lease_no_overlap"]

_SQLITE_CHECK = """
    SELECT RAISE(ABORT, 'lease_no_overlap')
    WHERE NEW.status <> 'draft' AND EXISTS (
        SELECT 1 FROM hosting_lease other
        WHERE other.space_id = NEW.space_id AND other.id IS NOT NEW.id
          AND other.status <> 'draft'
          AND (other.ends_on IS NULL OR other.ends_on > NEW.starts_on)
          AND (NEW.ends_on IS NULL OR NEW.ends_on > other.starts_on)
    );
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER IF NOT EXISTS lease_no_overlap_insert BEFORE INSERT ON hosting_lease BEGIN {_SQLITE_CHECK} END",
    f"CREATE TRIGGER IF NOT EXISTS lease_no_overlap_update BEFORE UPDATE ON hosting_lease BEGIN {_SQLITE_CHECK} END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS lease_no_overlap_insert",
    "DROP TRIGGER IF EXISTS lease_no_overlap_update",
]


def forward(apps, schema_editor):
    statements = PG_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = PG_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for sql in statements:
        schema_editor.execute(sql)

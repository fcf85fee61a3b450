"""SQL that makes the database refuse two overlapping bookings of one room that hold it
(confirmed, or requested and awaiting approval)."""

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE booking_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
        space_id WITH =,
        tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('confirmed', 'requested'))
    """,
]
PG_BACKWARD = ["ALTER TABLE booking_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"]

# Django stores datetimes on SQLite as ISO text in UTC with the same format, so text
# comparison orders them correctly.
_SQLITE_CHECK = """
    SELECT RAISE(ABORT, 'booking_no_overlap')
    WHERE NEW.status IN ('confirmed', 'requested') AND EXISTS (
        SELECT 1 FROM booking_booking other
        WHERE other.space_id = NEW.space_id AND other.id IS NOT NEW.id
          AND other.status IN ('confirmed', 'requested')
          AND other.ends_at > NEW.starts_at AND NEW.ends_at > other.starts_at
    );
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON booking_booking "
    f"BEGIN {_SQLITE_CHECK} END",
    f"CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE ON booking_booking "
    f"BEGIN {_SQLITE_CHECK} END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS booking_no_overlap_update",
]


def forward(apps, schema_editor):
    statements = PG_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = PG_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for sql in statements:
        schema_editor.execute(sql)

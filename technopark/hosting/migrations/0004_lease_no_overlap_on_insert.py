"""Fix the SQLite insert trigger of 0002: on INSERT, NEW.id is NULL, so
`other.id <> NEW.id` was never true and overlapping inserts went through. `IS NOT`
compares NULL as a value. PostgreSQL's exclusion constraint is unchanged."""

from django.db import migrations

_CHECK = """
    SELECT RAISE(ABORT, 'lease_no_overlap')
    WHERE NEW.status <> 'draft' AND EXISTS (
        SELECT 1 FROM hosting_lease other
        WHERE other.space_id = NEW.space_id AND other.id IS NOT NEW.id
          AND other.status <> 'draft'
          AND (other.ends_on IS NULL OR other.ends_on > NEW.starts_on)
          AND (NEW.ends_on IS NULL OR NEW.ends_on > other.starts_on)
    );
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in ("insert", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS lease_no_overlap_{event}")
        schema_editor.execute(
            f"CREATE TRIGGER lease_no_overlap_{event} BEFORE {event.upper()} ON hosting_lease "
            f"BEGIN {_CHECK} END"
        )


class Migration(migrations.Migration):
    dependencies = [("hosting", "0003_contracts_waiting_invoices")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

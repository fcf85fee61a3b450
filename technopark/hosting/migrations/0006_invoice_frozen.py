"""Invoice lines for the invoices issued before lines existed, and the database trigger
that refuses to edit (or, on PostgreSQL, delete) an issued invoice or credit note."""

from django.db import migrations

from technopark.billing import migrations_sql_invoices


def lines_for_old_invoices(apps, schema_editor):
    Invoice = apps.get_model("hosting", "Invoice")
    InvoiceLine = apps.get_model("hosting", "InvoiceLine")
    lines = []
    for invoice in Invoice.objects.filter(lines__isnull=True).iterator():
        rows = [(f"Loyer {invoice.period:%m/%Y} · {invoice.space_label}", invoice.rent_mad)]
        if invoice.charges_mad:
            rows.append(("Charges locatives", invoice.charges_mad))
        for position, (label, amount) in enumerate(rows, start=1):
            lines.append(
                InvoiceLine(
                    invoice=invoice,
                    position=position,
                    label=label,
                    quantity=1,
                    unit_price_mad=amount,
                    vat_rate=invoice.vat_rate,
                    amount_excl_mad=amount,
                    vat_mad=(amount * invoice.vat_rate).quantize(amount.__class__("0.01")),
                )
            )
    InvoiceLine.objects.bulk_create(lines, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("hosting", "0005_billing")]

    operations = [
        migrations.RunPython(lines_for_old_invoices, migrations.RunPython.noop),
        migrations.RunPython(
            migrations_sql_invoices.forward, migrations_sql_invoices.backward
        ),
    ]

"""Billing: invoices, credit notes, deposits, charges, payments and the journal."""

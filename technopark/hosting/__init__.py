"""Hosting contracts (leases), the waiting list, invoices and payments."""

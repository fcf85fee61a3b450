"""The one door from payments to the invoices: everything this app reads or writes about an
invoice and its payments goes through these names (the models too), all of them billing's.

The models are imported at once (payments' models refer to them); the services, selectors
and permissions when first called, since they are not importable while models load."""

from technopark.billing.models import Invoice, Payment

__all__ = [
    "Invoice",
    "Payment",
    "closed_until",
    "founders_of",
    "invoice_balance",
    "invoices_with_balance",
    "lock_invoice",
    "payment_record",
    "payment_reverse",
    "visible_invoices",
]


def payment_record(**kwargs) -> Payment:
    """Record money received on an invoice: the service a payment typed in by staff uses."""
    from technopark.billing.services.invoices import payment_record as record

    return record(**kwargs)


def payment_reverse(**kwargs):
    """Give a payment back (a card payment refunded): billing records its reversal."""
    from technopark.billing.services.invoices import payment_reverse as reverse

    return reverse(**kwargs)


def closed_until(site_id: int):
    """The last day of the site's closed books (None when nothing is closed)."""
    from technopark.billing.services.periods import closed_until as until

    return until(site_id)


def invoice_balance(invoice: Invoice):
    from technopark.billing.services.invoices import invoice_balance as balance

    return balance(invoice)


def lock_invoice(invoice: Invoice) -> Invoice:
    from technopark.billing.services.invoices import lock_invoice as lock

    return lock(invoice)


def invoices_with_balance(qs):
    from technopark.billing.selectors import invoices_with_balance as annotate

    return annotate(qs)


def visible_invoices(user):
    from technopark.billing.permissions import visible_invoices as visible

    return visible(user)


def founders_of(startup_id: int) -> list:
    from technopark.billing.services.notices import founders_of as founders

    return founders(startup_id)

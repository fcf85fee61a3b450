"""Acting on many invoices of a site at once (`core/selection.py`): send a reminder now,
record payments in full, export the selection. Each invoice goes through the same
service as on its own page."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from technopark.accounts.permissions import can
from technopark.billing import services
from technopark.billing.forms import DATE, SELECT
from technopark.billing.models import Invoice, Payment
from technopark.billing.permissions import visible_invoices
from technopark.billing.selectors import invoices_with_balance
from technopark.core import clock
from technopark.core.errors import DomainError
from technopark.core.listing import rows_response
from technopark.core.query import DayField
from technopark.core.selection import BulkAction, BulkSet, register
from technopark.network.models import Site


class PayInFullForm(forms.Form):
    paid_on = DayField(label=gettext_lazy("Paid on"), widget=DATE)
    method = forms.ChoiceField(
        label=gettext_lazy("Method"), choices=Payment.Method.choices, widget=SELECT
    )


def _visible(user, scope: str):
    return invoices_with_balance(visible_invoices(user).filter(site__code=scope))


def _matching(request, scope: str):
    from technopark.billing.views.invoices import invoice_listing

    site = Site.objects.filter(code=scope).first()
    if site is None:
        return Invoice.objects.none()
    return invoice_listing(request, site).queryset


def _manages(user, scope: str) -> bool:
    site = Site.objects.filter(code=scope).first()
    return site is not None and can(user, "billing.manage", site)


def _reads(user, scope: str) -> bool:
    site = Site.objects.filter(code=scope).first()
    return site is not None and can(user, "billing.view_site", site)


def _remind(invoice: Invoice, *, by) -> None:
    services.invoice_remind(invoice=invoice, today=clock.today(), by=by)


def _pay_in_full(invoice: Invoice, *, by, paid_on, method) -> None:
    due = services.invoice_balance(invoice)
    if due <= 0:
        raise DomainError(_("This invoice is already paid."), code="paid")
    services.payment_record(invoice=invoice, amount_mad=due, paid_on=paid_on, method=method, by=by)


def _export(fmt: str):
    def export(invoices, request):
        headers = [
            pgettext_lazy("invoice", "Number"),
            _("Client"),
            _("Issued"),
            _("Due"),
            _("Total incl. VAT"),
            _("Paid"),
            _("Left to pay"),
        ]
        rows = (
            [
                i.reference,
                i.client_name,
                i.issued_on,
                i.due_on,
                i.total_mad,
                i.paid_mad,
                i.balance_due,
            ]  # fmt: skip
            for i in invoices.order_by("year", "number")
        )
        return rows_response(fmt, "invoices-selection", [str(h) for h in headers], rows)

    return export


INVOICES = register(
    BulkSet(
        name="billing.invoices",
        visible=_visible,
        matching=_matching,
        back=lambda scope: reverse("billing:invoice_list", args=[scope]),
        label=lambda i: f"{i.reference} · {i.client_name}",
        noun=lambda n: ngettext("%(n)s invoice", "%(n)s invoices", n) % {"n": n},
        actions=(
            BulkAction(
                "remind",
                gettext_lazy("Send a reminder now"),
                gettext_lazy(
                    "A payment reminder will be sent now for each of the %(count)s invoices, "
                    "to the startup's founders and billing address (in the platform and by "
                    "e-mail). Invoices paid, not yet due or already reminded today are refused."
                ),
                run=_remind,
                offered=_manages,
                allowed=lambda user, i: can(user, "invoice.remind", i),
                primary=True,
            ),
            BulkAction(
                "pay_in_full",
                gettext_lazy("Record payment in full"),
                gettext_lazy(
                    "A payment of what is left to pay will be recorded on each of the "
                    "%(count)s invoices, on the date and by the method below."
                ),
                run=_pay_in_full,
                form=PayInFullForm,
                offered=_manages,
                allowed=lambda user, i: can(user, "invoice.pay", i),
            ),
            BulkAction(
                "export_xlsx",
                gettext_lazy("Export to Excel"),
                export=_export("xlsx"),
                offered=_reads,
            ),
            BulkAction(
                "export_csv", gettext_lazy("Export to CSV"), export=_export("csv"), offered=_reads
            ),
        ),
    )
)

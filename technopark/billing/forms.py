"""Forms of the billing pages; the services do the checking that matters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.billing.models import Charge, Payment
from technopark.core.query import DayField

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
MONEY = forms.NumberInput(attrs={"class": "form-control", "step": "0.01", "min": "0"})
TEXT = forms.TextInput(attrs={"class": "form-control"})
SELECT = forms.Select(attrs={"class": "form-select"})
CHECK = forms.CheckboxInput(attrs={"class": "form-check-input"})


def _money(label, required=False, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=MONEY,
        help_text=help_text,
    )


class PaymentForm(forms.Form):
    amount_mad = _money(_("Amount (MAD)"), required=True)
    paid_on = DayField(label=_("Paid on"), widget=DATE)
    method = forms.ChoiceField(label=_("Method"), choices=Payment.Method.choices, widget=SELECT)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False, widget=TEXT)


class MonthForm(forms.Form):
    month = DayField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "class": "form-control"}, format="%Y-%m"),
    )


class CreditNoteForm(forms.Form):
    amount_mad = _money(_("Amount to credit (MAD incl. VAT)"), required=True)
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=TEXT)


class CloseForm(forms.Form):
    closed_until = DayField(label=_("Close the books up to (included)"), widget=DATE)


class PeriodForm(forms.Form):
    start = DayField(label=_("From"), widget=DATE)
    end = DayField(label=_("To (included)"), widget=DATE)
    format = forms.ChoiceField(
        label=_("Format"), choices=[("xlsx", "Excel"), ("csv", "CSV")], widget=SELECT
    )


class ChargeForm(forms.Form):
    startup = forms.ModelChoiceField(label=_("Client"), queryset=None, widget=SELECT)
    kind = forms.ChoiceField(label=_("Kind"), choices=(), widget=SELECT)
    label = forms.CharField(label=_("Description"), max_length=300, widget=TEXT)
    quantity = forms.DecimalField(
        label=_("Quantity"),
        min_value=0.01,
        max_digits=10,
        decimal_places=2,
        initial=1,
        widget=MONEY,
    )
    unit_price_mad = _money(_("Unit price (MAD, excl. VAT)"), required=True)
    incurred_on = DayField(label=_("Date"), widget=DATE)

    def __init__(self, *args, startups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = startups
        self.fields["kind"].choices = [
            (k, label) for k, label in Charge.Kind.choices if k != Charge.Kind.ROOM
        ]


class SiteBillingForm(forms.Form):
    """The bank details and payment terms a site's managers keep (checked by the service)."""

    bank_name = forms.CharField(label=_("Bank"), max_length=100, required=False, widget=TEXT)
    rib = forms.CharField(
        label=_("RIB (24 digits)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}),
        help_text=_("Bank, city, account and key, as on the bank's certificate."),
    )
    cnss = forms.CharField(
        label=_("CNSS affiliation number"), max_length=30, required=False, widget=TEXT
    )
    payment_term_days = forms.IntegerField(
        label=_("Payment term (days)"),
        widget=forms.NumberInput(attrs={"class": "form-control", "min": "0", "max": "120"}),
    )
    payment_terms = forms.CharField(
        label=_("Payment terms"),
        max_length=200,
        required=False,
        widget=TEXT,
        help_text=_("Printed on invoices, e.g. 'Bank transfer within 30 days'."),
    )

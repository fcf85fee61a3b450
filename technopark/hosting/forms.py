"""Forms of the hosting pages; the services do the checking that matters."""

from __future__ import annotations

import re

from django import forms
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.network.models import Space

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


class StartupLookupField(forms.CharField):
    """A startup typed by its name or reference (a site has thousands: no drop-down list).

    Without JavaScript it is a plain text field looked up here; with it, the page suggests
    "Name (REF)" from the site's lookup endpoint, which this field reads back by the
    reference. Several startups matching is an error that asks for the reference."""

    queryset = None

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        qs = self.queryset
        suggested = re.search(r"\(([^()]+)\)\s*$", text)
        for lookup in (
            {"ref__iexact": suggested.group(1).strip()} if suggested else None,
            {"ref__iexact": text},
            {"name__iexact": text},
            {"name__icontains": text},
        ):
            if lookup is None:
                continue
            found = list(qs.filter(**lookup)[:2])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise forms.ValidationError(
                    _("Several startups match “%(text)s”: type its reference."),
                    params={"text": text},
                )
        raise forms.ValidationError(
            _("No startup of this site has the name or reference “%(text)s”."),
            params={"text": text},
        )


class LeaseForm(forms.Form):
    startup = StartupLookupField(
        label=_("Startup"),
        help_text=_("Type its name or its reference."),
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "off", "list": "startup-options"}
        ),
    )
    space = forms.ModelChoiceField(label=_("Space"), queryset=None, widget=SELECT)
    starts_on = DayField(label=_("Starts on"), widget=DATE)
    planned_end = DayField(label=_("Planned end"), widget=DATE)
    rent_per_m2_mad = _money(_("Monthly rent per m² (MAD, excl. VAT)"))
    monthly_rent_mad = _money(
        _("Or a fixed monthly rent (MAD, excl. VAT)"), help_text=_("Overrides the rate per m².")
    )
    charges_mad = _money(_("Monthly charges (MAD, excl. VAT)"))
    sign_now = forms.BooleanField(label=_("Signed today"), required=False, widget=CHECK)

    def __init__(self, *args, startups, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = startups
        self.fields["space"].queryset = spaces
        self.fields["space"].label_from_instance = _space_label


def _space_label(space: Space) -> str:
    # Written as on the contract's page (51 m², 12,5 m²), not the Decimal's "51.00".
    return f"{space.code} · {space.get_kind_display()} · {floatformat(space.area_m2, '-2g')} m²"


class DayForm(forms.Form):
    day = DayField(label=_("Date"), widget=DATE)


class NoticeForm(forms.Form):
    notice_on = DayField(label=_("Notice given on"), widget=DATE)
    leaving_on = DayField(label=_("Leaves on"), widget=DATE)


class RenewForm(forms.Form):
    planned_end = DayField(label=_("New planned end"), widget=DATE)
    rent_per_m2_mad = _money(_("New rent per m² (empty: unchanged)"))


class MoveForm(forms.Form):
    space = forms.ModelChoiceField(label=_("New space"), queryset=None, widget=SELECT)
    on = DayField(label=_("Moves on"), widget=DATE)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces
        self.fields["space"].label_from_instance = _space_label


class WaitingForm(forms.Form):
    startup = forms.ModelChoiceField(label=_("Startup"), queryset=None, widget=SELECT)
    area_needed_m2 = forms.DecimalField(
        label=_("Area needed (m²)"), min_value=1, max_digits=8, decimal_places=2, widget=MONEY
    )
    kind = forms.ChoiceField(
        label=_("Kind of space"),
        choices=[(k, label) for k, label in Space.Kind.choices if k not in Space.BOOKABLE_KINDS],
        widget=SELECT,
    )
    requested_on = DayField(label=_("Requested on"), widget=DATE)

    def __init__(self, *args, startups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = startups


class OfferForm(forms.Form):
    space = forms.ModelChoiceField(label=_("Space"), queryset=None, widget=SELECT)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces
        self.fields["space"].label_from_instance = _space_label


class AcceptForm(forms.Form):
    starts_on = DayField(label=_("Starts on"), widget=DATE)
    planned_end = DayField(label=_("Planned end"), widget=DATE)
    rent_per_m2_mad = _money(_("Monthly rent per m² (MAD, excl. VAT)"), required=True)
    charges_mad = _money(_("Monthly charges (MAD, excl. VAT)"))


class DepositForm(forms.Form):
    day = DayField(label=_("Settled on"), widget=DATE)
    retained_mad = _money(_("Retained (MAD)"), help_text=_("0 to return it all."))
    reason = forms.CharField(
        label=_("Reason for retaining"), max_length=300, required=False, widget=TEXT
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.payments.parsers import DEFAULT_MAPPING


class StatementForm(forms.Form):
    file = forms.FileField(label=_("Statement file"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("", _("Recognise it")),
            ("mt940", "MT940"),
            ("camt053", "CAMT.053"),
            ("csv", "CSV"),
        ],
        required=False,
    )
    account = forms.CharField(
        label=_("Account (RIB or IBAN), when the file does not say"), required=False, max_length=64
    )
    col_date = forms.CharField(
        label=_("Date column"), initial=DEFAULT_MAPPING["date"], required=False
    )
    col_amount = forms.CharField(
        label=_("Amount column"), initial=DEFAULT_MAPPING["amount"], required=False
    )
    col_reference = forms.CharField(
        label=_("Bank reference column"), initial=DEFAULT_MAPPING["reference"], required=False
    )
    col_label = forms.CharField(
        label=_("Label column"), initial=DEFAULT_MAPPING["label"], required=False
    )
    col_payer = forms.CharField(
        label=_("Payer column"), initial=DEFAULT_MAPPING["payer"], required=False
    )
    date_format = forms.CharField(
        label=_("Date format"), initial=DEFAULT_MAPPING["date_format"], required=False
    )
    delimiter = forms.CharField(
        label=_("Separator"), initial=DEFAULT_MAPPING["delimiter"], required=False, max_length=1
    )

    def mapping(self) -> dict:
        d = self.cleaned_data
        given = {
            "date": d["col_date"],
            "amount": d["col_amount"],
            "reference": d["col_reference"],
            "label": d["col_label"],
            "payer": d["col_payer"],
            "date_format": d["date_format"],
            "delimiter": d["delimiter"],
        }
        return {**DEFAULT_MAPPING, **{k: v for k, v in given.items() if v}}


class AssignForm(forms.Form):
    invoice = forms.CharField(label=_("Invoice number"), max_length=40)


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

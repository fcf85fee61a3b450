from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.privacy.models import Consent, DataRequest


class ConsentForm(forms.Form):
    showcase = forms.BooleanField(label=Consent.Purpose.SHOWCASE.label, required=False)
    marketing = forms.BooleanField(label=Consent.Purpose.MARKETING.label, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-check-input"


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I ask for"),
        choices=DataRequest.Kind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    message = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=5000,
        help_text=_("For a correction: what is wrong and what it should say."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )


class ProcessForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (DataRequest.Status.DONE, _("Done")),
            (DataRequest.Status.REJECTED, _("Rejected")),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    answer = forms.CharField(
        label=_("Answer to the person"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )

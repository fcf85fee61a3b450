from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.startups.models import Startup


class StartupProfileForm(forms.ModelForm):
    class Meta:
        model = Startup
        fields = [
            "name",
            "legal_form",
            "ice",
            "rc",
            "rc_court",
            "founded_on",
            "sector",
            "city",
            "region",
            "email",
            "website",
            "description",
            "public",
        ]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else "form-control"
            )
            if isinstance(field.widget, forms.Select):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)
        self.fields["ice"].help_text = _("15 digits, as on your invoices.")

    def clean_ice(self):
        return self.cleaned_data["ice"] or None


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of your teammate"),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )


class StaffNoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note (staff only)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

import datetime as dt

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technopark.accounts import tokens
from technopark.accounts.adapter import address_of_another_account

EXPIRIES = [
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In a year")),
    ("never", _("Never")),
]
ACCESS = [("", _("No access")), ("read", _("Read")), ("write", _("Read and write"))]


class TokenForm(forms.Form):
    """A new API token: its name, what it may touch per area, its expiry and whose it is."""

    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("e.g. my script")}),
    )
    expires = forms.ChoiceField(
        label=_("Expires"),
        choices=EXPIRIES,
        initial="90",
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("For"),
        queryset=None,
        required=False,
        empty_label=_("Me (a personal token)"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        from technopark.accounts.permissions import administered_organisations

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = administered_organisations(user)
        for area, label in tokens.AREAS.items():
            self.fields[f"scope_{area}"] = forms.ChoiceField(
                label=label,
                choices=ACCESS,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def scope_fields(self):
        return [self[f"scope_{area}"] for area in tokens.AREAS]

    def clean(self):
        data = super().clean()
        scopes = [
            f"{area}:{data[f'scope_{area}']}" for area in tokens.AREAS if data.get(f"scope_{area}")
        ]
        if not scopes:
            raise forms.ValidationError(_("Choose at least one area for the token."))
        data["scopes"] = scopes
        days = data.get("expires") or "90"
        data["expires_at"] = (
            None if days in (None, "never") else timezone.now() + dt.timedelta(days=int(days))
        )
        return data


class AddEmailForm(AllauthAddEmailForm):
    """allauth's form to change one's address, refusing another account's: allauth, to keep
    from telling who has an account, would take it and send it a link."""

    def clean_email(self) -> str:
        value = super().clean_email()
        if address_of_another_account(value, self.user):
            raise forms.ValidationError(
                _("This address belongs to another account: it cannot be added to yours."),
                code="email_taken",
            )
        return value

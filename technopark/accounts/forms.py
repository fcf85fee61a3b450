from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.accounts.adapter import address_of_another_account


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("e.g. my script")}),
    )


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

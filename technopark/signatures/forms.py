"""Forms of the signature pages; the services do the checking that matters."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from technopark.core import clock

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
TEXT = forms.TextInput(attrs={"class": "form-control"})
SELECT = forms.Select(attrs={"class": "form-select"})
CHECK = forms.CheckboxInput(attrs={"class": "form-check-input"})


class SignersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name or user.email} ({user.email})"


class RequestForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, widget=TEXT)
    language = forms.ChoiceField(label=_("Language of the request"), widget=SELECT)
    signers = SignersField(
        label=_("Signers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The startup's members first, then the site's staff."),
    )
    in_order = forms.BooleanField(
        label=_("Sign in the order listed (each is invited when the one before has signed)"),
        required=False,
        widget=CHECK,
    )
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE)

    def __init__(self, *args, candidates, with_file: bool = False, languages=None, **kwargs):
        kwargs.setdefault(
            "initial",
            {"expires_on": clock.today() + dt.timedelta(days=15), "language": "fr"},
        )
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.candidates = candidates
        self.fields["signers"].queryset = get_user_model().objects.filter(
            pk__in=[u.pk for u in candidates]
        )
        order = {u.pk: i for i, u in enumerate(candidates)}
        self.fields["signers"].choices = [
            (u.pk, self.fields["signers"].label_from_instance(u)) for u in candidates
        ]
        self._order = order
        self.fields["language"].choices = [
            (code, name)
            for code, name in settings.LANGUAGES
            if languages is None or code in languages
        ]
        if with_file:
            self.fields["file"] = forms.FileField(
                label=_("The PDF to sign"),
                widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".pdf"}),
            )

    def ordered_signers(self) -> list:
        return sorted(self.cleaned_data["signers"], key=lambda u: self._order.get(u.pk, 0))


class SignForm(forms.Form):
    code = forms.CharField(
        label=_("Code received by e-mail"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "dir": "ltr",
                "pattern": "[0-9 ]*",
            }
        ),
    )
    consent = forms.BooleanField(required=False, widget=CHECK)
    document_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )

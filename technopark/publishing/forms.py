from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.network.models import Site
from technopark.publishing.models import ReportJob, ShowcaseProfile


class ShowcaseForm(forms.ModelForm):
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG, JPEG or WebP image of at most 2 MB; it is shown as a square."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = ShowcaseProfile
        fields = [
            "tagline",
            "products",
            "seeks_clients",
            "seeks_funding",
            "seeks_talent",
            *ShowcaseProfile.CHOICES,
        ]
        widgets = {"products": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo:
            del self.fields["remove_logo"]
        for field in self.fields.values():
            is_check = isinstance(field.widget, forms.CheckboxInput)
            field.widget.attrs["class"] = "form-check-input" if is_check else "form-control"

    def profile_fields(self):
        return [
            self[name]
            for name in ("tagline", "products", "logo", "remove_logo")
            if name in self.fields
        ]

    def seeks_fields(self):
        return [self[name] for name in ("seeks_clients", "seeks_funding", "seeks_talent")]

    def choice_fields(self):
        return [self[name] for name in ShowcaseProfile.CHOICES]

    def data_fields(self) -> dict:
        skip = {"logo", "remove_logo"}
        return {f: self.cleaned_data[f] for f in self.fields if f not in skip}


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("The startup answers you here."))
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    # Left empty by people; robots fill every field.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
        self.fields["website"].widget.attrs["class"] = "tp-hp"


class ReportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=ReportJob.Format.choices)
    as_of = DayField(
        label=_("As of"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    site = forms.ModelChoiceField(
        label=_("Scope"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Whole network"),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, sites=None, **kwargs):
        kwargs.setdefault("initial", {"as_of": dt.date.today(), "language": "fr"})
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites if sites is not None else Site.objects.all()
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-control" if isinstance(field.widget, forms.DateInput) else "form-select"
            )


class SitePhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("A PNG, JPEG or WebP image of at most 3 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("What the photo shows"),
        max_length=200,
        help_text=_("One sentence, read aloud to people who cannot see the photo."),
    )


class SiteGuideForm(forms.Form):
    directions = forms.CharField(
        label=_("How to get there"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tram, bus, train, parking, the entrance to use: one line each."),
    )

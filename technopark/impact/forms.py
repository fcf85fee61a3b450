"""The forms of the bilan pages: which bilan to show, and freezing an edition."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.network.models import Site


class BilanScopeForm(forms.Form):
    as_of = DayField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("Whole network"),
    )

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites if sites is not None else Site.objects.all()

    def chosen_site(self) -> Site | None:
        """The site asked for, when it is one the person may read (the date is read by
        `core.query.page_day`, which says on the page what is wrong with a bad one)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get("site")


class EditionForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("For example: Bilan d'étape 2022.")
    )
    as_of = DayField(
        label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("Whole network"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites if sites is not None else Site.objects.all()

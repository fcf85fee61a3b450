"""Forms of community life; they parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.community.models import Event
from technopark.network.models import Site

DATETIME = {"type": "datetime-local"}


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "site",
            "title",
            "kind",
            "audience",
            "description",
            "location",
            "room",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_deadline",
            "requires_approval",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
            "registration_deadline": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        if "room" in self.fields:
            from technopark.network.models import Space

            self.fields["room"].queryset = Space.objects.filter(
                site__in=sites, kind__in=Space.BOOKABLE_KINDS
            ).select_related("site")
        if sites.count() == 1:
            self.fields["site"].initial = sites.first()
        for name, field in self.fields.items():
            if name != "requires_approval":
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)

    def validate_unique(self) -> None:
        """The service checks the rules, with messages people understand."""


class CheckinForm(forms.Form):
    code = forms.CharField(label=_("Ticket"), max_length=300, required=False)
    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)


def sites_for_events(p):
    if p.is_network_admin:
        return Site.objects.order_by("name")
    return Site.objects.filter(pk__in=p.staff_site_ids).order_by("name")

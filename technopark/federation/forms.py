"""Forms of the federation pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technopark.accounts.models import Role
from technopark.core.query import DayField
from technopark.federation.models import Milestone
from technopark.network.models import Operator, Region, Site

UPLOAD_EXTENSIONS = (".zip", ".xlsx")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BootstrapForm(forms.Form):
    """Gives each widget the Bootstrap class its kind takes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class StaffInviteForm(BootstrapForm):
    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.Kind.PARTNER_OFFICER, Role.Kind.PARTNER_OFFICER.label),
            (Role.Kind.PARTNER_ADMIN, Role.Kind.PARTNER_ADMIN.label),
        ],
        initial=Role.Kind.PARTNER_OFFICER,
    )


class PartnerForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, label) for k, label in Operator.Kind.choices if k != Operator.Kind.NETWORK],
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.order_by("code"), required=False
    )
    website = forms.URLField(label=_("Website"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    public = forms.BooleanField(
        label=_("Listed in the public partner directory"), required=False, initial=True
    )


class PartnerCreateForm(PartnerForm):
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        help_text=_("Used in addresses and in the interchange files, e.g. uh2c."),
    )
    admin_email = forms.EmailField(label=_("E-mail of its administrator"))
    admin_name = forms.CharField(label=_("Administrator's full name"), required=False)


class UploadForm(BootstrapForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A .zip of CSV files or one .xlsx workbook in the interchange format, with at "
            "least your programs and startups."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(UPLOAD_EXTENSIONS):
            raise forms.ValidationError(
                _("Upload a .zip or .xlsx file (this one is %(name)s).") % {"name": upload.name}
            )
        limit = settings.TECHNOPARK_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1_048_576, 1), "limit": limit // 1_048_576}
            )
        return upload


class MilestoneForm(BootstrapForm):
    planned_on = DayField(label=_("Planned date"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
    actual_on = DayField(label=_("Actual date"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SiteOpenForm(BootstrapForm):
    opened_on = DayField(label=_("Opening date"), widget=DateInput(), initial=timezone.localdate)


class ScenarioForm(BootstrapForm):
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.select_related("region").order_by("opened_on", "code"),
        to_field_name="code",
    )
    area_m2 = forms.IntegerField(
        label=_("Leasable area (m²)"), min_value=1, max_value=200_000, initial=3000
    )
    year = forms.IntegerField(label=_("Opening year"), min_value=2000, max_value=2100)

"""Forms of the collection work. Repeatable rows (exports, patents, fundings) are parsed by hand
so htmx can add rows without a formset's management form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from technopark.core.query import DayField
from technopark.network.models import Site
from technopark.programs.models import Program
from technopark.startups.models import FollowUp, Funding, Patent
from technopark.surveys.models import Campaign, CampaignMetric
from technopark.surveys.services import ExportLine, FundingLine, MetricSpec, PatentLine

DIRECT_HELP = gettext_lazy(
    "People on your payroll on that date, founders included; count people, not full-time "
    "equivalents; interns are not counted."
)
INDIRECT_HELP = gettext_lazy(
    "People who are not on your payroll but work mostly for you (regular freelancers, "
    "outsourced or subcontracted staff assigned to you). The bilan reports them apart from "
    "direct jobs and adds them into jobs created."
)


def last_period_end(today: dt.date) -> dt.date:
    """End of the last completed declaration period (half-years unless configured)."""
    months = getattr(settings, "SURVEYS_DECLARATION_MONTHS", 6)
    boundaries = [dt.date(today.year, m, 1) for m in range(1, 13, months)]
    start = max(b for b in boundaries if b <= today)
    return start - dt.timedelta(days=1)


class AmountField(forms.DecimalField):
    """An amount as people type it: "1 250 000", "1250000,50" or "1250000.50"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u202f", "").replace("\xa0", "")
            value = value.replace(",", ".")
        return super().to_python(value)


class DeclarationForm(forms.Form):
    as_of = DayField(
        label=gettext_lazy("Figures as of"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    direct_jobs = forms.IntegerField(
        label=gettext_lazy("Direct jobs"), min_value=0, help_text=DIRECT_HELP
    )
    indirect_jobs = forms.IntegerField(
        label=gettext_lazy("Indirect jobs"), min_value=0, initial=0, help_text=INDIRECT_HELP
    )
    revenue_mad = AmountField(
        label=gettext_lazy("Revenue over the last 12 months (MAD)"),
        widget=forms.TextInput,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-control")
            if name != "as_of":
                field.widget.attrs["inputmode"] = "numeric" if "jobs" in name else "decimal"


def _decimal(raw: str) -> Decimal | None:
    raw = (raw or "").replace(" ", "").replace("\u202f", "").replace(",", ".")
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise ValueError from None


def _date(raw: str) -> dt.date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError


def parse_rows(post, *, year: int) -> tuple[list, list, list, list[str]]:
    """Exports, patents and fundings typed in the repeatable rows, and what is wrong in them."""
    exports, patents, fundings, errors = [], [], [], []
    for country, amount in zip(
        post.getlist("export_country"), post.getlist("export_amount"), strict=False
    ):
        if not country.strip() and not amount.strip():
            continue
        try:
            exports.append(ExportLine(year, country.strip().upper(), _decimal(amount)))
        except ValueError:
            errors.append(_("Export to %(c)s: the amount is not a number.") % {"c": country})
    for filed, title, office in zip(
        post.getlist("patent_filed_on"),
        post.getlist("patent_title"),
        post.getlist("patent_office"),
        strict=False,
    ):
        if not filed.strip() and not title.strip():
            continue
        try:
            day = _date(filed)
        except ValueError:
            day = None
        if day is None:
            errors.append(_("Patent “%(t)s”: give the filing date.") % {"t": title})
            continue
        patents.append(PatentLine(day, title.strip(), office or Patent.Office.OMPIC))
    for obtained, source, kind, amount in zip(
        post.getlist("funding_obtained_on"),
        post.getlist("funding_source"),
        post.getlist("funding_kind"),
        post.getlist("funding_amount"),
        strict=False,
    ):
        if not obtained.strip() and not source.strip() and not amount.strip():
            continue
        try:
            day, value = _date(obtained), _decimal(amount)
        except ValueError:
            errors.append(_("Funding from %(s)s: check the date and amount.") % {"s": source})
            continue
        if day is None or value is None:
            errors.append(_("Funding from %(s)s: give the date and amount.") % {"s": source})
            continue
        fundings.append(FundingLine(day, source.strip(), value, kind))
    return exports, patents, fundings, errors


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Is your company still in business?"),
        choices=FollowUp.Status.choices,
        widget=forms.RadioSelect,
    )
    direct_jobs = forms.IntegerField(
        label=gettext_lazy("People employed today"),
        min_value=0,
        required=False,
        help_text=DIRECT_HELP,
    )
    indirect_jobs = forms.IntegerField(
        label=gettext_lazy("Indirect jobs"),
        min_value=0,
        required=False,
        initial=0,
        help_text=INDIRECT_HELP,
    )


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you, from 1 (not at all) to 5 (very)?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class CampaignForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Campaign.Kind.choices)
    period = forms.CharField(
        label=gettext_lazy("Period"), max_length=20, help_text=gettext_lazy("e.g. 2026-S2")
    )
    as_of = DayField(
        label=gettext_lazy("Figures as of"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    opens_on = DayField(
        label=gettext_lazy("Opens on"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    closes_on = DayField(
        label=gettext_lazy("Closes on"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    sites = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Sites"), queryset=Site.objects.none(), required=False
    )
    programs = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Programs"),
        queryset=Program.objects.order_by("name"),
        required=False,
        help_text=gettext_lazy("Leave empty to ask every startup of the sites."),
    )
    anonymous = forms.BooleanField(label=gettext_lazy("Anonymous answers"), required=False)

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = sites if sites is not None else Site.objects.all()
        for name, field in self.fields.items():
            if name == "anonymous":
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field, forms.ModelMultipleChoiceField):
                field.widget.attrs["class"] = "form-select"
            else:
                field.widget.attrs["class"] = "form-select" if name == "kind" else "form-control"


def parse_metric_rows(post) -> list[MetricSpec]:
    """The extra figures typed in the campaign form's repeatable rows (empty rows skipped);
    the service checks them."""
    specs = []
    for label, label_ar, label_en, kind, unit, required in zip(
        post.getlist("metric_label"),
        post.getlist("metric_label_ar"),
        post.getlist("metric_label_en"),
        post.getlist("metric_kind"),
        post.getlist("metric_unit"),
        post.getlist("metric_required"),
        strict=False,
    ):
        if not any(v.strip() for v in (label, label_ar, label_en, unit)):
            continue
        specs.append(
            MetricSpec(
                label=label,
                kind=kind,
                unit=unit,
                required=required == "1",
                label_ar=label_ar,
                label_en=label_en,
            )
        )
    return specs


def metric_rows(metrics) -> list[dict]:
    """Rows of the campaign form for metrics already set (or posted back)."""
    return [
        {
            "label": m.label,
            "label_ar": m.label_ar,
            "label_en": m.label_en,
            "kind": m.kind,
            "unit": m.unit,
            "required": m.required,
        }
        for m in metrics
    ]


FUNDING_KINDS = Funding.Kind.choices
METRIC_KINDS = CampaignMetric.Kind.choices
PATENT_OFFICES = Patent.Office.choices

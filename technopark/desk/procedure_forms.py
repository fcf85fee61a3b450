"""Forms of the procedures' editor; they only parse, `services_procedures` decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.desk.models import Desk, Procedure, ProcedureStep
from technopark.desk.services_procedures import MAX_DELAY_DAYS


def _style(form: forms.Form) -> None:
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        else:
            widget.attrs.setdefault(
                "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
            )
        if name.endswith("_ar"):
            widget.attrs.update({"dir": "rtl", "lang": "ar"})
        elif name.endswith("_en"):
            widget.attrs.update({"lang": "en"})


class ProcedureForm(forms.Form):
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200)
    name_ar = forms.CharField(label=_("Name (Arabic)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters, digits and dashes; it names the procedure in exports."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    active = forms.BooleanField(
        label=_("Offered: founders may open a file of it"), required=False, initial=True
    )

    def __init__(self, *args, procedure: Procedure | None = None, **kwargs):
        if procedure is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name_fr": procedure.name_fr,
                    "name_ar": procedure.name_ar,
                    "name_en": procedure.name_en,
                    "code": procedure.code,
                    "description": procedure.description,
                    "active": procedure.active,
                },
            )
        super().__init__(*args, **kwargs)
        _style(self)


class StepForm(forms.Form):
    name_fr = forms.CharField(label=_("Step (French)"), max_length=200)
    name_ar = forms.CharField(label=_("Step (Arabic)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Step (English)"), max_length=200, required=False)
    desk_kind = forms.ChoiceField(label=_("At the desk"), choices=Desk.Kind.choices)
    place = forms.CharField(
        label=_("Place"),
        max_length=120,
        required=False,
        help_text=_("Where it happens when it is not at a desk of the site."),
    )
    delay_days = forms.IntegerField(
        label=_("Usual delay (days)"), min_value=0, max_value=MAX_DELAY_DAYS, initial=1
    )
    pieces_fr = forms.CharField(
        label=_("Pieces required (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One piece a line."),
    )
    pieces_ar = forms.CharField(
        label=_("Pieces required (Arabic)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pieces_en = forms.CharField(
        label=_("Pieces required (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, step: ProcedureStep | None = None, **kwargs):
        if step is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name_fr": step.name_fr,
                    "name_ar": step.name_ar,
                    "name_en": step.name_en,
                    "desk_kind": step.desk_kind,
                    "place": step.place,
                    "delay_days": step.delay_days,
                    "pieces_fr": step.pieces_fr,
                    "pieces_ar": step.pieces_ar,
                    "pieces_en": step.pieces_en,
                },
            )
        super().__init__(*args, **kwargs)
        _style(self)

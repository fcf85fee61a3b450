"""Forms of the files across desks and of walk-ins; they only parse, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.core.uploads import DOCUMENTS, UploadCheck
from technopark.desk.models import FileStep, Procedure, Service
from technopark.desk.services_files import MAX_PIECE_BYTES
from technopark.startups.models import Startup


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, (forms.CheckboxInput, forms.RadioSelect)):
            continue
        field.widget.attrs.setdefault(
            "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        )


class FileOpenForm(forms.Form):
    procedure = forms.ModelChoiceField(queryset=Procedure.objects.none(), label=_("Procedure"))
    startup = forms.ModelChoiceField(queryset=Startup.objects.none(), label=_("For the startup"))

    def __init__(self, *args, startups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.filter(active=True).order_by("name")
        self.fields["procedure"].label_from_instance = lambda p: p.name
        self.fields["startup"].queryset = startups
        self.only_startup = startups.first() if startups.count() == 1 else None
        if self.only_startup is not None:
            self.fields["startup"].required = False
            self.fields["startup"].widget = forms.HiddenInput()
        _style(self)

    def clean_startup(self):
        return self.cleaned_data.get("startup") or self.only_startup


class PieceForm(forms.Form):
    label = forms.CharField(label=_("Piece"), max_length=200)
    step = forms.ModelChoiceField(
        queryset=FileStep.objects.none(), required=False, label=_("For the step")
    )
    upload = forms.FileField(
        label=_("File (PDF, image, Word or Excel, 5 MB at most)"),
        validators=[UploadCheck(kinds=DOCUMENTS, max_bytes=MAX_PIECE_BYTES)],
    )

    def __init__(self, *args, file, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = file.steps.select_related("step").order_by("position")
        self.fields["step"].label_from_instance = lambda s: f"{s.position}. {s.step.name}"
        _style(self)


class StepMoveForm(forms.Form):
    move = forms.ChoiceField(
        label=_("Step action"),
        choices=[
            ("start", _("Start the step")),
            ("done", _("Done")),
            ("block", _("Block the step")),
        ],
    )
    reason = forms.CharField(label=_("Reason (when blocked)"), required=False, max_length=2000)

    def __init__(self, *args, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        if step is not None and step.status == "in_progress":
            # A step in progress is not started again: it is done or blocked.
            self.fields["move"].choices = [
                c for c in self.fields["move"].choices if c[0] != "start"
            ]


class DueForm(forms.Form):
    due_on = DayField(
        label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    internal = forms.BooleanField(
        label=_("Internal (desks and staff only)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["internal"].widget.attrs["class"] = "form-check-input"


class WalkInForm(forms.Form):
    who = forms.CharField(label=_("Startup or visitor"), max_length=200)
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(), required=False, label=_("Service")
    )
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=2000)

    def __init__(self, *args, desk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = desk.services.filter(active=True)
        self.fields["service"].label_from_instance = lambda s: s.name
        _style(self)
        self.fields["who"].widget.attrs["list"] = "walk-in-startups"
        self.fields["who"].widget.attrs["autocomplete"] = "off"

"""Forms of the guichet unique; they only parse input, the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.desk.models import Appointment, Case, Desk, Slot
from technopark.startups.models import Startup


def slot_label(slot: Slot) -> str:
    start = timezone.localtime(slot.starts_at)
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M} · " + str(
        _("%(n)d free") % {"n": slot.remaining}
    )


class BookingForm(forms.Form):
    slot = forms.ModelChoiceField(queryset=Slot.objects.none(), label=_("Time"))
    service = forms.ChoiceField(label=_("Service"))
    startup = forms.ModelChoiceField(queryset=Startup.objects.none(), label=_("For the startup"))
    note = forms.CharField(
        label=_("Note for the agent"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, desk: Desk, slots, startups, **kwargs):
        super().__init__(*args, **kwargs)
        self.desk = desk
        self.fields["slot"].queryset = slots
        self.fields["slot"].label_from_instance = slot_label
        self.fields["service"].choices = [
            (s.code, s.name) for s in desk.services.filter(active=True)
        ]
        self.fields["startup"].queryset = startups
        self.only_startup = startups.first() if startups.count() == 1 else None
        if self.only_startup is not None:
            self.fields["startup"].required = False
            self.fields["startup"].widget = forms.HiddenInput()
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def clean_startup(self):
        return self.cleaned_data.get("startup") or self.only_startup


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000)


class HandleForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Appointment.Status.DONE, _("Done")),
            (Appointment.Status.NO_SHOW, _("No-show")),
        ]
    )
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=2000)
    case = forms.ModelChoiceField(queryset=Case.objects.none(), required=False, label=_("Case"))

    def __init__(self, *args, appointment: Appointment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.filter(
            desk_id=appointment.slot.desk_id,
            startup_id=appointment.startup_id,
            status=Case.Status.OPEN,
        )


class BulkSlotsForm(forms.Form):
    first_day = DayField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_day = DayField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days"),
        coerce=int,
        choices=[(i, WEEKDAYS[i]) for i in range(7)],
        initial=[0, 1, 2, 3, 4],
        widget=forms.CheckboxSelectMultiple,
    )
    day_start = forms.TimeField(
        label=_("From (time)"),
        initial=dt.time(9, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    day_end = forms.TimeField(
        label=_("To (time)"),
        initial=dt.time(12, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    minutes = forms.IntegerField(
        label=_("Minutes per slot"), initial=30, min_value=10, max_value=240
    )
    capacity = forms.IntegerField(label=_("Agents available"), initial=1, min_value=1, max_value=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["first_day"].initial = today + dt.timedelta(days=1)
        self.fields["last_day"].initial = today + dt.timedelta(days=14)
        for name, field in self.fields.items():
            if name != "weekdays":
                field.widget.attrs.setdefault("class", "form-control")


class CaseForm(forms.Form):
    startup = forms.ModelChoiceField(queryset=Startup.objects.none(), label=_("Startup"))
    title = forms.CharField(label=_("Subject"), max_length=200)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, desk: Desk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = (
            Startup.objects.filter(desk_appointments__slot__desk=desk).distinct().order_by("name")
        )
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

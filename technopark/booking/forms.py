"""Forms of the booking pages: book (once or weekly), move, block, the room's rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.booking.models import Audience
from technopark.booking.rules import local_datetime
from technopark.core.query import DayField

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time", "class": "form-control", "step": 900}, format="%H:%M")


class SlotForm(forms.Form):
    day = DayField(label=_("Date"), widget=DATE)
    start = forms.TimeField(label=_("From"), widget=TIME)
    end = forms.TimeField(label=_("To"), widget=TIME)

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            data["starts_at"] = local_datetime(data["day"], data["start"])
            data["ends_at"] = local_datetime(data["day"], data["end"])
        return data


class BookingForm(SlotForm):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    repeat_weeks = forms.IntegerField(
        label=_("Repeat every week, number of times"),
        min_value=1,
        max_value=26,
        initial=1,
        help_text=_("1 for a single booking."),
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


class BlockForm(SlotForm):
    title = forms.CharField(
        label=_("Reason"),
        max_length=200,
        initial=_("Maintenance"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    end_day = DayField(
        label=_("Until (date)"), required=False, widget=DATE, help_text=_("Empty: same day.")
    )
    cancel_bookings = forms.BooleanField(
        label=_("Cancel the bookings in the way (their authors are told)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("end_day") and data.get("end"):
            data["ends_at"] = local_datetime(data["end_day"], data["end"])
        return data


WEEKDAYS = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]


class RuleForm(forms.Form):
    bookable = forms.BooleanField(
        label=_("Open for booking"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    opens_at = forms.TimeField(label=_("Opens at"), widget=TIME)
    closes_at = forms.TimeField(label=_("Closes at"), widget=TIME)
    weekdays = forms.MultipleChoiceField(
        label=_("Open days"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )
    max_days_ahead = forms.IntegerField(
        label=_("Bookable up to (days ahead)"),
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    max_minutes = forms.IntegerField(
        label=_("Longest booking (minutes)"),
        min_value=15,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    audience = forms.ChoiceField(
        label=_("Who may book"),
        choices=Audience.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    equipment = forms.CharField(
        label=_("Equipment"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    needs_approval = forms.BooleanField(
        label=_("Bookings need approval (a hall)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_weekdays(self) -> str:
        return "".join(sorted(self.cleaned_data["weekdays"]))

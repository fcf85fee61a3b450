"""Forms of the booking pages: book (once or weekly), move, block, the room's rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class _Part:
    """Some of a form's fields, drawn by `components/_form.html` like a form of their own."""

    def __init__(self, form: forms.Form, names, errors) -> None:
        self._form, self._names, self._errors = form, list(names), errors

    def non_field_errors(self):
        return self._errors

    def hidden_fields(self):
        return []

    def visible_fields(self):
        return [self._form[name] for name in self._names]


class BookingForm(SlotForm):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    repeat = forms.BooleanField(
        label=_("Repeat every week"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    repeat_weeks = forms.IntegerField(
        label=_("Number of weeks, this one included"),
        min_value=1,
        max_value=26,
        initial=1,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    WEEKLY = ("repeat", "repeat_weeks")

    @property
    def single(self) -> _Part:
        """The fields of one booking (with the form's own errors), drawn first."""
        names = [n for n in self.fields if n not in self.WEEKLY]
        return _Part(self, names, self.non_field_errors())

    @property
    def weekly(self) -> _Part:
        """Repetition, drawn folded away until asked for."""
        return _Part(self, self.WEEKLY, [])

    def clean(self):
        data = super().clean()
        # Repetition only when asked for: the number of weeks counts only with the box ticked.
        if not data.get("repeat"):
            data["repeat_weeks"] = 1
        elif not data.get("repeat_weeks"):
            self.add_error("repeat_weeks", _("Say for how many weeks."))
        return data


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
    ("1", pgettext_lazy("weekday label", "Monday")),
    ("2", pgettext_lazy("weekday label", "Tuesday")),
    ("3", pgettext_lazy("weekday label", "Wednesday")),
    ("4", pgettext_lazy("weekday label", "Thursday")),
    ("5", pgettext_lazy("weekday label", "Friday")),
    ("6", pgettext_lazy("weekday label", "Saturday")),
    ("7", pgettext_lazy("weekday label", "Sunday")),
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

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.community.permissions import managed_events
from technopark.messaging.models import Message
from technopark.messaging.permissions import message_sites
from technopark.programs.permissions import visible_programs
from technopark.surveys.permissions import visible_campaigns

TEXT = forms.TextInput(attrs={"class": "form-control"})
AREA = forms.Textarea(attrs={"class": "form-control", "rows": 5})
SELECT = forms.Select(attrs={"class": "form-select"})


class ComposeForm(forms.Form):
    audience = forms.ChoiceField(label=_("To"), choices=Message.Audience.choices, widget=SELECT)
    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False, widget=SELECT)
    presence = forms.ChoiceField(
        label=_("Attendees"),
        required=False,
        choices=[
            ("", _("Every confirmed attendee")),
            ("present", _("Those who checked in")),
            ("absent", _("Those who did not come")),
        ],
        widget=SELECT,
    )
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=None, required=False, widget=SELECT
    )
    site = forms.ModelChoiceField(label=_("Site"), queryset=None, required=False, widget=SELECT)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=None, required=False, widget=SELECT
    )
    subject_fr = forms.CharField(label=_("Subject (French)"), max_length=200, widget=TEXT)
    body_fr = forms.CharField(label=_("Message (French)"), max_length=5000, widget=AREA)
    subject_ar = forms.CharField(
        label=_("Subject (Arabic)"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "rtl", "lang": "ar"}),
    )  # fmt: skip
    body_ar = forms.CharField(
        label=_("Message (Arabic)"), max_length=5000, required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5, "dir": "rtl", "lang": "ar"}),  # fmt: skip
    )  # fmt: skip
    subject_en = forms.CharField(
        label=_("Subject (English)"), max_length=200, required=False, widget=TEXT
    )
    body_en = forms.CharField(
        label=_("Message (English)"), max_length=5000, required=False, widget=AREA
    )
    key = forms.CharField(widget=forms.HiddenInput)

    NEEDS = {
        Message.Audience.EVENT: ("event",),
        Message.Audience.COHORT: ("program",),
        Message.Audience.RESIDENTS: ("site",),
        Message.Audience.LATE_PAYERS: ("site",),
        Message.Audience.NON_RESPONDENTS: ("campaign",),
    }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = visible_programs(user).order_by("pk")
        self.fields["site"].queryset = message_sites(user).order_by("code")
        self.fields["campaign"].queryset = visible_campaigns(user).order_by("-opens_on")
        self.fields["event"].queryset = managed_events(user).order_by("-starts_at")

    def clean(self):
        data = super().clean()
        for name in self.NEEDS.get(data.get("audience"), ()):
            if not data.get(name):
                self.add_error(name, _("Choose one for this audience."))
        return data

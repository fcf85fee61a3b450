"""Forms of the services catalogue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.programs.forms import DATE, bootstrap
from technopark.startups.models import Grouping
from technopark.support.models import Expert, Opportunity, Participation, ServiceRequest

__all__ = ["bootstrap"]


class RequestForm(forms.ModelForm):
    class Meta:
        model = ServiceRequest
        fields = ["family", "title", "text", "instrument", "amount_requested"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ServiceRequest.Outcome.choices)
    amount = forms.DecimalField(label=_("Amount obtained (MAD)"), required=False, min_value=0)
    obtained_on = DayField(label=_("Obtained on"), required=False, widget=DATE)
    source = forms.CharField(label=_("Source (funder)"), required=False, max_length=120)


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your satisfaction"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BookForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Expert.objects.filter(active=True))
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=8, initial=1)

    def __init__(self, *args, expert_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        if expert_ids is not None:
            self.fields["expert"].queryset = Expert.objects.filter(active=True, pk__in=expert_ids)


class SessionNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    held = forms.BooleanField(label=_("The session was held"), required=False)


class ExpertForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    headline = forms.CharField(label=_("Headline"), max_length=200, required=False)
    skills = forms.CharField(label=_("Skills (comma-separated)"))
    sectors = forms.CharField(label=_("Sectors (comma-separated)"), required=False)
    languages = forms.CharField(label=_("Languages"), initial="fr, ar", max_length=60)
    availability = forms.CharField(label=_("Availability"), required=False, max_length=200)


class OpportunityForm(forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "kind",
            "title",
            "organiser",
            "place",
            "starts_on",
            "ends_on",
            "deadline",
            "cost_mad",
            "places",
            "site",
            "description",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "deadline": DATE}


class ParticipationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to take part?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ResultForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = [
            "attended",
            "contacts",
            "contracts",
            "contracts_mad",
            "export_countries",
            "result_notes",
        ]
        widgets = {"result_notes": forms.Textarea(attrs={"rows": 2})}


class GroupingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Grouping.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    members = forms.ModelMultipleChoiceField(label=_("Member startups"), queryset=None)
    lead = forms.ModelChoiceField(label=_("Lead"), queryset=None)
    formed_on = DayField(label=_("Formed on"), widget=DATE)
    opportunity = forms.ModelChoiceField(
        label=_("Tender or call for projects"), queryset=None, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, startups, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = startups
        self.fields["lead"].queryset = startups
        self.fields["opportunity"].queryset = opportunities


class DocumentForm(forms.Form):
    label = forms.CharField(label=_("Document"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG, PNG)"))


class ExpertProfileForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = ["headline", "skills", "sectors", "languages", "availability"]
        widgets = {
            "skills": forms.Textarea(attrs={"rows": 2}),
            "sectors": forms.Textarea(attrs={"rows": 2}),
        }

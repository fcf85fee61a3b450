"""Forms of community life; they parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.community.models import Event, Question
from technopark.network.models import Site

DATETIME = {"type": "datetime-local"}


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "site",
            "title",
            "title_ar",
            "title_en",
            "kind",
            "audience",
            "cohort_program",
            "cohort_site",
            "description",
            "description_ar",
            "description_en",
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
            "description_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr", "lang": "en"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
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


class AnswersForm(forms.Form):
    """The event's questions, one field each (`q<id>`); the service checks the answers."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            if q.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(
                    label=q.label,
                    required=q.required,
                    choices=[("", "—")] + [(o, o) for o in q.option_list],
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
            elif q.kind == Question.Kind.YES_NO:
                field = forms.ChoiceField(
                    label=q.label,
                    required=q.required,
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
            else:
                field = forms.CharField(
                    label=q.label,
                    required=q.required,
                    max_length=2000,
                    widget=forms.TextInput(attrs={"class": "form-control"}),
                )
            self.fields[f"q{q.pk}"] = field

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") or "" for q in self.questions}


class GuestRegistrationForm(AnswersForm):
    """A visitor without an account: a name, an e-mail, the answers; `website` is a
    honeypot, hidden from people, that only bots fill in."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "kind", "options", "required"]
        widgets = {
            "label": forms.TextInput(attrs={"class": "form-control"}),
            "kind": forms.Select(attrs={"class": "form-select"}),
            "options": forms.Textarea(attrs={"class": "form-control", "rows": 3}),
            "required": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }

    def validate_unique(self) -> None:
        """The service checks the rules."""


class CheckinForm(forms.Form):
    code = forms.CharField(label=_("Ticket"), max_length=300, required=False)
    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)


def sites_for_events(p):
    if p.is_network_admin:
        return Site.objects.order_by("name")
    return Site.objects.filter(pk__in=p.staff_site_ids).order_by("name")

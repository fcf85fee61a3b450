"""The committee's forms: a session, the attendance, a declaration, a vote, a decision."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.accounts.models import User
from technopark.committee.models import Vote
from technopark.programs.forms import bootstrap
from technopark.programs.models import Application

# Who may sit on a committee: the network's and partners' staff, and the experts.
SEATS = ("network_admin", "site_manager", "program_officer", "expert", "partner_admin", "partner_officer")  # fmt: skip


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.email})"


class ChairChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.email})"


class ApplicationChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.project_name} — {obj.applicant.get_full_name()} ({obj.get_status_display()})"


def seat_candidates():
    return (
        User.objects.filter(is_active=True)
        .filter(Q(roles__kind__in=SEATS) | Q(is_superuser=True))
        .distinct()
        .order_by("full_name", "email")
    )


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    quorum = forms.IntegerField(
        label=_("Quorum"),
        min_value=1,
        max_value=50,
        help_text=_("The number of present members without a conflict needed to decide."),
    )
    chair = ChairChoice(label=_("Chair"), queryset=User.objects.none())
    members = PersonChoice(
        label=_("Members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff, experts and partners' representatives; the chair is one of them."),
    )
    applications = ApplicationChoice(
        label=_("Applications on the agenda"),
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The call's applications under review."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        people = seat_candidates()
        self.fields["chair"].queryset = people
        self.fields["members"].queryset = people
        self.fields["applications"].queryset = candidates.select_related("applicant")
        bootstrap(self)


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = User.objects.filter(committee_seats__session=session)


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=[("no", _("I have no conflict of interest")), ("yes", _("I have a conflict"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Nature of the conflict"), max_length=300, required=False)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Vote"), choices=Vote.Choice.choices)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(s, s.label) for s in Application.DECISIONS]
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    override_reason = forms.CharField(
        label=_("Reason for deciding without every review"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Only when reviews are missing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

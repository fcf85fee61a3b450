"""Forms of the programs pages; they validate input, the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.network.models import Region
from technopark.programs.models import (
    Application,
    Call,
    Criterion,
    Enrollment,
    Plan,
    Program,
    Question,
    RequiredDocument,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "program",
            "site",
            "title",
            "title_ar",
            "title_en",
            "description",
            "opens_on",
            "closes_on",
            "max_company_age_years",
            "allowed_regions",
            "review_deadline",
        ]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "review_deadline": DATE,
            "allowed_regions": forms.SelectMultiple,
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
        }

    def __init__(self, *args, programs=None, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # the reviews' deadline is set once the call exists
            self.fields.pop("review_deadline")
        if programs is not None:
            self.fields["program"].queryset = programs
        if sites is not None:
            self.fields["site"].queryset = sites
        self.fields["allowed_regions"].queryset = Region.objects.all()


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "kind", "choices", "required"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 2})}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = ["label", "required"]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["label", "weight"]


class StartForm(forms.Form):
    """The address of someone without an account: a link goes to it, nothing else."""

    email = forms.EmailField(label=_("E-mail"))
    language = forms.ChoiceField(
        label=_("Language for our messages"), choices=settings.LANGUAGES, initial="fr"
    )


class ConfirmStartForm(forms.Form):
    """Who applies, on the page the e-mail's link opens (the address is confirmed)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language for our messages"), choices=settings.LANGUAGES, initial="fr"
    )
    project_name = forms.CharField(label=_("Project or startup name"), max_length=200)


class ApplicationForm(forms.ModelForm):
    """The applicant's part: the project, the call's questions and documents."""

    class Meta:
        model = Application
        fields = [
            "project_name",
            "summary",
            "sector",
            "city",
            "region",
            "founded_on",
            "ice",
            "team",
        ]
        widgets = {
            "founded_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "team": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, call: Call, answers: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(call.questions.all())
        self.documents = list(call.documents.all())
        for question in self.questions:
            name = f"q_{question.pk}"
            initial = answers.get(question.pk, "")
            common = {"label": question.label, "required": False, "initial": initial}
            if question.kind == Question.Kind.LONG:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
            elif question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(
                    choices=[("", "—")] + [(c, c) for c in question.choice_list], **common
                )
            elif question.kind == Question.Kind.YESNO:
                field = forms.ChoiceField(
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))], **common
                )
            elif question.kind == Question.Kind.NUMBER:
                field = forms.CharField(
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
                )
            else:
                field = forms.CharField(max_length=300, **common)
            field.is_question = True
            field.mandatory = question.required
            self.fields[name] = field
        for document in self.documents:
            self.fields[f"doc_{document.pk}"] = forms.FileField(
                label=document.label,
                required=False,
                help_text=_("PDF, JPEG or PNG."),
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.fields["project_name"].required = False

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") or "" for q in self.questions}


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"), queryset=None, empty_label=_("Choose a reviewer")
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class InterviewForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Interview date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s, s.label) for s in Application.DECISIONS],
    )
    start_on = DayField(label=_("Start of the enrollment"), widget=DATE, required=False)
    existing_startup = forms.CharField(
        label=_("Existing startup (reference)"),
        required=False,
        help_text=_("Leave empty to create the startup (or find it by its ICE)."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reasons = forms.CharField(
        label=_("Reasons (in the letter to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    next_steps = forms.CharField(
        label=_("Next steps (in the letter)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Deciding without every review: why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only when reviews are missing; kept on the application."),
    )


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this applicant or project?"),
        choices=[
            ("", "—"),
            ("no", _("No conflict of interest")),
            ("yes", _("I have a conflict")),
        ],
        coerce=lambda v: v == "yes",
    )
    note = forms.CharField(
        label=_("What is the conflict?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class InfoRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"), widget=forms.Textarea(attrs={"rows": 3})
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Answers to complete"),
        queryset=Question.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents to send again"),
        queryset=RequiredDocument.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = call.questions.all()
        self.fields["documents"].queryset = call.documents.all()


class LetterForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Letter"), widget=forms.Textarea(attrs={"rows": 8}))


class BulkDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s, s.label) for s in Application.DECISIONS],
    )
    reasons = forms.CharField(
        label=_("Reasons (in the letter to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class PlanForm(forms.ModelForm):
    needs = forms.MultipleChoiceField(
        label=_("Needs"),
        choices=Plan.Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Plan
        fields = ["officer", "needs", "diagnostic"]
        widgets = {"diagnostic": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = DayField(label=_("Due on"), widget=DATE)


class SessionForm(forms.Form):
    held_on = DayField(label=_("Date"), widget=DATE)
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=1, max_value=600)
    topics = forms.CharField(label=_("Topics"), widget=forms.Textarea(attrs={"rows": 2}))
    next_steps = forms.CharField(
        label=_("Next steps"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AdvanceForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Next program"), queryset=Program.objects.none())
    on = DayField(label=_("On"), widget=DATE)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class ExitForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Enrollment.Outcome.choices)
    on = DayField(label=_("On"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def bootstrap(form: forms.Form) -> forms.Form:
    """Give every widget Bootstrap's class (the shared form partial expects it)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
    return form


class CompleteForm(ApplicationForm):
    """Only the answers and documents the staff asked for again."""

    def __init__(self, *args, info_request, **kwargs):
        super().__init__(*args, **kwargs)
        questions = set(info_request.questions.values_list("pk", flat=True))
        documents = set(info_request.documents.values_list("pk", flat=True))
        self.questions = [q for q in self.questions if q.pk in questions]
        self.documents = [d for d in self.documents if d.pk in documents]
        asked = {f"q_{q.pk}" for q in self.questions} | {f"doc_{d.pk}" for d in self.documents}
        for name in list(self.fields):
            if name not in asked:
                del self.fields[name]

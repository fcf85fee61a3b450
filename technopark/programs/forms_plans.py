"""Forms of the accompaniment plans: milestone templates, a milestone's progress and review."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from technopark.core.uploads import DOCUMENTS, UploadCheck
from technopark.programs.models import Milestone, MilestoneTemplate


class MilestoneTemplateForm(forms.ModelForm):
    class Meta:
        model = MilestoneTemplate
        fields = [
            "title",
            "title_ar",
            "title_en",
            "offset_days",
            "duration_days",
            "description",
            "description_ar",
            "description_en",
            "evidence",
            "evidence_ar",
            "evidence_en",
        ]
        labels = {"title": _("title (French)"), "description": _("description (French)")}
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "description",
                "description_ar",
                "description_en",
                "evidence",
                "evidence_ar",
                "evidence_en",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title_ar", "description_ar", "evidence_ar"):
            self.fields[name].widget.attrs.update({"dir": "rtl", "lang": "ar"})
        self.fields["evidence"].label = _("evidence expected (French)")


class MilestoneSubmitForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where it stands"),
        choices=[(s.value, s.label) for s in Milestone.FOUNDER],
    )
    file = forms.FileField(
        label=_("Evidence (file)"),
        required=False,
        validators=[UploadCheck(kinds=DOCUMENTS)],
        help_text=_("PDF, image, Word or Excel."),
    )
    link = forms.URLField(label=_("or a link"), required=False, assume_scheme="https")
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MilestoneReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("validate", _("Validate")), ("send_back", _("Send back"))],
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

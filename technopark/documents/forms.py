from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from technopark.core.query import DayField
from technopark.core.uploads import DOCUMENTS, UploadCheck
from technopark.documents.models import DocumentType

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name  # in the reader's language


class UploadForm(forms.Form):
    doc_type = TypeChoiceField(
        label=_("Type of document"),
        queryset=DocumentType.objects.all(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, image (PNG, JPEG), Word or Excel file."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
    issued_on = DayField(label=_("Issue date"), required=False, widget=DATE)
    expires_on = DayField(label=_("Valid until"), required=False, widget=DATE)

    def __init__(self, *args, fixed_type: DocumentType | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(
            UploadCheck(kinds=DOCUMENTS, max_bytes=settings.DOCUMENT_MAX_UPLOAD_BYTES)
        )
        if fixed_type is not None:
            self.fields["doc_type"].queryset = DocumentType.objects.filter(pk=fixed_type.pk)
            self.fields["doc_type"].initial = fixed_type.pk
            self.fields["doc_type"].widget = forms.HiddenInput()


class StartupsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RequestForm(forms.Form):
    startups = StartupsField(
        label=_("Startups"),
        queryset=None,
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 8}),
    )
    doc_type = TypeChoiceField(
        label=_("Type of document"),
        queryset=DocumentType.objects.all(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    due_on = DayField(label=_("Due date"), widget=DATE)
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def __init__(self, *args, startups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startups"].queryset = startups.order_by("name")


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the document")), ("send_back", _("Send it back"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    comment = forms.CharField(
        label=_("Comment (required to send it back)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

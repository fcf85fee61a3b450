"""The shared upload helper: type by content, size, private storage, guarded download."""

from __future__ import annotations

import io
import zipfile

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from technopark.core.errors import DomainError
from technopark.core.uploads import (
    IMAGES,
    UploadCheck,
    check_upload,
    private_upload_path,
    serve_private,
)

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


class DocumentForm(forms.Form):
    file = forms.FileField(validators=[UploadCheck(kinds=("pdf", "png", "xlsx"))])


def _form(name: str, content: bytes) -> DocumentForm:
    return DocumentForm(files={"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content"),
    [("dossier.pdf", PDF), ("logo.png", PNG), ("budget.xlsx", _xlsx())],
)
def test_accepted_files(name, content):
    assert _form(name, content).is_valid()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("cv.pdf", EXE, "not accepted"),  # an executable renamed .pdf
        ("cv.pdf", PNG, "does not match"),  # a real image with the wrong name
        ("budget.xlsx", b"PK\x03\x04garbage", "not accepted"),  # a broken zip
        ("notes.txt", b"hello", "not accepted"),  # text is not in this field's kinds
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refused_files_say_why(name, content, says):
    form = _form(name, content)
    assert not form.is_valid()
    assert says in " ".join(form.errors["file"]) or (says == "empty" and form.errors["file"])


def test_size_limit(settings):
    settings.TECHNOPARK_MAX_UPLOAD_BYTES = 1024
    form = _form("gros.pdf", PDF + b"0" * 2048)
    assert not form.is_valid()
    assert "too large" in " ".join(form.errors["file"])


def test_check_upload_raises_a_domain_error_for_services():
    with pytest.raises(DomainError) as caught:
        check_upload(SimpleUploadedFile("photo.png", EXE), kinds=IMAGES)
    assert caught.value.code == "invalid_file" and caught.value.field == "file"
    with pytest.raises(ValidationError):
        UploadCheck(kinds=IMAGES)(SimpleUploadedFile("photo.png", PDF))


def test_files_live_outside_the_web_root_under_unguessable_names():
    static_roots = [str(settings.STATIC_ROOT), *map(str, settings.STATICFILES_DIRS)]
    assert not any(str(settings.MEDIA_ROOT).startswith(root) for root in static_roots)
    assert "var" in str(settings.MEDIA_ROOT) or not settings.TESTING
    path = private_upload_path("programs/documents")(None, "../../etc/passwd CV Omar.pdf")
    assert path.startswith("programs/documents/") and ".." not in path
    assert path != private_upload_path("programs/documents")(None, "CV Omar.pdf")


def test_no_url_serves_the_uploads_directly(client):
    name = default_storage.save("private/secret.pdf", ContentFile(PDF))
    assert client.get(f"{settings.MEDIA_URL}{name}").status_code == 404
    assert client.get(f"/static/{name}").status_code == 404


def test_serve_private_sends_an_attachment_that_is_never_sniffed():
    name = default_storage.save("private/dossier.pdf", ContentFile(PDF))
    field_file = default_storage.open(name)
    field_file.name = name
    response = serve_private(RequestFactory().get("/"), field_file, filename="dossier.pdf")
    assert response["Content-Disposition"].startswith('attachment; filename="dossier.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF

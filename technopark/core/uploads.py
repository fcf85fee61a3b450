"""Uploaded files, checked and served safely: the one helper every app uses.

- `UploadCheck(kinds=..., max_bytes=...)` is a form-field validator: the type is read
  from the file's first bytes (a renamed .exe is refused even when called "cv.pdf") and
  must agree with the extension; the size is bounded (settings.TECHNOPARK_MAX_UPLOAD_BYTES).
- `check_upload(file, kinds=...)` does the same for services and the API (DomainError).
- Files are stored by `FileField(upload_to=private_upload_path("programs/documents"))`
  under MEDIA_ROOT (var/uploads), which no URL serves: the web server never exposes it.
- `serve_private(request, field_file)` answers a download *after* the view has asked the
  permission layer: attachment, nosniff, never cached by shared caches.
"""

from __future__ import annotations

import io
import mimetypes
import secrets
import zipfile
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from technopark.core.errors import DomainError

# kind -> (extensions, content type)
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "pdf": ((".pdf",), "application/pdf"),
    "png": ((".png",), "image/png"),
    "jpeg": ((".jpg", ".jpeg"), "image/jpeg"),
    "webp": ((".webp",), "image/webp"),
    "xlsx": (
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "docx": (
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "csv": ((".csv", ".txt"), "text/csv"),
}
DOCUMENTS = ("pdf", "png", "jpeg", "docx", "xlsx")
IMAGES = ("png", "jpeg", "webp")


def openapi_download(kinds: Iterable[str], description: str) -> dict:
    """The OpenAPI answer of an endpoint serving a file of `kinds`: octet-stream (what
    generated clients read as bytes) and the content type of each kind, as `serve_private`
    sends it (so a schema check accepts the real answer)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    types = ["application/octet-stream", *dict.fromkeys(KINDS[kind][1] for kind in kinds)]
    return {
        "responses": {200: {"description": description, "content": dict.fromkeys(types, binary)}}
    }


def sniff(head: bytes, whole=None) -> str | None:
    """The kind of a file from its first bytes (and, for Office files, its zip index)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04") and whole is not None:
        try:
            names = set(zipfile.ZipFile(whole).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return None
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:  # a multi-byte character cut at the end is fine
            if exc.start < len(head) - 3:
                return None
        return "csv"
    return None


def _problem(file, kinds: Iterable[str], max_bytes: int | None) -> str | None:
    kinds = tuple(kinds)
    limit = max_bytes or settings.TECHNOPARK_MAX_UPLOAD_BYTES
    size = getattr(file, "size", None)
    if size is None:
        return _("The file could not be read.")
    if size == 0:
        return _("The file is empty.")
    if size > limit:
        return _("The file is too large (%(size)s MB); the limit is %(limit)s MB.") % {
            "size": round(size / 1_048_576, 1),
            "limit": round(limit / 1_048_576, 1),
        }
    file.seek(0)
    head = file.read(2048)
    whole = None
    if head.startswith(b"PK\x03\x04"):
        file.seek(0)
        whole = io.BytesIO(file.read())
    file.seek(0)
    kind = sniff(head, whole)
    allowed = ", ".join(ext for k in kinds for ext in KINDS[k][0])
    if kind not in kinds:
        return _("This type of file is not accepted; send one of: %(allowed)s.") % {
            "allowed": allowed
        }
    extension = PurePath(getattr(file, "name", "") or "").suffix.lower()
    if extension not in KINDS[kind][0]:
        return _("The file's name (%(ext)s) does not match its content (%(kind)s).") % {
            "ext": extension or "—",
            "kind": kind.upper(),
        }
    return None


@deconstructible
class UploadCheck:
    """Validator for a form's FileField: `validators=[UploadCheck(kinds=DOCUMENTS)]`."""

    def __init__(self, kinds: Iterable[str] = DOCUMENTS, max_bytes: int | None = None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, file) -> None:
        problem = _problem(file, self.kinds, self.max_bytes)
        if problem:
            raise ValidationError(problem, code="upload")

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadCheck) and (self.kinds, self.max_bytes) == (
            other.kinds,
            other.max_bytes,
        )


def check_upload(file, *, kinds: Iterable[str] = DOCUMENTS, max_bytes: int | None = None):
    """For services and API endpoints: raise a DomainError (400) with a clear message."""
    problem = _problem(file, kinds, max_bytes)
    if problem:
        raise DomainError(problem, code="invalid_file", field="file")


@deconstructible
class private_upload_path:  # noqa: N801 - used like a function in upload_to=
    """`upload_to=private_upload_path("programs/documents")`: an unguessable name per file."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        name = get_valid_filename(PurePath(filename).name)[-80:] or "file"
        return f"{self.folder}/{secrets.token_hex(8)}/{name}"

    def __eq__(self, other) -> bool:
        return isinstance(other, private_upload_path) and other.folder == self.folder


def serve_private(request: HttpRequest, field_file, *, filename: str | None = None) -> FileResponse:
    """Send a stored file as a download. Call it only after the permission check."""
    name = filename or PurePath(field_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

"""A full disk under MEDIA_ROOT: the person is told, and no partial file or record is left.

The disk is made full at the boundary with the operating system: `os.write` on a file under
MEDIA_ROOT writes part of what it is given, then fails with ENOSPC, as a full disk does."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from technopark.core.storage import StorageFull
from technopark.interchange.models import ImportJob
from technopark.interchange.tests.helpers import BASE
from technopark.interchange.tests.test_web import _zip


@pytest.fixture
def full_disk(settings, monkeypatch):
    media = Path(settings.MEDIA_ROOT).resolve()
    real_write = os.write

    def write(fd, data):
        if str(media) in os.readlink(f"/proc/self/fd/{fd}"):
            real_write(fd, bytes(data[:10]))  # what fitted before the disk was full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    return media


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_stored_file_is_whole_or_absent(full_disk):
    with pytest.raises(StorageFull):
        default_storage.save("storage-test/full/plan.pdf", ContentFile(b"%PDF-" * 1000))
    assert _files(full_disk / "storage-test") == []
    assert not (full_disk / "storage-test" / "full").exists()


def test_the_storage_writes_whole_files_when_there_is_room(settings):
    name = default_storage.save("storage-test/whole/plan.pdf", ContentFile(b"%PDF-1" * 1000))
    assert default_storage.open(name).read() == b"%PDF-1" * 1000
    assert [p.name for p in _files(Path(settings.MEDIA_ROOT) / "storage-test" / "whole")] == [
        "plan.pdf"
    ]


@pytest.mark.django_db
def test_an_import_upload_on_a_full_disk_says_so_and_keeps_nothing(cast, full_disk):
    # MEDIA_ROOT is the test process's: other tests' files may already be there.
    before = set(_files(full_disk / "interchange"))
    response = cast.client("admin").post(
        "/interchange/", {"files": _zip(BASE)}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "storage is full: nothing was saved" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert set(_files(full_disk / "interchange")) == before

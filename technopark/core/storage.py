"""Writing an upload under MEDIA_ROOT whole or not at all, and saying so when the disk is full.

A file is written to a hidden temporary name in its own folder, then given its name in one
step (a hard link, which never replaces another file); when the disk is full (or over quota,
or failing) the partial file is removed and `StorageFull` raised: a DomainError (507) whose
message the page or the API shows. `AtomicFileSystemStorage` is the default storage
(settings.STORAGES), so every FileField saves this way; `write_upload` serves the code that
stores files by path (the interchange's uploads).
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

from technopark.core.errors import DomainError

log = logging.getLogger(__name__)


class StorageFull(DomainError):
    status = 507

    def __init__(self) -> None:
        super().__init__(
            _(
                "The server's storage is full: nothing was saved. Try again later, or tell "
                "the administrator."
            ),
            code="storage_full",
            status=507,
        )


def write_upload(target: Path, chunks: Iterable[bytes | str]) -> None:
    """Write `target` (which must not exist) from `chunks`, whole or not at all."""
    partial = target.with_name(f".partial-{os.getpid()}-{target.name}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            for chunk in chunks:
                data = chunk.encode() if isinstance(chunk, str) else chunk
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(partial, target)
    except OSError as exc:
        if isinstance(exc, FileExistsError):
            raise
        log.error("storage: could not write %s: %s", target, exc)
        raise StorageFull() from exc
    finally:
        partial.unlink(missing_ok=True)


class AtomicFileSystemStorage(FileSystemStorage):
    """Django's file storage, writing through `write_upload`."""

    def _save(self, name: str, content) -> str:
        while True:
            full = Path(self.path(name))
            created = not full.parent.exists()
            try:
                full.parent.mkdir(parents=True, exist_ok=True)
                if hasattr(content, "temporary_file_path"):
                    content.seek(0)
                write_upload(full, content.chunks())
            except FileExistsError:
                name = self.get_available_name(name)
                continue
            except StorageFull:
                if created:
                    _remove_empty(full.parent, Path(self.location))
                raise
            except OSError as exc:  # the folder could not be made: the same for the person
                if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG):
                    log.error("storage: could not write %s: %s", full, exc)
                    raise StorageFull() from exc
                raise
            break
        if self.file_permissions_mode is not None:
            os.chmod(full, self.file_permissions_mode)
        return str(name).replace("\\", "/")


def _remove_empty(folder: Path, root: Path) -> None:
    """Remove the folders left empty up to (not including) `root`."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent

"""How far a .zip a user sends may expand, checked from its index before any of it is read.

A .zip (and so an .xlsx or .docx) says in its central directory how many files it holds and
the size of each once expanded; Python's `zipfile` never reads a member beyond the size
written there, so checking the index bounds the memory and the time of reading the archive.
A few hundred kilobytes can otherwise expand to gigabytes (a "zip bomb").

The limits are settings (`TECHNOPARK_ARCHIVE_*`, from the environment):

- `MAX_MEMBERS`: files in the archive (its index alone costs memory per file);
- `MAX_EXPANDED_BYTES`: all its files together, expanded;
- `MAX_PART_BYTES`: one file that is read whole into memory (an .xlsx's shared strings and
  styles), rather than streamed (its sheets, a CSV);
- `MAX_RATIO`: expanded size over compressed size of a file larger than 1 MiB: real
  spreadsheets and CSV files compress 5 to 20 times, a bomb thousands of times.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

RATIO_CHECKED_ABOVE = 1024 * 1024


class ArchiveRefused(Exception):
    """The archive would expand beyond a limit; `message` says which, translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.0f}"


def declared_members(file: IO[bytes]) -> int | None:
    """The number of files the archive's end record declares, read before its index."""
    try:
        end = zipfile._EndRecData(file)  # noqa: SLF001 - the stdlib's own reader of that record
    except OSError:
        return None
    return None if end is None else end[zipfile._ECD_ENTRIES_TOTAL]  # noqa: SLF001


def open_checked(
    file, *, streamed: Callable[[str], bool] = lambda name: True, name: str = ""
) -> zipfile.ZipFile:
    """The opened archive, once its index shows it stays within the limits.

    `streamed(member name)` tells which files are read as a stream; the others are read
    whole and bounded by MAX_PART_BYTES. Raises `zipfile.BadZipFile` for what is not a
    .zip, `ArchiveRefused` for what expands too far.
    """
    if hasattr(file, "seek"):
        count = declared_members(file)
        file.seek(0)
        if count is not None:
            _check_count(count, name)
    archive = zipfile.ZipFile(file)
    try:
        check(archive, streamed=streamed, name=name)
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def _check_count(count: int, name: str) -> None:
    limit = settings.TECHNOPARK_ARCHIVE_MAX_MEMBERS
    if count > limit:
        raise ArchiveRefused(
            _("%(name)s holds %(n)d files; an archive may hold at most %(limit)d.")
            % {"name": name, "n": count, "limit": limit}
        )


def check(archive: zipfile.ZipFile, *, streamed: Callable[[str], bool], name: str = "") -> None:
    infos = archive.infolist()
    _check_count(len(infos), name)
    total = 0
    part_limit = settings.TECHNOPARK_ARCHIVE_MAX_PART_BYTES
    ratio_limit = settings.TECHNOPARK_ARCHIVE_MAX_RATIO
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_CHECKED_ABOVE and (
            info.file_size > ratio_limit * max(info.compress_size, 1)
        ):
            raise ArchiveRefused(
                _(
                    "%(name)s: %(member)s expands %(ratio)d times (to %(size)s MB); a file of an "
                    "archive may expand at most %(limit)d times. This is not a file a "
                    "spreadsheet writes: save it again, or send the CSV files."
                )
                % {
                    "name": name,
                    "member": info.filename,
                    "ratio": info.file_size // max(info.compress_size, 1),
                    "size": _mb(info.file_size),
                    "limit": ratio_limit,
                }
            )
        if info.file_size > part_limit and not streamed(info.filename):
            raise ArchiveRefused(
                _("%(name)s: %(member)s expands to %(size)s MB; the limit is %(limit)s MB.")
                % {
                    "name": name,
                    "member": info.filename,
                    "size": _mb(info.file_size),
                    "limit": _mb(part_limit),
                }
            )
    total_limit = settings.TECHNOPARK_ARCHIVE_MAX_EXPANDED_BYTES
    if total > total_limit:
        raise ArchiveRefused(
            _(
                "%(name)s expands to %(size)s MB; the limit is %(limit)s MB. Split it into "
                "several uploads, or import it as a folder of CSV files on the server."
            )
            % {"name": name, "size": _mb(total), "limit": _mb(total_limit)}
        )

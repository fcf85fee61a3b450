"""Opening an upload: a folder of CSV files, a .zip of one, or an .xlsx workbook.

Each table becomes a `TableSource` whose rows are read lazily, one at a time, as many
times as the importer needs; nothing is loaded whole. CSV files are UTF-8 (with or
without a byte-order mark), comma- or semicolon-separated, detected per file.

What an archive (.zip, .xlsx) may expand to is checked from its index before reading it
(`core/archives.py`), and a table read from one stops at TECHNOPARK_IMPORT_MAX_CELLS cells:
a small upload cannot make the importer read gigabytes or billions of empty cells.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from technopark.core.archives import ArchiveRefused, open_checked
from technopark.interchange.tables import FILE_TABLES_BY_NAME as TABLES_BY_NAME

FIELD_LIMIT = 10 * 1024 * 1024
csv.field_size_limit(FIELD_LIMIT)
# A line is read whole before the CSV reader splits it: bounded, whatever the file holds.
LINE_LIMIT = FIELD_LIMIT + 1024 * 1024
# No table of the format has this many columns; cells a sheet places further right are not
# read (a workbook's rows are padded to its widest row, up to column XFD).
MAX_COLUMNS = 200


class ContainerError(Exception):
    """The upload as a whole cannot be read (not a folder, zip or workbook; corrupt)."""


@dataclass
class TableSource:
    """One table of the upload. `rows()` yields each row as a list of raw cells,
    the header first; `label` names the file or sheet in messages."""

    table: str
    label: str
    opener: Callable[[], Iterator[list]]
    semicolon: bool = False
    workbook: bool = False
    row_hint: int = 0
    # The spreadsheet line of the first row after the header (a sheet read by `guess.py`
    # may have a title and blank lines above its header).
    first_line: int = 2

    def rows(self) -> Iterator[list]:
        return self.opener()

    @property
    def comma_decimal(self) -> bool:
        # A semicolon file may write 12,5; so may a workbook's text cell.
        return self.semicolon or self.workbook


@dataclass
class Container:
    tables: dict[str, TableSource] = field(default_factory=dict)
    # (file or sheet name, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    _stack: ExitStack = field(default_factory=ExitStack)
    # Every sheet or file, whatever its name, when opened with `raw=True` (`guess.py`).
    raw: bool = False
    sheets: list[TableSource] = field(default_factory=list)

    def add(self, name: str, source: TableSource) -> None:
        if self.raw:
            self.sheets.append(source)
            return
        table = name.strip().lower()
        if table not in TABLES_BY_NAME:
            self.warnings.append(
                (source.label, _("Not a table of the interchange format; ignored."))
            )
        elif table in self.tables:
            self.errors.append(
                (
                    source.label,
                    _("The table %(table)s is given twice (%(first)s and %(second)s): keep one.")
                    % {"table": table, "first": self.tables[table].label, "second": source.label},
                )
            )
        else:
            source.table = table
            self.tables[table] = source

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_container(path: str | Path, *, raw: bool = False) -> Container:
    """The tables of an upload; with `raw`, every sheet or CSV file in `sheets`, whatever
    its name (a workbook as a park keeps it, read by `guess.py`)."""
    path = Path(path)
    if not path.exists():
        raise ContainerError(_("%(path)s does not exist.") % {"path": path})
    if path.is_dir():
        return _open_folder(path, Container(raw=raw))
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _open_zip(path, Container(raw=raw))
    if suffix in (".xlsx", ".xlsm"):
        return _open_workbook(path, Container(raw=raw))
    raise ContainerError(
        _("%(name)s is neither a folder of CSV files, a .zip nor an .xlsx workbook.")
        % {"name": path.name}
    )


# --- CSV ------------------------------------------------------------------------------------


def _sniff_semicolon(first_line: str) -> bool:
    return first_line.count(";") > first_line.count(",")


def _csv_rows(open_binary: Callable[[], IO[bytes]], label: str) -> Iterator[list]:
    with open_binary() as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            first = _line(stream, label)
            semicolon = _sniff_semicolon(first)
            lines = _chain_first(first, stream, label)
            yield from csv.reader(lines, delimiter=";" if semicolon else ",")
        except UnicodeDecodeError:
            raise ContainerError(
                _("%(name)s is not UTF-8 text: save it again as “CSV UTF-8” from your spreadsheet.")
                % {"name": label}
            ) from None


def _line(stream: IO[str], label: str) -> str:
    line = stream.readline(LINE_LIMIT)
    if len(line) == LINE_LIMIT and not line.endswith(("\n", "\r")):
        raise ContainerError(
            _("%(name)s has a line longer than %(limit)d MB: this is not a table.")
            % {"name": label, "limit": LINE_LIMIT // 1_048_576}
        )
    return line


def _chain_first(first: str, stream: IO[str], label: str) -> Iterator[str]:
    if first:
        yield first
        while line := _line(stream, label):
            yield line


def _bounded(rows: Iterator[list], label: str) -> Iterator[list]:
    """The rows of a table read from an archive, stopped at TECHNOPARK_IMPORT_MAX_CELLS."""
    limit = settings.TECHNOPARK_IMPORT_MAX_CELLS
    cells = 0
    for row in rows:
        cells += len(row) or 1
        if cells > limit:
            raise ContainerError(_too_many_cells(label, limit))
        yield row


def _too_many_cells(label: str, limit: int) -> str:
    return _(
        "%(name)s has more than %(limit)s cells (rows × columns), the most a table of an "
        "upload may have: split it into several uploads, or import it as a folder of CSV "
        "files on the server."
    ) % {"name": label, "limit": f"{limit:,}".replace(",", " ")}


def _csv_source(name: str, label: str, open_binary: Callable[[], IO[bytes]]) -> TableSource:
    with open_binary() as raw:
        head = raw.read(64 * 1024)
        newlines = head.count(b"\n")
        while chunk := raw.read(1024 * 1024):
            newlines += chunk.count(b"\n")
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    return TableSource(
        table=name,
        label=label,
        opener=lambda: _csv_rows(open_binary, label),
        semicolon=_sniff_semicolon(first),
        row_hint=max(newlines - 1, 0),
    )


def _open_folder(path: Path, container: Container) -> Container:
    for entry in sorted(path.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() or entry.suffix.lower() != ".csv":
            container.warnings.append(
                (entry.name, _("Not a CSV file of the interchange format; ignored."))
            )
            continue
        container.add(
            entry.stem,
            _csv_source(entry.stem, entry.name, lambda entry=entry: entry.open("rb")),
        )
    return container


def _open_zip(path: Path, container: Container) -> Container:
    try:
        with path.open("rb") as raw:
            open_checked(raw, name=path.name).close()
        archive = zipfile.ZipFile(path)
    except ArchiveRefused as exc:
        raise ContainerError(exc.message) from None
    except (zipfile.BadZipFile, OSError):
        raise ContainerError(
            _("%(name)s is not a readable .zip file.") % {"name": path.name}
        ) from None
    container._stack.callback(archive.close)
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and not PurePosixPath(info.filename).name.startswith(".")
    ]
    parts = [PurePosixPath(info.filename).parts for info in members]
    tops = {p[0] for p in parts if len(p) > 1}
    strip = 1 if parts and len(tops) == 1 and all(len(p) > 1 for p in parts) else 0
    for info, part in zip(members, parts, strict=True):
        inner = PurePosixPath(*part[strip:])
        if len(inner.parts) != 1 or inner.suffix.lower() != ".csv":
            container.warnings.append(
                (info.filename, _("Not a CSV file of the interchange format; ignored."))
            )
            continue
        source = _csv_source(
            inner.stem, info.filename, lambda info=info: archive.open(info.filename, "r")
        )
        source.opener = lambda opener=source.opener, label=info.filename: _bounded(opener(), label)
        container.add(inner.stem, source)
    return container


# --- Workbook -------------------------------------------------------------------------------


def _is_sheet(name: str) -> bool:
    # openpyxl streams the sheets in read-only mode; every other part it reads whole.
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _open_workbook(path: Path, container: Container) -> Container:
    import openpyxl

    def load():
        return openpyxl.load_workbook(path, read_only=True, data_only=True)

    try:
        with path.open("rb") as raw:
            open_checked(raw, streamed=_is_sheet, name=path.name).close()
        workbook = load()
    except ArchiveRefused as exc:
        raise ContainerError(exc.message) from None
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ContainerError(
            _("%(name)s is not a readable .xlsx workbook.") % {"name": path.name}
        ) from None
    container._stack.callback(workbook.close)
    limit = settings.TECHNOPARK_IMPORT_MAX_CELLS
    for sheet in workbook.worksheets:
        name = sheet.title
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        if (sheet.max_row or 0) * width > limit:  # what the sheet declares, before reading it
            container.errors.append((name, _too_many_cells(name, limit)))
            continue

        def rows(name=name, width=width) -> Iterator[list]:
            # A fresh workbook per pass: read-only sheets are single-pass streams.
            book = load()
            try:
                cells = 0
                for row in book[name].iter_rows(max_col=width, values_only=True):
                    cells += len(row) or 1
                    if cells > limit:
                        raise ContainerError(_too_many_cells(name, limit))
                    yield list(row)
            finally:
                book.close()

        container.add(
            name,
            TableSource(
                table=name,
                label=name,
                opener=rows,
                workbook=True,
                row_hint=max((sheet.max_row or 1) - 1, 0),
            ),
        )
    return container

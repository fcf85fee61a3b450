"""Archives that expand far beyond their size, written on the fly (never kept as files).

Each writes its expanded content in chunks, so making a bomb costs the time of compressing
it and little memory. Used by test_hostile_files.py (small ones, with small limits) and
bench/import_bombs.py (the real sizes).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl

from technopark.interchange.tests.helpers import BASE

CHUNK = 1024 * 1024


def _stream(archive: zipfile.ZipFile, name: str, parts: Iterator[bytes]) -> None:
    with archive.open(name, "w", force_zip64=True) as out:
        buffer = bytearray()
        for part in parts:
            buffer += part
            if len(buffer) >= CHUNK:
                out.write(buffer)
                buffer.clear()
        out.write(buffer)


def _repeat(piece: bytes, size: int) -> Iterator[bytes]:
    block = piece * max(CHUNK // len(piece), 1)
    left = size
    while left > 0:
        yield block[:left]
        left -= len(block)


def _workbook() -> bytes:
    """The BASE network as a workbook (sites, spaces, startups, programs: sheet1 to 4)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, text in BASE.items():
        sheet = book.create_sheet(name)
        for line in text.splitlines():
            sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
# What a workbook with shared strings declares (openpyxl writes its strings inline).
DECLARE_STRINGS = {
    "[Content_Types].xml": (
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>' % STRINGS_TYPE,
    ),
    "xl/_rels/workbook.xml.rels": (
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="%s" Target="sharedStrings.xml"/></Relationships>'
        % STRINGS_REL,
    ),
}


def _xlsx(path: Path, replaced: dict[str, Iterator[bytes]]) -> Path:
    base = zipfile.ZipFile(io.BytesIO(_workbook()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in base.infolist():
            if info.filename in replaced:
                _stream(archive, info.filename, replaced.pop(info.filename))
                continue
            data = base.read(info.filename)
            if "xl/sharedStrings.xml" in replaced and info.filename in DECLARE_STRINGS:
                data = data.replace(*DECLARE_STRINGS[info.filename])
            archive.writestr(info.filename, data)
        for name, parts in replaced.items():
            _stream(archive, name, parts)
    return path


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def xlsx_wide_rows(path: Path, rows: int) -> Path:
    """The startups sheet: `rows` rows of one cell in the last column (XFD), which a reader
    pads to 16,384 cells each; no dimension declared."""

    def sheet() -> Iterator[bytes]:
        yield SHEET_HEAD + b"<sheetData>"
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        yield b'<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>'
        for r in range(2, rows + 2):
            yield b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (r, r)
        yield b"</sheetData></worksheet>"

    return _xlsx(path, {"xl/worksheets/sheet3.xml": sheet()})


def xlsx_shared_strings(path: Path, size: int) -> Path:
    """Shared strings of `size` bytes (read whole into memory by any .xlsx reader)."""
    entry = b"<si><t>ab</t></si>"
    count = size // len(entry)

    def strings() -> Iterator[bytes]:
        yield b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        yield b'count="%d" uniqueCount="%d">' % (count, count)
        yield from _repeat(entry, count * len(entry))
        yield b"</sst>"

    return _xlsx(path, {"xl/sharedStrings.xml": strings()})


def zip_csv(path: Path, table: str, content: Iterator[bytes]) -> Path:
    """A .zip of the BASE network with `table`.csv replaced by `content`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in BASE.items():
            if name != table:
                archive.writestr(f"{name}.csv", text)
        _stream(archive, f"{table}.csv", content)
    return path


def zip_blank_lines(path: Path, size: int) -> Path:
    """startups.csv: its header, then `size` bytes of empty lines."""
    return zip_csv(path, "startups", iter([b"id,name\n", *_repeat(b"\n", size)]))


def zip_long_line(path: Path, size: int) -> Path:
    """startups.csv: one line of `size` bytes."""
    return zip_csv(path, "startups", iter([b"id,name\nS1,", *_repeat(b"a", size)]))


def zip_many_files(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, text in BASE.items():
            archive.writestr(f"{name}.csv", text)
        for n in range(count):
            archive.writestr(f"x/{n}", b"")
    return path

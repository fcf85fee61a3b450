"""What an import found and did: errors, warnings, and per-table counts with samples."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from technopark.interchange.tables import SHEET_TABLES as TABLES

SAMPLE_SIZE = 5
# What a report cannot keep: PostgreSQL's JSON refuses NUL, a terminal obeys the others.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def _shown(text: str) -> str:
    """A file's name, a column's or a message as a report keeps it: controls made visible."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


@dataclass(frozen=True)
class Issue:
    """An error or warning. `line` is as a spreadsheet shows it (the header is line 1);
    0 when the issue is about the file or sheet as a whole."""

    table: str
    line: int
    column: str
    message: str

    def as_row(self) -> list[str]:
        return [self.table, str(self.line or ""), self.column, self.message]


@dataclass
class TableCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # A few rows of each kind for the preview: {"key": "...", "changes": [...]}
    samples_created: list[dict[str, Any]] = field(default_factory=list)
    samples_updated: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def add_created(self, key: str) -> None:
        self.created += 1
        if len(self.samples_created) < SAMPLE_SIZE:
            self.samples_created.append({"key": key, "changes": []})

    def add_updated(self, key: str, changes: list[str]) -> None:
        self.updated += 1
        if len(self.samples_updated) < SAMPLE_SIZE:
            self.samples_updated.append({"key": key, "changes": changes})


@dataclass
class ImportReport:
    dry_run: bool = False
    operator: str | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    seconds: float = 0.0
    # Per table: rows, seconds (read, check and write), write_seconds, peak_mib so far.
    # Shown by `import-data --timings`; not kept with the job's report.
    timings: dict[str, dict[str, float]] = field(default_factory=dict)
    # The mapping a workbook as the park keeps it was read through (`guess.py`), or None.
    mapping: dict[str, Any] | None = None
    mapping_kept: bool = False  # the mapping was one kept from an earlier upload
    # The rows in error of such a workbook, as typed, for the preview's grid (`guess.grid`).
    grid: list[dict[str, Any]] = field(default_factory=list)
    # The people sheet's outcome: {"invited": [...], "existing": [...], "refused": [...]}
    # (e-mail addresses; refused: the address as written, with its sheet and line).
    people: dict[str, list] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def error(self, table: str, line: int, column: str, message: str) -> None:
        self.errors.append(Issue(_shown(table), line, _shown(column), _shown(message)))

    def warn(self, table: str, line: int, column: str, message: str) -> None:
        self.warnings.append(Issue(_shown(table), line, _shown(column), _shown(message)))

    def table(self, name: str) -> TableCounts:
        return self.counts.setdefault(name, TableCounts())

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values())

    def ordered_counts(self) -> list[tuple[str, TableCounts]]:
        return [(t.name, self.counts[t.name]) for t in TABLES if t.name in self.counts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "operator": self.operator,
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
            "errors": [asdict(e) for e in self.errors],
            "warnings": [asdict(w) for w in self.warnings],
            "counts": {name: asdict(c) for name, c in self.ordered_counts()},
            "mapping": self.mapping,
            "mapping_kept": self.mapping_kept,
            "grid": self.grid,
            "people": self.people,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        return cls(
            dry_run=data.get("dry_run", False),
            operator=data.get("operator"),
            errors=[Issue(**e) for e in data.get("errors", [])],
            warnings=[Issue(**w) for w in data.get("warnings", [])],
            counts={name: TableCounts(**c) for name, c in data.get("counts", {}).items()},
            seconds=data.get("seconds", 0.0),
            mapping=data.get("mapping"),
            mapping_kept=data.get("mapping_kept", False),
            grid=data.get("grid") or [],
            people=data.get("people") or {},
        )

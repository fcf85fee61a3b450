"""`technopark import-data PATH [--dry-run] [--operator SLUG] [--guess | --mapping FILE]`:
import the interchange format, or a workbook as the park keeps it.

Prints every error (table or sheet, line, column, message) and exits 1, or the records
created, updated and left unchanged per table and exits 0. Progress goes to stderr. With
`--guess` the proposed mapping of a workbook's sheets, columns and values is applied and
printed; `--mapping FILE` applies a kept one (JSON), `--save-mapping FILE` keeps the one
applied.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand
from technopark.interchange.guess import Plan, plan_lines
from technopark.interchange.importer import import_path
from technopark.interchange.report import ImportReport


class Command(TranslatedCommand):
    help = "Import a folder of CSV files, a .zip of one, or an .xlsx workbook (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Folder of CSV files, .zip or .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, but write nothing."
        )
        parser.add_argument(
            "--operator", help="Restrict to the records of this partner operator (its slug)."
        )
        parser.add_argument(
            "--guess",
            action="store_true",
            help="Read a workbook as the park keeps it: apply the proposed mapping of its "
            "sheets, columns and values, and print it.",
        )
        parser.add_argument(
            "--mapping", metavar="FILE", help="Apply a kept mapping (JSON) to the workbook."
        )
        parser.add_argument(
            "--save-mapping", metavar="FILE", help="Write the mapping applied (JSON) to FILE."
        )
        parser.add_argument("--quiet-progress", action="store_true", help="No progress output.")
        parser.add_argument(
            "--timings",
            action="store_true",
            help="Print each table's time, write time and peak memory so far (stderr).",
        )

    def handle(self, *args, **options):
        mapping = None
        if options["mapping"]:
            try:
                mapping = json.loads(Path(options["mapping"]).read_text(encoding="utf-8"))
                if not isinstance(mapping, dict) or not isinstance(mapping.get("sheets"), list):
                    raise ValueError
            except (OSError, ValueError):
                raise CommandError(
                    _("%(file)s is not a mapping written by --save-mapping or the import page.")
                    % {"file": options["mapping"]},
                    returncode=2,
                ) from None
        progress = None if options["quiet_progress"] else _Progress()
        report = import_path(
            options["path"],
            dry_run=options["dry_run"],
            operator=options["operator"],
            progress=progress,
            guess=options["guess"],
            mapping=mapping,
        )
        if progress:
            progress.done()
        if report.mapping is not None:
            self.stdout.write(_("Mapping applied:"))
            for line in plan_lines(Plan.from_dict(report.mapping)):
                self.stdout.write(line)
            if options["save_mapping"]:
                Path(options["save_mapping"]).write_text(
                    json.dumps(report.mapping, ensure_ascii=False, indent=1), encoding="utf-8"
                )
        self._print(report)
        if options["timings"]:
            self._print_timings(report)
        if not report.ok:
            raise CommandError(
                _("%(n)d error(s): nothing was written.") % {"n": len(report.errors)},
                returncode=1,
            )

    def _print(self, report: ImportReport) -> None:
        for issue in report.warnings:
            self.stderr.write(self.style.WARNING(_format(_("warning"), issue)))
        if not report.ok:
            for issue in report.errors:
                self.stdout.write(_format(_("error"), issue))
            return
        # One space at least between columns, whatever the length of the translated headers.
        # The same column names as the web report (one catalogue entry for both).
        header = f"{_('Table'):<14} {_('Created'):>12} {_('Updated'):>12} {_('Unchanged'):>12}"
        self.stdout.write(header)
        for name, counts in report.ordered_counts():
            self.stdout.write(
                f"{name:<14} {counts.created:>12} {counts.updated:>12} {counts.unchanged:>12}"
            )
        people = report.people or {}
        for key, title in (
            ("invited", _("Invited (new accounts):")),
            ("existing", _("Already had an account (added to the team):")),
            ("refused", _("Address refused (not invited):")),
        ):
            if people.get(key):
                self.stdout.write(f"{title} {', '.join(people[key])}")
        if report.dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(_("Imported in %(s).1f s.") % {"s": report.seconds})

    def _print_timings(self, report: ImportReport) -> None:
        # A measuring aid (docs/performance.md): seconds reading, checking and writing each
        # table, of which writing, and the peak memory of the process so far.
        titles = (_("Table"), _("Rows"), _("Seconds"), _("Writing"), _("Peak MiB"))
        self.stderr.write(f"{titles[0]:<14}" + "".join(f" {t:>9}" for t in titles[1:]))
        for name, t in report.timings.items():
            self.stderr.write(
                f"{name:<14} {t.get('rows', 0):>9} {t['seconds']:>9.1f} "
                f"{t.get('write_seconds', 0):>9.1f} {t.get('peak_mib', 0):>9.0f}"
            )


def _format(kind: str, issue) -> str:
    where = issue.table or "-"
    if issue.line:
        where += f":{issue.line}"
    if issue.column:
        where += f" [{issue.column}]"
    return f"{kind}: {where}: {issue.message}"


class _Progress:
    """A line on stderr per table, rewritten in place on a terminal."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.table = ""

    def __call__(self, table: str, done: int, total: int) -> None:
        now = time.monotonic()
        if table != self.table:
            if self.table and self.tty:
                sys.stderr.write("\n")
            self.table = table
        elif now - self.last < (0.2 if self.tty else 5) and done != total:
            return
        self.last = now
        text = f"{table}: {done}/{total}"
        sys.stderr.write(f"\r{text}" if self.tty else f"{text}\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.tty and self.table:
            sys.stderr.write("\n")

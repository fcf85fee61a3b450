"""Importing the interchange format: `import_path(path)` reads, checks and writes it all.

How it works, in one transaction:

1. The index of what the database already holds is loaded as keys only (site codes,
   space codes, startup references, program codes → primary keys), never whole tables.
2. The tables are read in dependency order, one row at a time. Each row is typed
   (`parsing.py`), checked against its table's rules and references (`rows.py`), and
   its key is added to the index. While no error has been found, the good rows are
   written in chunks (`writers.py`); after the first error nothing more is written but
   every row is still checked, so the report lists every error of the upload.
3. Any error, or a dry run, rolls the transaction back: all or nothing. A dry run thus
   reports exactly what a real import would create, update and leave unchanged.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from technopark.billing.models import HistoricalInvoice
from technopark.community.models import Event, Registration
from technopark.core.errors import DomainError
from technopark.desk.models import WalkIn
from technopark.hosting.models import Lease
from technopark.interchange import guess as guess_mod
from technopark.interchange.parsing import is_blank, match_header, row_parser
from technopark.interchange.readers import ContainerError, TableSource, open_container
from technopark.interchange.report import ImportReport
from technopark.interchange.rows import CHECKS
from technopark.interchange.tables import HISTORY, TABLES, Table
from technopark.interchange.writers import WRITERS, Record, ensure_operator
from technopark.network.models import Operator, Site, SiteBudget, Space
from technopark.programs.models import Application, Enrollment, Program
from technopark.programs.services.facts import bilan_facts_deferred
from technopark.startups.models import (
    Export,
    FollowUp,
    Funding,
    Grouping,
    Headcount,
    Patent,
    Startup,
)
from technopark.surveys.models import SatisfactionAnswer

Progress = Callable[[str, int, int], None]
CHUNK = 500
PROGRESS_EVERY = 2000
_MISSING = object()

MODELS: dict[str, type[models.Model]] = {
    "sites": Site,
    "spaces": Space,
    "startups": Startup,
    "programs": Program,
    "enrollments": Enrollment,
    "leases": Lease,
    "followups": FollowUp,
    "headcounts": Headcount,
    "exports": Export,
    "patents": Patent,
    "groupings": Grouping,
    "satisfaction": SatisfactionAnswer,
    "budgets": SiteBudget,
    "fundings": Funding,
    "historical_invoices": HistoricalInvoice,
    "past_events": Event,
    "event_attendance": Registration,
    "past_applications": Application,
    "desk_visits": WalkIn,
}


def import_path(
    path: str | Path,
    *,
    dry_run: bool = False,
    operator: str | None = None,
    progress: Progress | None = None,
    guess: bool | None = False,
    mapping: dict | None = None,
    corrections: dict | None = None,
    kept: Callable[[str], dict | None] | None = None,
    by=None,
) -> ImportReport:
    """Import a folder of CSV files, a .zip of one, or an .xlsx workbook.

    `operator` (an Operator slug) restricts the upload to that partner's own records.
    A workbook as a park keeps it is read through a mapping (`guess.py`): the proposed one
    with `guess` (None: only when no sheet is named after a table of the format), or the
    kept one `mapping`; `corrections` are cells fixed on the preview's grid
    ({sheet: {line: {column: value}}}); `kept(fingerprint)` finds a mapping kept for files of
    this kind. The report's `mapping` is the mapping applied, its `grid` the rows in error.
    `by` invites the people of a people sheet (the uploader; none from the command).
    Returns the report; nothing is written when it has errors or when `dry_run`.
    """
    report = ImportReport(dry_run=dry_run, operator=operator)
    started = time.monotonic()
    plan = sheets = None
    try:
        container = open_container(path)
        named = bool(container.tables or container.errors)  # sheets named after tables
        workbook = Path(path).suffix.lower() in (".xlsx", ".xlsm")
        in_format = None
        if guess is None or (workbook and not guess and mapping is None):
            in_format = named and _in_format(container)
        if guess is None:
            guess = not in_format
        if mapping is not None or guess:
            container.close()
            container, plan, sheets = _guessed(path, report, mapping, corrections, kept)
            if container is None:
                report.grid = guess_mod.grid(plan, sheets, report)
                return report
        elif workbook and not in_format and not container.errors:
            container.close()
            report.error(
                "",
                0,
                "",
                _(
                    "This workbook is not in the interchange format (sheets named after its "
                    "tables, headers in its words): to bring it in as the park keeps it, run "
                    "the command again with --guess (or --mapping FILE), or upload it on the "
                    "import page."
                ),
            )
            return report
    except ContainerError as exc:
        report.error("", 0, "", str(exc))
        return report
    try:
        _import_container(report, container, operator, progress, dry_run, by)
    finally:
        if plan is not None:
            guess_mod.relabel(report, plan)
    if plan is not None and not report.ok and sheets is not None:
        report.grid = guess_mod.grid(plan, sheets, report)
    report.seconds = time.monotonic() - started
    return report


def _in_format(container) -> bool:
    """Whether each table's header names its key columns as the format does: else the
    file is a workbook as a park keeps it ("Startups" with "Référence", "Nom", …)."""
    from technopark.interchange.tables import FILE_TABLES_BY_NAME as TABLES_BY_NAME

    for name, source in container.tables.items():
        rows = source.rows()
        try:
            header = next(rows, None) or []
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        names = {str(c).strip().lstrip("\ufeff").strip().lower() for c in header if c is not None}
        if not set(TABLES_BY_NAME[name].key) <= names:
            return False
    return True


def _guessed(path, report: ImportReport, mapping, corrections, kept):
    """The upload read through its mapping: (container, plan, sheets), container None when
    the mapping cannot be applied (the report says why)."""
    sheets, raw = guess_mod.read_sheets(path)
    guess_mod.correct(sheets, corrections or {})
    for label, message in raw.errors:
        report.error(label, 0, "", message)
    plan = guess_mod.propose(sheets, kept=mapping)
    kind = guess_mod.fingerprint(plan)
    if mapping is None and kept is not None and (found := kept(kind)) is not None:
        plan = guess_mod.propose(sheets, kept=found)
        report.mapping_kept = True
    report.mapping = plan.to_dict() | {"fingerprint": kind}
    guess_mod.problems(plan, report)
    if not report.ok:
        return None, plan, sheets
    return guess_mod.normalised(sheets, plan), plan, sheets


def _import_container(report, container, operator, progress, dry_run: bool, by) -> None:
    with container:
        for label, message in container.warnings:
            report.warn(label, 0, "", message)
        for label, message in container.errors:
            report.error(label, 0, "", message)
        partner = None
        if operator:
            partner = Operator.objects.filter(slug=operator).first()
            if partner is None:
                report.error(
                    "", 0, "", _("No operator has the short name %(slug)s.") % {"slug": operator}
                )
                return report
        for table in TABLES:
            if table.required and table.name not in container.tables:
                if partner is not None and table.name == "sites":
                    continue
                if MODELS[table.name].objects.exists():
                    continue  # imported before: the file refers to the database's
                report.error(
                    table.name,
                    0,
                    "",
                    _(
                        "The table %(table)s is missing: every import has sites, startups and programs."
                    )
                    % {"table": table.name},
                )
        with _file_cache_not_mapped():
            _write(report, container, partner, progress, dry_run, by)
            if report.ok and not dry_run and report.changed >= ANALYZE_AFTER_ROWS:
                analyzing = time.monotonic()
                _refresh_statistics()
                report.timings["ANALYZE"] = {"seconds": round(time.monotonic() - analyzing, 3)}


def _write(report: ImportReport, container, partner, progress, dry_run: bool, by=None) -> None:
    """Every table in one transaction, rolled back on any error or for a dry run; the
    bilan's facts of the startups written are computed once at the end, not per chunk."""
    try:
        with transaction.atomic(), _references_checked_per_statement():
            with bilan_facts_deferred():
                run = Run(report, partner, progress)
                run.load_index()
                if partner is not None:
                    run.scan_partner_scope(container.tables)
                for table in TABLES:
                    source = container.tables.get(table.name)
                    if source is not None:
                        run.process(table, source)
                if "people" in container.tables:
                    run.people(container.tables["people"], by)
                for table in HISTORY:
                    source = container.tables.get(table.name)
                    if source is not None:
                        run.process(table, source)
                if not report.ok or dry_run:
                    transaction.set_rollback(True)
                computing = time.monotonic()
            if report.ok and not dry_run:
                report.timings["bilan facts"] = {
                    "seconds": round(time.monotonic() - computing, 3),
                    "peak_mib": round(_peak_mib(), 1),
                }
    except DatabaseError as exc:  # a constraint the checks did not foresee
        report.error("", 0, "", _("The database refused the import: %(reason)s") % {"reason": exc})


# After a large import the query planner's statistics are stale until autovacuum runs;
# PostgreSQL then picks bad plans for the bilan (6.5 s instead of 0.8 s at 100k startups).
ANALYZE_AFTER_ROWS = 10_000


@contextlib.contextmanager
def _references_checked_per_statement():
    """PostgreSQL checks the foreign keys (deferred until the commit in this schema) after
    each statement of the import instead: millions of rows would otherwise queue as many
    checks in the server's memory until the end. Deferred again afterwards, for whatever
    the surrounding transaction does next (after an error it is rolled back anyway)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    if not connection.needs_rollback:  # a dry run or an import with errors: rolled back
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextlib.contextmanager
def _file_cache_not_mapped():
    """SQLite reads the database through a memory map for the bilan (settings.py); an import
    reads and writes across the whole file, whose mapped pages would count in the process's
    memory (416 instead of 260 MiB at 100,000 startups). Off during the import, then back."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        size = cursor.execute("PRAGMA mmap_size").fetchone()[0]
        cursor.execute("PRAGMA mmap_size=0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size={int(size)}")


def _refresh_statistics() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Index:
    """Keys of the records the import may refer to → primary key (None until written)."""

    def __init__(self) -> None:
        self.sites: dict[str, int | None] = {}
        self.spaces: dict[tuple[str, str], list] = {}  # → [pk, leasable]
        self.startups: dict[str, int | None] = {}
        self.programs: dict[str, list] = {}  # → [pk, operator pk]
        self.operators: dict[str, int] = {}  # lower-case name or slug → pk


class Run:
    """One import in progress: the report, the index, and the rules shared by the tables."""

    def __init__(self, report: ImportReport, partner: Operator | None, progress: Progress | None):
        self.report = report
        self.partner = partner
        self.progress = progress
        self.index = Index()
        self.seen: dict[tuple, int] = {}
        self.ice_db: dict[str, str] | None = None
        self.ice_file: dict[str, int] = {}
        self.partner_programs: set[str] = set()
        self.allowed: set[str] = set()  # a partner upload's startups (refs)
        self.partner_sites: set[str] = set()  # the sites a partner runs (codes)
        self.foreign_groupings: set[str] = set()  # groupings with a startup not the partner's
        self.write_seconds = 0.0  # time spent in the owners' bulk services
        self._historical_numbers: set[tuple[int, str]] | None = None
        self.history_cache: dict = {}  # what the history tables' checks read once (rows.py)

    # --- state ----------------------------------------------------------------------------

    @property
    def writing(self) -> bool:
        return self.report.ok

    def load_index(self) -> None:
        ix = self.index
        ix.sites = dict(Site.objects.values_list("code", "pk"))
        for site, code, pk, leasable in Space.objects.values_list(
            "site__code", "code", "pk", "leasable"
        ):
            ix.spaces[(site, code)] = [pk, leasable]
        ix.startups = dict(Startup.objects.values_list("ref", "pk").iterator(chunk_size=5000))
        for code, pk, operator_id in Program.objects.values_list("code", "pk", "operator_id"):
            ix.programs[code] = [pk, operator_id]
        for pk, name, slug in Operator.objects.values_list("pk", "name", "slug"):
            ix.operators[name.strip().lower()] = pk
            ix.operators.setdefault(slug.lower(), pk)

    def scan_partner_scope(self, tables: dict[str, TableSource]) -> None:
        """A partner's programs, and its startups: those already enrolled in its programs,
        and those the upload creates and enrolls in them. A startup already in the database
        that follows none of its programs stays out of reach: enrolling it in the file
        would hand the partner its private records (the enrollment row is refused)."""
        partner = self.partner
        self.partner_programs = set(
            Program.objects.filter(operator=partner).values_list("code", flat=True)
        )
        names = {partner.name.strip().lower(), partner.slug.lower()}
        others = set(Program.objects.exclude(operator=partner).values_list("code", flat=True))
        for code, operator in _column_values(tables.get("programs"), ("code", "operator")):
            if code and code not in others and operator.lower() in names:
                self.partner_programs.add(code)
        own = Enrollment.objects.filter(program__operator=partner).values("startup_id")
        self.allowed = set(Startup.objects.filter(pk__in=own).values_list("ref", flat=True))
        known = self.index.startups
        for ref, program in _column_values(tables.get("enrollments"), ("startup", "program")):
            if ref and program in self.partner_programs and ref not in known:
                self.allowed.add(ref)
        self.partner_sites = set(
            Site.objects.filter(operator=partner).values_list("code", flat=True)
        )
        self.foreign_groupings = set(
            Grouping.objects.filter(members__in=Startup.objects.exclude(pk__in=own)).values_list(
                "code", flat=True
            )
        )

    def historical_numbers(self) -> set[tuple[int, str]]:
        """(site pk, number as printed) of the invoices before the platform already kept."""
        if self._historical_numbers is None:
            self._historical_numbers = set(
                HistoricalInvoice.objects.values_list("site_id", "number")
            )
        return self._historical_numbers

    # --- the rules the tables share ---------------------------------------------------------

    def fail(self, table: str, line: int, column: str, message: str) -> bool:
        self.report.error(table, line, column, message)
        return False

    def claim(self, table: str, key: tuple, line: int, column: str, packed=None) -> bool:
        """Register a row's key; a key given twice in one table is an error.

        `packed`, when given, stands for the key in memory: one integer made of the
        primary keys and the date's day number (`pack`) instead of a tuple of strings and
        dates, about a fifth of the memory for the millions of rows of a large network."""
        first = self.seen.setdefault(key if packed is None else packed, line)
        if first == line:
            return True
        return self.fail(
            table,
            line,
            column,
            _("Same key as line %(line)d (%(key)s): each row of %(table)s needs its own.")
            % {"line": first, "key": " / ".join(str(k) for k in key), "table": table},
        )

    def _ref(self, mapping: dict, key, table: str, line: int, column: str, message):
        """The primary key for `key` (None until written), or False with an error.
        `message` is a callable, so the happy path does not pay for translation."""
        pk = mapping.get(key, _MISSING)
        if pk is _MISSING:
            return self.fail(table, line, column, message())
        return pk[0] if isinstance(pk, list) else pk

    def site(self, code: str, table: str, line: int, column: str):
        return self._ref(
            self.index.sites, code, table, line, column,
            lambda: _("Unknown site %(code)s: it is neither in the sites table nor in the database.")
            % {"code": code},
        )  # fmt: skip

    def startup(self, ref: str, table: str, line: int, column: str = "startup"):
        return self._ref(
            self.index.startups, ref, table, line, column,
            lambda: _(
                "Unknown startup %(ref)s: it is neither in the startups table nor in the database."
            ) % {"ref": ref},
        )  # fmt: skip

    def program(self, code: str, table: str, line: int):
        return self._ref(
            self.index.programs, code, table, line, "program",
            lambda: _(
                "Unknown program %(code)s: it is neither in the programs table nor in the database."
            ) % {"code": code},
        )  # fmt: skip

    def space(self, site: str, code: str, line: int):
        slot = self.index.spaces.get((site, code))
        if slot is None:
            elsewhere = sorted(s for (s, c) in self.index.spaces if c == code)
            if elsewhere:
                message = _("%(space)s is a space of %(other)s, not of site %(site)s.") % {
                    "space": code,
                    "other": ", ".join(elsewhere),
                    "site": site,
                }
            else:
                message = _(
                    "Unknown space %(space)s at site %(site)s: add it to the spaces table."
                ) % {"space": code, "site": site}
            return self.fail("leases", line, "space", message)
        if not slot[1]:
            return self.fail(
                "leases",
                line,
                "space",
                _(
                    "The space %(space)s of %(site)s is not leasable: choose a leasable space "
                    "or set leasable to true in the spaces table."
                )
                % {"space": code, "site": site},
            )
        return slot[0]

    def operator_pk(self, name: str) -> int | None:
        key = name.strip().lower()
        pk = self.index.operators.get(key)
        if pk is None and self.writing:
            pk = ensure_operator(name.strip())
            self.index.operators[key] = pk
        return pk

    def is_partner_name(self, name: str | None) -> bool:
        partner = self.partner
        return bool(name) and name.strip().lower() in {partner.name.lower(), partner.slug.lower()}

    def is_partner_program(self, code: str) -> bool:
        return code in self.partner_programs

    def partner_allows(self, ref: str, table: str, line: int, column: str) -> bool:
        if self.partner is None or ref in self.allowed:
            return True
        return self.fail(
            table,
            line,
            column,
            _(
                "%(ref)s is not enrolled in a program of %(operator)s: a partner upload only "
                "holds the records of its own startups."
            )
            % {"ref": ref, "operator": self.partner.name},
        )

    def partner_runs_site(self, code: str, table: str, line: int) -> bool:
        if self.partner is None or code in self.partner_sites:
            return True
        return self.fail(
            table,
            line,
            "site",
            _(
                "%(site)s is not a site run by %(operator)s: a partner upload only lets the "
                "spaces of its own sites."
            )
            % {"site": code, "operator": self.partner.name},
        )

    def partner_owns_grouping(self, code: str, line: int) -> bool:
        if self.partner is None or code not in self.foreign_groupings:
            return True
        return self.fail(
            "groupings",
            line,
            "code",
            _(
                "The grouping %(code)s has members that are not startups of %(operator)s: "
                "a partner upload cannot change it."
            )
            % {"code": code, "operator": self.partner.name},
        )

    def check_ice(self, ice: str, ref: str, line: int) -> bool:
        if self.ice_db is None:
            self.ice_db = dict(Startup.objects.exclude(ice=None).values_list("ice", "ref"))
        owner = self.ice_db.get(ice)
        if owner is not None and owner != ref:
            return self.fail(
                "startups",
                line,
                "ice",
                _("The ICE %(ice)s is already the ICE of startup %(other)s in the database.")
                % {"ice": ice, "other": owner},
            )
        first = self.ice_file.setdefault(ice, line)
        if first != line:
            return self.fail(
                "startups",
                line,
                "ice",
                _("The ICE %(ice)s is also on line %(line)d: an ICE belongs to one startup.")
                % {"ice": ice, "line": first},
            )
        return True

    # --- reading and writing a table ----------------------------------------------------------

    def process(self, table: Table, source: TableSource) -> None:
        started, written = time.monotonic(), self.write_seconds
        self._process(table, source)
        self.report.timings[table.name] = {
            "rows": source.row_hint,
            "seconds": round(time.monotonic() - started, 3),
            "write_seconds": round(self.write_seconds - written, 3),
            "peak_mib": round(_peak_mib(), 1),
        }

    def _process(self, table: Table, source: TableSource) -> None:
        name = table.name
        total = source.row_hint
        self._progress(name, 0, total)
        check = CHECKS[name]
        empty = self.writing and not MODELS[name].objects.exists()
        keep_all = name == "leases"  # checked for overlaps once the whole table is read
        buffer: list[Record] = []
        self.seen = {}
        line = 1
        try:
            rows = source.rows()
            header = next(rows, None)
            if header is None or is_blank(header):
                self.report.warn(name, 1, "", _("The table is empty (no header row)."))
                return
            present, _missing = match_header(table, header, self.report)
            parse = row_parser(table, present, source, self.report)
            for line, row in enumerate(rows, start=source.first_line):
                if line % PROGRESS_EVERY == 0:
                    self._progress(name, line - 1, total)
                first = row[0] if row else None
                if not (type(first) is str and first.strip()) and is_blank(row):
                    continue
                values, ok = parse(row, line)
                record = check(self, values, line)
                if record is None or not ok:
                    continue
                if keep_all:
                    buffer.append(record)
                elif self.writing:
                    buffer.append(record)
                    if len(buffer) >= CHUNK:
                        self._flush(name, buffer, empty)
                        buffer = []
                elif buffer:
                    buffer = []
        except ContainerError as exc:
            self.report.error(name, line + 1, "", str(exc))
        except (ValueError, TypeError, KeyError) as exc:  # a malformed file, e.g. a CSV quote
            self.report.error(
                name, line + 1, "", _("This line cannot be read: %(reason)s") % {"reason": exc}
            )
        if name == "startups":  # only the startups' rows have an ICE: free them
            self.ice_db, self.ice_file = None, {}
        if keep_all:
            self._check_overlaps(buffer)
        if self.writing:
            for start in range(0, len(buffer), CHUNK):
                self._flush(name, buffer[start : start + CHUNK], empty)
        self.seen = {}
        self._progress(name, total, total)

    def people(self, source: TableSource, by) -> None:
        """The founders and team members of a people sheet: checked like any table, then
        each made a member (and invited when new) through the startups app's service. An
        address that is no address is refused and listed, not an error."""
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        from technopark.interchange.tables import PEOPLE
        from technopark.interchange.vocabulary import is_founder
        from technopark.startups.services import team_member_import

        report = self.report
        outcome: dict[str, list] = {"invited": [], "existing": [], "refused": []}
        rows = source.rows()
        header = next(rows, None)
        if header is None:
            return
        present, _missing = match_header(PEOPLE, header, report)
        parse = row_parser(PEOPLE, present, source, report)
        self.seen = {}
        good = []
        for line, row in enumerate(rows, start=source.first_line):
            if is_blank(row):
                continue
            values, ok = parse(row, line)
            ref, email = values.get("startup"), values.get("email")
            pk = self.startup(ref, "people", line) if ref else False
            if ref and pk is not False and not self.partner_allows(ref, "people", line, "startup"):
                ok = False
            if not ok or pk is False or not email:
                continue
            try:
                validate_email(email)
            except ValidationError:
                outcome["refused"].append(email)
                report.warn(
                    "people",
                    line,
                    "email",
                    _("“%(value)s” is not an e-mail address: this person is not invited.")
                    % {"value": email},
                )
                continue
            if self.claim("people", (ref, email.lower()), line, "email"):
                good.append((ref, values))
        self.seen = {}
        if self.writing:
            startups = {s.ref: s for s in Startup.objects.filter(ref__in={r for r, _v in good})}
            for ref, values in good:
                new = team_member_import(
                    startup=startups[ref],
                    email=values["email"],
                    full_name=values.get("name") or "",
                    phone=values.get("phone") or "",
                    title=values.get("role") or "",
                    founder=is_founder(values.get("role")),
                    language=values.get("language") or "",
                    by=by,
                )
                outcome["invited" if new else "existing"].append(values["email"].lower())
        report.people = outcome

    def _flush(self, name: str, records: list[Record], empty: bool) -> None:
        if not records or not self.writing:
            return
        started = time.monotonic()
        try:
            with transaction.atomic():
                pks = WRITERS[name](records=records, counts=self.report.table(name), empty=empty)
        except DomainError as exc:  # a history service refusing what the checks let through
            self.write_seconds += time.monotonic() - started
            self.fail(name, records[0].line, "", exc.message)
            return
        except IntegrityError as exc:
            self.write_seconds += time.monotonic() - started
            self.fail(
                name,
                records[0].line,
                "",
                _("The database refused the rows of lines %(first)d to %(last)d: %(reason)s")
                % {"first": records[0].line, "last": records[-1].line, "reason": exc},
            )
            return
        self.write_seconds += time.monotonic() - started
        ix = self.index
        if name == "startups":
            startups = ix.startups
            for record, pk in zip(records, pks, strict=True):
                startups[record.key[0]] = pk
        elif name in ("sites", "spaces", "programs"):
            for record, pk in zip(records, pks, strict=True):
                if name == "sites":
                    ix.sites[record.key[0]] = pk
                elif name == "spaces":
                    ix.spaces[record.extra][0] = pk
                else:
                    ix.programs[record.key[0]][0] = pk

    def _progress(self, name: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(name, min(done, total) if total else done, total)

    def _check_overlaps(self, records: list[Record]) -> None:
        """Two leases of one space never overlap, in the file or with the database."""
        by_space: dict[tuple[str, str], list[tuple]] = {}
        space_keys: dict[int, tuple[str, str]] = {}
        for r in records:
            site, space, ref = r.extra
            by_space.setdefault((site, space), []).append(
                (r.key[1], r.fields["ends_on"], r.line, ref)
            )
            if r.key[0] is not None:
                space_keys[r.key[0]] = (site, space)
        space_pks = list(space_keys)
        for start in range(0, len(space_pks), CHUNK):
            chunk = space_pks[start : start + CHUNK]
            existing = (
                Lease.objects.filter(space_id__in=chunk)
                .exclude(status=Lease.Status.DRAFT)
                .values_list("space_id", "starts_on", "ends_on", "startup__ref")
            )
            for space_id, starts, ends, ref in existing:
                intervals = by_space[space_keys[space_id]]
                if not any(i[0] == starts and i[2] for i in intervals):
                    intervals.append((starts, ends, 0, ref))
        for (site, space), intervals in by_space.items():
            intervals.sort(key=lambda i: i[0])
            latest = None  # the interval reaching furthest so far
            for interval in intervals:
                if latest is not None and (latest[1] is None or interval[0] < latest[1]):
                    row, other = (interval, latest) if interval[2] else (latest, interval)
                    if row[2]:
                        self._overlap(site, space, row, other)
                if latest is None or (
                    latest[1] is not None and (interval[1] is None or interval[1] > latest[1])
                ):
                    latest = interval

    def _overlap(self, site: str, space: str, row: tuple, other: tuple) -> None:
        start = date_format(other[0], "SHORT_DATE_FORMAT")
        end = date_format(other[1], "SHORT_DATE_FORMAT") if other[1] else _("no end date")
        where = (
            _("line %(line)d") % {"line": other[2]} if other[2] else _("already in the database")
        )
        self.fail(
            "leases",
            row[2],
            "starts_on",
            _(
                "This lease of %(site)s / %(space)s overlaps the lease of %(ref)s from %(start)s "
                "to %(end)s (%(where)s): a space is let to one startup at a time."
            )
            % {
                "site": site,
                "space": space,
                "ref": other[3],
                "start": start,
                "end": end,
                "where": where,
            },
        )


def _peak_mib() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _column_values(source: TableSource | None, names: tuple[str, ...]):
    """The stripped text of a few columns of a table, for a quick first pass."""
    if source is None:
        return
    rows = source.rows()
    header = next(rows, None) or []
    positions = {
        str(c or "").strip().lstrip("\ufeff").strip().lower(): i for i, c in enumerate(header)
    }
    indexes = [positions.get(n) for n in names]
    try:
        for row in rows:
            yield tuple(
                (
                    str(row[i]).strip()
                    if i is not None and i < len(row) and row[i] is not None
                    else ""
                )
                for i in indexes
            )
    except ContainerError:
        return

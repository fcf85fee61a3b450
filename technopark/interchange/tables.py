"""The tables of the interchange format (v1): their columns, keys and order.

This is the format of `docs/interchange.md` (whose column lists are written from it); the importer, the exporter and the
tests read it, so the format is written down once. `TABLES` is in dependency order: a
table only refers to tables before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    # text, code, date, decimal, amount, int, bool, choice, year, region, ice, email, url,
    # country, planned, members
    kind: str = "text"
    required: bool = False
    key: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.key)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _key(name: str, kind: str = "text", **kw) -> Column:
    return Column(name, kind, required=True, key=True, **kw)


def _req(name: str, kind: str = "text", **kw) -> Column:
    return Column(name, kind, required=True, **kw)


SPACE_KINDS = ("office", "coworking", "meeting_room", "event_hall", "lab", "other")
LEGAL_FORMS = ("SARL", "SARL_AU", "SA", "SAS", "SNC", "AUTO_ENTREPRENEUR", "COOPERATIVE", "OTHER")
PROGRAM_KINDS = ("pre_incubation", "incubation", "acceleration", "other")
OUTCOMES = ("graduated", "discontinued")
FOLLOWUP_STATUSES = ("active", "closed", "acquired", "merged")
PATENT_OFFICES = ("OMPIC", "EPO", "WIPO", "USPTO", "OTHER")
GROUPING_KINDS = ("gie", "merger")
FUNDING_KINDS = ("grant", "loan", "equity", "prize", "other")

TABLES: tuple[Table, ...] = (
    Table(
        "sites",
        (
            _key("code", "code", max_length=20),
            _req("name", max_length=200),
            _req("city", max_length=100),
            _req("region", "region"),
            Column("operator", max_length=200),
            Column("opened_on", "date"),
            Column("planned_opening", "planned"),
            Column("closed_on", "date"),
        ),
        required=True,
    ),
    Table(
        "spaces",
        (
            _key("site"),
            _key("code", max_length=30),
            _req("kind", "choice", choices=SPACE_KINDS),
            _req("area_m2", "area"),
            Column("seats", "int"),
            _req("leasable", "bool"),
        ),
    ),
    Table(
        "startups",
        (
            _key("id", "ref", max_length=40),
            _req("name", max_length=200),
            Column("legal_form", "choice", choices=LEGAL_FORMS),
            Column("ice", "ice"),
            Column("founded_on", "date"),
            Column("sector", max_length=100),
            Column("city", max_length=100),
            Column("region", "region"),
            Column("email", "email", max_length=254),
            Column("website", "url", max_length=200),
            Column("public", "bool"),
        ),
        required=True,
    ),
    Table(
        "programs",
        (
            _key("code", max_length=40),
            _req("name", max_length=200),
            _req("kind", "choice", choices=PROGRAM_KINDS),
            Column("operator", max_length=200),
            _req("direct", "bool"),
        ),
        required=True,
    ),
    Table(
        "enrollments",
        (
            _key("startup"),
            _key("program"),
            _req("site"),
            _key("started_on", "date"),
            Column("ended_on", "date"),
            Column("outcome", "choice", choices=OUTCOMES),
        ),
    ),
    Table(
        "leases",
        (
            _key("site"),
            _key("space"),
            _req("startup"),
            _key("starts_on", "date"),
            Column("ends_on", "date"),
            Column("planned_end", "date"),
            Column("monthly_rent_mad", "amount"),
        ),
    ),
    Table(
        "followups",
        (
            _key("startup"),
            _key("observed_on", "date"),
            _req("status", "choice", choices=FOLLOWUP_STATUSES),
        ),
    ),
    Table(
        "headcounts",
        (
            _key("startup"),
            _key("as_of", "date"),
            _req("direct_jobs", "int"),
            Column("indirect_jobs", "int"),
        ),
    ),
    Table(
        "exports",
        (
            _key("startup"),
            _key("year", "year"),
            _key("country", "country"),
            Column("amount_mad", "amount"),
        ),
    ),
    Table(
        "patents",
        (
            _key("startup"),
            _key("filed_on", "date"),
            Column("office", "choice", choices=PATENT_OFFICES),
            _key("title", max_length=300),
            Column("reference", max_length=60),
        ),
    ),
    Table(
        "groupings",
        (
            _key("code", max_length=40),
            _req("kind", "choice", choices=GROUPING_KINDS),
            _req("name", max_length=200),
            _req("formed_on", "date"),
            _req("members", "members"),
        ),
    ),
    Table(
        "satisfaction",
        (
            _key("startup"),
            _key("answered_on", "date"),
            _req("score", "int"),
            Column("comment"),
        ),
    ),
    Table(
        "budgets",
        (
            _key("site"),
            _key("year", "year"),
            _req("amount_mad", "amount"),
        ),
    ),
    Table(
        "fundings",
        (
            _key("startup"),
            _key("obtained_on", "date"),
            _key("source", max_length=120),
            Column("kind", "choice", choices=FUNDING_KINDS),
            _req("amount_mad", "amount"),
        ),
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}

# What a person reads for each table (the file names stay the format's, in English).
TABLE_LABELS = {
    "sites": _("Sites"),
    "spaces": _("Spaces"),
    "startups": _("Startups"),
    "programs": _("Programs"),
    "enrollments": _("Enrollments"),
    "leases": _("Hosting contracts"),
    "followups": _("Follow-ups"),
    "headcounts": _("Headcounts"),
    "exports": _("Exports"),
    "patents": _("Patents"),
    "groupings": _("Groupings"),
    "satisfaction": _("Satisfaction answers"),
    "budgets": _("Accompaniment budgets"),
    "fundings": _("Fundings"),
    "people": _("Founders and team members"),
    "historical_invoices": _("Invoices before the platform"),
    "past_events": _("Events before the platform"),
    "event_attendance": _("Event attendance before the platform"),
    "past_applications": _("Applications and decisions before the platform"),
    "desk_visits": _("Desk visits before the platform"),
}


def table_label(name: str) -> str:
    """A table's name as people read it, in their language; an unknown name as it is."""
    return str(TABLE_LABELS.get(name, name))


# A sheet of founders and team members: read from a workbook as the park keeps it
# (`guess.py`), not a table of the interchange format (the exporter does not write it).
# Each row makes the person's account and their membership of the startup, and invites
# them (`startups.services.team_member_import`); `role` is kept as their title in the
# team (a founder when it says so), an address that is no address is refused and listed.
PEOPLE = Table(
    "people",
    (
        _key("startup"),
        _key("email", max_length=254),
        _req("name", max_length=150),
        Column("phone", max_length=20),
        Column("role", max_length=100),
        Column("language", "choice", choices=("fr", "ar", "en")),
    ),
)

# History: the records a park kept before the platform, read from a workbook as the park
# keeps it (`guess.py`), like the people sheet (the exporter does not write them). Each
# table is written through its owner's import service, after the format's tables.
HISTORICAL_INVOICE_STATUSES = ("paid", "partly_paid", "unpaid", "cancelled")
EVENT_KINDS = ("workshop", "training", "sport", "culture", "creative", "demo_day", "networking")
ATTENDANCE = ("attended", "registered", "cancelled")
DECISIONS = ("admitted", "declined", "waitlisted", "withdrawn")
HISTORY: tuple[Table, ...] = (
    # Invoices issued before the platform, with their own number as printed: kept as
    # historical documents (billing.HistoricalInvoice), outside the gapless series.
    Table(
        "historical_invoices",
        (
            _key("site"),
            _key("number", max_length=60),
            _req("startup"),
            _req("issued_on", "date"),
            Column("due_on", "date"),
            _req("total_mad", "amount"),
            Column("paid_mad", "amount"),
            Column("paid_on", "date"),
            Column("status", "choice", choices=HISTORICAL_INVOICE_STATUSES),
        ),
    ),
    # Events held before the platform (community.Event), kept with who came: a past event
    # is never published again nor announced (community.services.events_history_import).
    Table(
        "past_events",
        (
            _key("site"),
            _key("title", max_length=200),
            _key("starts_on", "date"),
            Column("ends_on", "date"),
            Column("kind", "choice", choices=EVENT_KINDS),
            Column("capacity", "int"),
            Column("location", max_length=200),
        ),
    ),
    # Who registered for and who came to an event before the platform (the event named by
    # its site, title and day: of the events sheet, or already on the platform, or made from
    # these rows when neither has it). A known address is the person's account, any other a
    # guest's registration; nobody is told (community.services.attendance_history_import).
    Table(
        "event_attendance",
        (
            _key("site"),
            _key("event", max_length=200),
            _key("event_on", "date"),
            _key("email", "email", max_length=254),
            Column("name", max_length=150),
            Column("startup", max_length=200),
            Column("attendance", "choice", choices=ATTENDANCE),
            Column("kind", "choice", choices=EVENT_KINDS),
        ),
    ),
    # Applications to a program before the platform and the committee's decision, in a
    # call named by its title or its year (programs.services.applications_history_import):
    # no review is asked, no letter is sent, no enrollment is made (the enrollments sheet
    # says who was accompanied).
    Table(
        "past_applications",
        (
            _key("startup"),
            _key("program"),
            _req("site"),
            _key("call", max_length=200),
            _req("decision", "choice", choices=DECISIONS),
            Column("submitted_on", "date"),
            Column("decided_on", "date"),
            Column("reasons"),
            Column("email", "email", max_length=254),
        ),
    ),
    # Visits of a startup to a partner's desk before the platform (OMPIC, ANAPEC, CNSS, …),
    # kept as the desk's walk-ins (desk.services_walk_ins.walk_ins_history_import).
    Table(
        "desk_visits",
        (
            _key("site"),
            _key("desk", max_length=200),
            _key("startup"),
            _key("visited_on", "date"),
            Column("visitor", max_length=200),
            Column("subject", max_length=200),
            Column("outcome", max_length=2000),
        ),
    ),
)
SHEET_TABLES: tuple[Table, ...] = (*TABLES, PEOPLE, *HISTORY)
SHEET_TABLES_BY_NAME = {t.name: t for t in SHEET_TABLES}
# What a file in the interchange format may hold: its tables, then the history tables.
FILE_TABLES_BY_NAME = TABLES_BY_NAME | {t.name: t for t in HISTORY}

"""The network's bilan in seven queries, each reading only what its figures need.

The whole network (no site, no operator) is the bilan asked most, and the largest. The
engine's general path (`engine.py`) answers it right but reads every enrollment several
times; here every figure has the same definition (`docs/figures.md`), and the tests check
both paths give the same numbers. What makes it fast:

- `StartupSupport` (programs) holds since when each startup is supported, and directly:
  `supported(D)` is `since <= D` on an index, not a search among the enrollments;
- `Headcount.superseded_on` and `counted_from` (startups): the jobs as of D are the
  headcounts with `counted_from <= D < superseded_on`, a filter, not a search per startup;
- `FollowUp.superseded_on`, `exit_on` and `next_exit_on`: the same for survival after exit;
- figures of one table come from one statement (scalar subqueries), residents and
  renewals from one list of the leases of the two days.

All are kept by the database itself (the triggers of `programs/migrations_sql_facts.py`),
so every writer keeps them right. Amounts are summed by the database and read as the ORM reads them.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

from django.db import connection

from technopark.hosting.models import Lease
from technopark.impact.continents import continent_of
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import FollowUp, Grouping
from technopark.surveys.models import SATISFIED

_SQLITE_DECIMAL = decimal.Context(prec=15)


def _amount(value) -> Decimal:
    """A sum of decimal columns as the ORM returns it (SQLite keeps 15 digits)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    return _SQLITE_DECIMAL.create_decimal_from_float(value)


def _ratio(numerator, denominator) -> float | None:
    return float(numerator) / float(denominator) if denominator else None


def _one(sql: str, params: dict) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _all(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Only fixed SQL is put together here (table names and constants of the models), never a
# user's text; the dates are parameters.
#
# "Not ended by D" (an empty end, or an end after D) is written as two ranges joined by
# UNION ALL rather than one OR: each is then read from an index alone (SQLite reads the
# rows themselves for an OR of two ranges).


def _open_on(select: str, where: str, end: str, day: str) -> str:
    """`select ... where ...` for the rows whose `end` is empty or after `day`."""
    return (
        f"{select} WHERE {end} IS NULL AND {where} "
        f"UNION ALL {select} WHERE {end} > %({day})s AND {where}"
    )


def _constants() -> dict:
    draft = Lease.Status.DRAFT
    signed = f"status <> '{draft}'"
    active = f"{signed} AND starts_on <= %(d)s"
    return {
        "graduated": Enrollment.Outcome.GRADUATED,
        "discontinued": Enrollment.Outcome.DISCONTINUED,
        "closed": FollowUp.Status.CLOSED,
        "survived": ", ".join(
            f"'{s}'"
            for s in (FollowUp.Status.ACTIVE, FollowUp.Status.ACQUIRED, FollowUp.Status.MERGED)
        ),
        "gie": Grouping.Kind.GIE,
        "merger": Grouping.Kind.MERGER,
        "satisfied": int(SATISFIED),
        "incubation_ids": f"(SELECT id FROM programs_program WHERE kind = '{Program.Kind.INCUBATION}')",
        # The signed leases active on D (startup, space).
        "leases_d": _open_on(
            "SELECT startup_id, space_id FROM hosting_lease", active, "ends_on", "d"
        ),
        # Those active on D or on the day a year before: flagged for each day.
        "leases_d_b": _open_on(
            "SELECT startup_id, starts_on <= %(d)s AND (ends_on IS NULL OR ends_on > %(d)s), "
            "starts_on <= %(b)s FROM hosting_lease",
            active,
            "ends_on",
            "b",
        ),
        "jobs": _open_on(
            "SELECT SUM(direct_jobs) AS direct_jobs, SUM(indirect_jobs) AS indirect_jobs "
            "FROM startups_headcount",
            "counted_from <= %(d)s",
            "superseded_on",
            "d",
        ),
        "fates": _open_on(
            "SELECT status FROM startups_followup",
            "observed_on <= %(d)s AND exit_on IS NOT NULL "
            "AND (next_exit_on IS NULL OR next_exit_on > %(d)s)",
            "superseded_on",
            "d",
        ),
    }


ENROLLMENTS = """SELECT * FROM
    (SELECT
        (SELECT COUNT(*) FROM programs_startupsupport WHERE since <= %(d)s),
        (SELECT COUNT(*) FROM programs_startupsupport WHERE directly_since <= %(d)s)) supported,
    (SELECT COUNT(*) FILTER (WHERE outcome = '{graduated}'),
        COUNT(*) FILTER (WHERE outcome = '{discontinued}')
        FROM programs_enrollment WHERE outcome IN ('{graduated}', '{discontinued}')
        AND program_id IN {incubation_ids} AND ended_on <= %(d)s) ended,
    (SELECT COUNT(*) FROM (
        SELECT startup_id FROM programs_enrollment
            WHERE ended_on IS NULL AND started_on <= %(year_end)s
        UNION SELECT startup_id FROM programs_enrollment
            WHERE ended_on > %(year_start)s AND started_on <= %(year_end)s) spans) in_year"""

# The leases that may be active on D or a year before; the flags say on which day.
LEASES = "{leases_d_b}"

EXPORTS = """SELECT DISTINCT startup_id, country FROM startups_export
    WHERE year IN (%(last_year)s, %(year)s)
    AND startup_id IN (SELECT startup_id FROM ({leases_d}) leases)"""

AREAS = """SELECT SUM(s.area_m2), SUM(CASE WHEN s.id IN (
        SELECT space_id FROM ({leases_d}) leases) THEN s.area_m2 END)
    FROM network_space s JOIN network_site t ON t.id = s.site_id
    WHERE s.leasable AND t.opened_on <= %(d)s AND (t.closed_on IS NULL OR t.closed_on > %(d)s)"""

# Survival after exit: the startups graduated by D (since their first graduated incubation
# ended), and the latest follow-up on or before D of each, if it follows the startup's
# latest exit by D (an exit on or before it, none after it up to D).
SURVIVAL = """SELECT * FROM
    (SELECT COUNT(*) FROM programs_startupsupport WHERE exited_since <= %(d)s) graduates,
    (SELECT COUNT(*) FILTER (WHERE status IN ({survived})),
        COUNT(*) FILTER (WHERE status = '{closed}') FROM ({fates}) followed) fates"""

# Each supported startup's latest headcount on or before D.
JOBS = "SELECT SUM(direct_jobs), SUM(indirect_jobs) FROM ({jobs}) jobs"

RECORDS = """SELECT * FROM
    (SELECT COUNT(*) FILTER (WHERE kind = '{gie}'), COUNT(*) FILTER (WHERE kind = '{merger}')
        FROM startups_grouping WHERE formed_on <= %(d)s) groupings,
    (SELECT COUNT(*), COUNT(*) FILTER (WHERE score >= {satisfied}) FROM surveys_satisfactionanswer
        WHERE answered_on > %(b)s AND answered_on <= %(d)s) answers,
    (SELECT SUM(f.amount_mad) FROM startups_funding f WHERE f.obtained_on <= %(d)s
        AND EXISTS (SELECT 1 FROM programs_startupsupport s
                    WHERE s.startup_id = f.startup_id AND s.since <= %(d)s)) funding,
    (SELECT COUNT(*) FROM startups_patent p WHERE p.filed_on <= %(d)s AND (
        SELECT s.since FROM programs_startupsupport s WHERE s.startup_id = p.startup_id
        ) <= %(d)s) patents,
    (SELECT SUM(amount_mad) FROM network_sitebudget WHERE year = %(year)s) budgets,
    (SELECT COUNT(*) FILTER (WHERE opened_on <= %(d)s),
        COUNT(*) FILTER (WHERE opened_on IS NULL OR opened_on > %(d)s)
        FROM network_site WHERE closed_on IS NULL OR closed_on > %(d)s) sites"""


def network_kpis(as_of: dt.date, year_before: dt.date) -> dict:
    """Every figure of the network's bilan as of `as_of` (keys of `definitions.KEYS`)."""
    c = _constants()
    p = {
        "d": as_of,
        "b": year_before,
        "year": as_of.year,
        "last_year": as_of.year - 1,
        "year_start": dt.date(as_of.year, 1, 1),
        "year_end": dt.date(as_of.year, 12, 31),
    }
    k: dict = {}

    supported, direct, graduated, discontinued, in_year = _one(ENROLLMENTS.format(**c), p)
    k.update(
        startups_supported=supported,
        startups_supported_direct=direct,
        incubation_graduated=graduated,
        incubation_discontinued=discontinued,
        incubation_success_rate=_ratio(graduated, graduated + discontinued),
        incubation_mortality_rate=_ratio(discontinued, graduated + discontinued),
        startups_accompanied_in_year=in_year,
    )

    residents, before = set(), set()
    for startup, now, then in _all(LEASES.format(**c), p):
        if now:
            residents.add(startup)
        if then:
            before.add(startup)
    sold = _all(EXPORTS.format(**c), p)
    exporters = {startup for startup, _country in sold}
    continents = {continent_of(country) for _startup, country in sold} - {None}
    k.update(
        residents=len(residents),
        residents_year_before=len(before),
        renewal_leavers=len(before - residents),
        renewal_entrants=len(residents - before),
        renewal_rate=_ratio(len(before - residents), len(before)),
        exporters=len(exporters),
        export_share=_ratio(len(exporters), len(residents)),
        export_continents=len(continents),
    )

    leasable, leased = (_amount(v) for v in _one(AREAS.format(**c), p))
    k.update(
        leasable_area_m2=float(leasable),
        leased_area_m2=float(leased),
        occupancy_rate=_ratio(leased, leasable),
    )

    graduates, survived, closed = _one(SURVIVAL.format(**c), p)
    k.update(
        post_exit_survived=survived,
        post_exit_closed=closed,
        post_exit_unobserved=graduates - survived - closed,
        post_exit_survival_rate=_ratio(survived, survived + closed),
    )

    direct_jobs, indirect_jobs = _one(JOBS.format(**c), p)
    direct_jobs, indirect_jobs = int(direct_jobs or 0), int(indirect_jobs or 0)
    k.update(
        jobs_direct=direct_jobs,
        jobs_indirect=indirect_jobs,
        jobs_created=direct_jobs + indirect_jobs,
    )

    gie, merger, answers, satisfied, raised, patents, cost, operational, in_progress = _one(
        RECORDS.format(**c), p
    )
    cost = _amount(cost)
    k.update(
        patents_filed=patents,
        gie_count=gie,
        merger_count=merger,
        satisfaction_responses=answers,
        satisfied_responses=satisfied,
        satisfaction_rate=_ratio(satisfied, answers),
        funding_raised_mad=float(_amount(raised)),
        accompaniment_cost_mad=float(cost),
        cost_per_startup_mad=_ratio(cost, in_year),
        sites_operational=operational,
        sites_in_progress=in_progress,
    )
    return k

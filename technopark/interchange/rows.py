"""The rules of each table, row by row: references, cross-column rules, partner scope.

Each `check_<table>(run, v, line)` receives the typed values of one row (`v`, only the
columns present) and returns the `Record` to write, or None when the row has an error
(already added to the report). A row's key is registered in the run's index even when
the row is wrong, so its children are not reported a second time as unknown references.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from technopark.interchange.tables import table_label
from technopark.interchange.writers import Record

if TYPE_CHECKING:
    from technopark.interchange.importer import Run


def pack(*parts) -> int | None:
    """One integer for a key of primary keys (below 2**31), dates, years and 2-letter
    codes, or None when a part is anything else (then the key itself is kept)."""
    number = 0
    for part in parts:
        kind = type(part)
        if kind is int and 0 <= part < 1 << 31:
            number = number << 31 | part
        elif kind is dt.date:
            number = number << 22 | part.toordinal()
        elif kind is str and len(part) == 2 and part.isascii():
            number = number << 16 | ord(part[0]) << 8 | ord(part[1])
        else:
            return None
    return number


def _opt(v: dict, name: str, target: str | None = None, *, default=None) -> dict:
    """The field for an optional column: absent column = leave the record's value alone."""
    if name not in v:
        return {}
    value = v[name]
    return {target or name: default if value is None else value}


def _blank(v: dict, name: str) -> dict:
    return _opt(v, name, default="")


def _date_label(day) -> str:
    return day.isoformat() if day else "?"


def _partner_refuses(run: Run, table: str, line: int) -> bool:
    if run.partner is None:
        return False
    run.report.error(
        table,
        line,
        "",
        _("A partner upload cannot change the network's %(table)s: remove this table.")
        % {"table": table},
    )
    return True


def check_sites(run: Run, v: dict, line: int) -> Record | None:
    code = v.get("code")
    if code is not None and not run.claim("sites", (code,), line, "code"):
        return None
    if code is not None:
        run.index.sites.setdefault(code, None)
    ok = not _partner_refuses(run, "sites", line)
    opened, closed = v.get("opened_on"), v.get("closed_on")
    if closed is not None and opened is None and "opened_on" in v:
        ok = run.fail("sites", line, "closed_on", _("A closed site needs its opening date."))
    elif closed is not None and opened is not None and closed <= opened:
        ok = run.fail(
            "sites", line, "closed_on", _("The closing date must be after the opening date.")
        )
    fields = {"name": v.get("name"), "city": v.get("city"), "region_id": v.get("region")}
    if "operator" in v:
        fields["operator_id"] = run.operator_pk(v["operator"]) if v["operator"] else None
    fields |= _opt(v, "opened_on") | _opt(v, "closed_on") | _blank(v, "planned_opening")
    if not ok or code is None:
        return None
    return Record(line, code, (code,), fields)


def check_spaces(run: Run, v: dict, line: int) -> Record | None:
    site, code = v.get("site"), v.get("code")
    ok = not _partner_refuses(run, "spaces", line)
    site_pk = run.site(site, "spaces", line, "site") if site else None
    if site and code and not run.claim("spaces", (site, code), line, "code"):
        return None
    if site and code:
        slot = run.index.spaces.setdefault((site, code), [None, False])
        if v.get("leasable") is not None:
            slot[1] = v["leasable"]
    area = v.get("area_m2")
    if area is not None and area <= 0:
        ok = run.fail("spaces", line, "area_m2", _("The area must be greater than 0 m²."))
    seats = v.get("seats")
    if seats is not None and seats < 0:
        ok = run.fail("spaces", line, "seats", _("Seats cannot be negative."))
    if not ok or site_pk is False or not code:
        return None
    fields = {"kind": v["kind"], "area_m2": area, "leasable": v["leasable"]}
    fields |= _opt(v, "seats", default=0)
    return Record(line, f"{site} / {code}", (site_pk, code), fields, extra=(site, code))


def check_startups(run: Run, v: dict, line: int) -> Record | None:
    ref = v.get("id")
    if ref is None:
        return None
    if not run.claim("startups", (ref,), line, "id"):
        return None
    run.index.startups.setdefault(ref, None)
    ok = run.partner_allows(ref, "startups", line, "id")
    ice = v.get("ice")
    if ice is not None:
        ok = run.check_ice(ice, ref, line) and ok
    if not ok:
        return None
    fields = {"name": v["name"]}
    fields |= _blank(v, "legal_form") | _opt(v, "ice") | _opt(v, "founded_on")
    fields |= _blank(v, "sector") | _blank(v, "city") | _opt(v, "region", "region_id")
    fields |= _blank(v, "email") | _blank(v, "website") | _opt(v, "public", default=False)
    return Record(line, ref, (ref,), fields)


def check_programs(run: Run, v: dict, line: int) -> Record | None:
    code = v.get("code")
    if code is None or not run.claim("programs", (code,), line, "code"):
        return None
    ok = True
    operator = v.get("operator")
    if run.partner is not None:
        if not run.is_partner_name(operator):
            ok = run.fail(
                "programs",
                line,
                "operator",
                _("A partner upload only holds programs of %(operator)s.")
                % {"operator": run.partner.name},
            )
        elif run.index.programs.get(code, [None, run.partner.pk])[1] != run.partner.pk:
            ok = run.fail(
                "programs",
                line,
                "code",
                _("The program %(code)s belongs to another operator.") % {"code": code},
            )
    slot = run.index.programs.setdefault(code, [None, None])
    fields = {"name": v.get("name"), "kind": v.get("kind"), "direct": v.get("direct")}
    if "operator" in v:
        fields["operator_id"] = run.operator_pk(operator) if operator else None
        slot[1] = fields["operator_id"]
    if not ok:
        return None
    return Record(line, code, (code,), fields)


def check_enrollments(run: Run, v: dict, line: int) -> Record | None:
    ref, program, started = v.get("startup"), v.get("program"), v.get("started_on")
    ok = True
    startup_pk = run.startup(ref, "enrollments", line) if ref else False
    program_pk = run.program(program, "enrollments", line) if program else False
    if ref and program and started:
        packed = pack(startup_pk, program_pk, started) if startup_pk and program_pk else None
        ok = run.claim("enrollments", (ref, program, started), line, "started_on", packed)
    site_pk = run.site(v.get("site"), "enrollments", line, "site") if v.get("site") else False
    if (
        ref
        and startup_pk is not False
        and not run.partner_allows(ref, "enrollments", line, "startup")
    ):
        ok = False
    partner_program = run.partner is None or not program or run.is_partner_program(program)
    if program_pk is not False and not partner_program:
        ok = run.fail(
            "enrollments",
            line,
            "program",
            _("%(code)s is not a program of %(operator)s.")
            % {"code": program, "operator": run.partner.name},
        )
    ended, outcome = v.get("ended_on"), v.get("outcome")
    if ended is not None and started is not None and ended <= started:
        ok = run.fail("enrollments", line, "ended_on", _("The end must be after the start."))
    if (ended is None) != (outcome is None) and "ended_on" in v and "outcome" in v:
        if ended is None:
            message = _("An enrollment with an outcome needs its end date (ended_on).")
            column = "ended_on"
        else:
            message = _("An ended enrollment needs its outcome: graduated or discontinued.")
            column = "outcome"
        ok = run.fail("enrollments", line, column, message)
    if not ok or False in (startup_pk, program_pk, site_pk) or not started:
        return None
    fields = {"site_id": site_pk, "ended_on": ended, "outcome": outcome or ""}
    label = f"{ref} / {program} / {_date_label(started)}"
    return Record(line, label, (startup_pk, program_pk, started), fields)


def check_leases(run: Run, v: dict, line: int) -> Record | None:
    site, space, starts = v.get("site"), v.get("space"), v.get("starts_on")
    ok = True
    site_pk = run.site(site, "leases", line, "site") if site else False
    space_pk = run.space(site, space, line) if site and space and site_pk is not False else False
    if site and space and starts:
        packed = pack(space_pk, starts) if space_pk else None
        ok = run.claim("leases", (site, space, starts), line, "starts_on", packed)
    if site_pk is not False and not run.partner_runs_site(site, "leases", line):
        ok = False
    ref = v.get("startup")
    startup_pk = run.startup(ref, "leases", line) if ref else False
    if ref and startup_pk is not False and not run.partner_allows(ref, "leases", line, "startup"):
        ok = False
    ends = v.get("ends_on")
    if ends is not None and starts is not None and ends <= starts:
        ok = run.fail("leases", line, "ends_on", _("The space is handed back after the start."))
    planned = v.get("planned_end")
    if planned is not None and starts is not None and planned <= starts:
        ok = run.fail("leases", line, "planned_end", _("The planned end must be after the start."))
    rent = v.get("monthly_rent_mad")
    if rent is not None and rent < 0:
        ok = run.fail("leases", line, "monthly_rent_mad", _("The rent cannot be negative."))
    if not ok or False in (site_pk, space_pk, startup_pk) or not starts:
        return None
    fields = {"site_id": site_pk, "startup_id": startup_pk, "ends_on": ends}
    fields |= _opt(v, "planned_end") | _opt(v, "monthly_rent_mad")
    label = f"{site} / {space} / {_date_label(starts)}"
    return Record(line, label, (space_pk, starts), fields, extra=(site, space, ref))


def _startup_record(
    run: Run, table: str, v: dict, line: int, key_names: tuple[str, ...]
) -> tuple[bool, int | None]:
    """Shared start of the tables about one startup: duplicate key, reference, scope."""
    ref = v.get("startup")
    ok = True
    key = tuple(map(v.get, key_names))
    pk = run.startup(ref, table, line) if ref else False
    if None not in key:
        packed = pack(pk, *key[1:]) if pk else None
        ok = run.claim(table, key, line, key_names[-1], packed)
    if ref and pk is not False and not run.partner_allows(ref, table, line, "startup"):
        ok = False
    return ok and pk is not False and None not in key, pk


def check_followups(run: Run, v: dict, line: int) -> Record | None:
    ok, pk = _startup_record(run, "followups", v, line, ("startup", "observed_on"))
    if not ok:
        return None
    label = f"{v['startup']} / {_date_label(v['observed_on'])}"
    return Record(line, label, (pk, v["observed_on"]), {"status": v["status"]})


def check_headcounts(run: Run, v: dict, line: int) -> Record | None:
    ok, pk = _startup_record(run, "headcounts", v, line, ("startup", "as_of"))
    for name in ("direct_jobs", "indirect_jobs"):
        if (v.get(name) or 0) < 0:
            ok = run.fail("headcounts", line, name, _("A number of jobs cannot be negative."))
    if not ok:
        return None
    fields = {"direct_jobs": v["direct_jobs"]} | _opt(v, "indirect_jobs", default=0)
    label = f"{v['startup']} / {_date_label(v['as_of'])}"
    return Record(line, label, (pk, v["as_of"]), fields)


def check_exports(run: Run, v: dict, line: int) -> Record | None:
    ok, pk = _startup_record(run, "exports", v, line, ("startup", "year", "country"))
    if (v.get("amount_mad") or 0) < 0:
        ok = run.fail("exports", line, "amount_mad", _("An amount cannot be negative."))
    if not ok:
        return None
    label = f"{v['startup']} / {v['year']} / {v['country']}"
    return Record(line, label, (pk, v["year"], v["country"]), _opt(v, "amount_mad"))


def check_patents(run: Run, v: dict, line: int) -> Record | None:
    ok, pk = _startup_record(run, "patents", v, line, ("startup", "filed_on", "title"))
    if not ok:
        return None
    fields = _opt(v, "office", default="OMPIC") | _blank(v, "reference")
    label = f"{v['startup']} / {_date_label(v['filed_on'])} / {v['title']}"
    return Record(line, label, (pk, v["filed_on"], v["title"]), fields)


def check_groupings(run: Run, v: dict, line: int) -> Record | None:
    code = v.get("code")
    ok = True
    if code is not None:
        ok = run.claim("groupings", (code,), line, "code") and run.partner_owns_grouping(code, line)
    members = v.get("members") or []
    pks = []
    if "members" in v and members:
        doubled = sorted({m for m in members if members.count(m) > 1})
        if doubled:
            ok = run.fail(
                "groupings",
                line,
                "members",
                _("%(refs)s is listed twice among the members.") % {"refs": ", ".join(doubled)},
            )
        if len(set(members)) < 2:
            ok = run.fail(
                "groupings", line, "members", _("A grouping has at least two member startups.")
            )
        for ref in dict.fromkeys(members):
            pk = run.startup(ref, "groupings", line, column="members")
            if pk is False or not run.partner_allows(ref, "groupings", line, "members"):
                ok = False
            pks.append(pk)
    if not ok or code is None or not members:
        return None
    fields = {"kind": v["kind"], "name": v["name"], "formed_on": v["formed_on"]}
    return Record(line, code, (code,), fields, extra=pks)


def check_satisfaction(run: Run, v: dict, line: int) -> Record | None:
    ok, pk = _startup_record(run, "satisfaction", v, line, ("startup", "answered_on"))
    score = v.get("score")
    if score is not None and not 1 <= score <= 5:
        ok = run.fail("satisfaction", line, "score", _("The score is a whole number from 1 to 5."))
    if not ok:
        return None
    fields = {"score": score} | _blank(v, "comment")
    label = f"{v['startup']} / {_date_label(v['answered_on'])}"
    return Record(line, label, (pk, v["answered_on"]), fields)


def check_budgets(run: Run, v: dict, line: int) -> Record | None:
    site, year = v.get("site"), v.get("year")
    ok = not _partner_refuses(run, "budgets", line)
    if site and year:
        ok = run.claim("budgets", (site, year), line, "year") and ok
    site_pk = run.site(site, "budgets", line, "site") if site else False
    if (v.get("amount_mad") or 0) < 0:
        ok = run.fail("budgets", line, "amount_mad", _("An amount cannot be negative."))
    if not ok or site_pk is False or not year:
        return None
    return Record(line, f"{site} / {year}", (site_pk, year), {"amount_mad": v["amount_mad"]})


def check_fundings(run: Run, v: dict, line: int) -> Record | None:
    key = ("startup", "obtained_on", "source")
    ok, pk = _startup_record(run, "fundings", v, line, key)
    amount = v.get("amount_mad")
    if amount is not None and amount <= 0:
        ok = run.fail("fundings", line, "amount_mad", _("The amount must be greater than 0."))
    if not ok:
        return None
    fields = {"amount_mad": amount} | _blank(v, "kind")
    label = f"{v['startup']} / {_date_label(v['obtained_on'])} / {v['source']}"
    return Record(line, label, (pk, v["obtained_on"], v["source"]), fields)


CHECKS = {
    "sites": check_sites,
    "spaces": check_spaces,
    "startups": check_startups,
    "programs": check_programs,
    "enrollments": check_enrollments,
    "leases": check_leases,
    "followups": check_followups,
    "headcounts": check_headcounts,
    "exports": check_exports,
    "patents": check_patents,
    "groupings": check_groupings,
    "satisfaction": check_satisfaction,
    "budgets": check_budgets,
    "fundings": check_fundings,
}


# --- History: records kept before the platform ----------------------------------------------


def check_historical_invoices(run: Run, v: dict, line: int) -> Record | None:
    """An invoice issued before the platform, with its own number as printed: refused when
    the site already has that number (in the file or in the database), when what was paid
    exceeds the total, or when its status says otherwise than its amounts."""
    table = "historical_invoices"
    site, number, ref = v.get("site"), v.get("number"), v.get("startup")
    ok = True
    site_pk = run.site(site, table, line, "site") if site else False
    if site and number:
        ok = run.claim(table, (site, number), line, "number")
        if ok and site_pk and (site_pk, number) in run.historical_numbers():
            ok = run.fail(
                table,
                line,
                "number",
                _(
                    "The invoice %(number)s of %(site)s was already brought in: a document "
                    "kept is never replaced."
                )
                % {"number": number, "site": site},
            )
    if site_pk is not False and site and run.partner is not None and site not in run.partner_sites:
        ok = run.fail(
            table,
            line,
            "site",
            _(
                "%(site)s is not a site run by %(operator)s: a partner upload only holds the "
                "invoices of its own sites."
            )
            % {"site": site, "operator": run.partner.name},
        )
    startup_pk = run.startup(ref, table, line) if ref else False
    if ref and startup_pk is not False and not run.partner_allows(ref, table, line, "startup"):
        ok = False
    issued, due = v.get("issued_on"), v.get("due_on") or v.get("issued_on")
    if issued is not None and due is not None and due < issued:
        ok = run.fail(table, line, "due_on", _("The due date cannot be before the issue date."))
    total, paid, status = v.get("total_mad"), v.get("paid_mad"), v.get("status")
    if total is not None and total < 0:
        ok = run.fail(table, line, "total_mad", _("An amount cannot be negative."))
    if paid is None and total is not None:
        paid = {"paid": total, "partly_paid": None}.get(status or "unpaid", 0)
        if paid is None:
            ok = run.fail(
                table, line, "paid_mad", _("A partly paid invoice needs the amount paid.")
            )
    if paid is not None and paid < 0:
        ok = run.fail(table, line, "paid_mad", _("An amount cannot be negative."))
    elif paid is not None and total is not None and paid > total:
        ok = run.fail(
            table, line, "paid_mad", _("What was paid cannot exceed the invoice's total.")
        )
    elif paid is not None and total is not None:
        owed = "paid" if paid == total else ("unpaid" if paid == 0 else "partly_paid")
        if status is None:
            status = owed
        elif status != "cancelled" and status != owed:
            ok = run.fail(
                table,
                line,
                "status",
                _(
                    "The status says %(status)s but %(paid)s MAD of %(total)s MAD were "
                    "paid: correct one or the other."
                )
                % {"status": _status_label(status), "paid": paid, "total": total},
            )
    if not ok or False in (site_pk, startup_pk) or None in (number, issued, total):
        return None
    fields = {
        "startup_id": startup_pk,
        "issued_on": issued,
        "due_on": due,
        "total_mad": total,
        "paid_mad": paid,
        "paid_on": v.get("paid_on"),
        "status": status,
    }
    return Record(line, f"{site} / {number}", (site_pk, number), fields)


def _status_label(code: str) -> str:
    """An invoice's status in the reader's language (« Payée »), not its code."""
    from technopark.billing.models import HistoricalInvoice

    return str(HistoricalInvoice.Status(code).label)


CHECKS["historical_invoices"] = check_historical_invoices


# --- History: events, applications and desk visits before the platform ----------------------


def _before_today(run: Run, table: str, line: int, column: str, day) -> bool:
    """History is what happened before today."""
    from django.utils import timezone

    if day is None or day < timezone.localdate():
        return True
    return run.fail(
        table,
        line,
        column,
        _("History is what happened before today: %(day)s is not past yet.")
        % {"day": day.strftime("%d/%m/%Y")},
    )


def _partner_history(run: Run, table: str, line: int) -> bool:
    if run.partner is None:
        return True
    run.report.error(
        table,
        line,
        "",
        _("A partner upload cannot bring in the network's %(table)s: remove this sheet.")
        % {"table": table_label(table)},
    )
    return False


def _events_index(run: Run, name: str) -> dict:
    """The events the database holds by (site pk, title, day), loaded once per table."""
    from technopark.community.services import history_events_index

    cache = run.history_cache
    if name not in cache:
        cache[name] = history_events_index(set(filter(None, run.index.sites.values())))
    return cache[name]


def check_past_events(run: Run, v: dict, line: int) -> Record | None:
    """An event held before the platform: past, at a known site, not already kept."""
    from technopark.community.services import history_event_key

    table = "past_events"
    site, title, starts = v.get("site"), v.get("title"), v.get("starts_on")
    ok = _partner_history(run, table, line)
    site_pk = run.site(site, table, line, "site") if site else False
    if site and title and starts:
        ok = run.claim(table, (site, title.casefold(), starts), line, "title") and ok
        if (
            ok
            and site_pk
            and history_event_key(site_pk, title, starts) in _events_index(run, "events_before")
        ):
            ok = run.fail(
                table,
                line,
                "title",
                _("The event “%(title)s” of %(day)s at %(site)s is already on the platform.")
                % {"title": title, "day": starts.strftime("%d/%m/%Y"), "site": site},
            )
    ok = _before_today(run, table, line, "starts_on", starts) and ok
    ends = v.get("ends_on")
    if ends is not None and starts is not None and ends < starts:
        ok = run.fail(table, line, "ends_on", _("The last day cannot be before the first."))
    if (v.get("capacity") or 1) < 1:
        ok = run.fail(table, line, "capacity", _("The capacity is at least one seat."))
    if not ok or site_pk is False or None in (title, starts):
        return None
    fields = {
        "ends_on": ends,
        "kind": v.get("kind"),
        "capacity": v.get("capacity"),
        "location": v.get("location"),
    }
    return Record(
        line, f"{site} / {title} / {_date_label(starts)}", (site_pk, title, starts), fields
    )


def check_event_attendance(run: Run, v: dict, line: int) -> Record | None:
    """Someone registered to an event before the platform (or who came): the event of the
    events sheet or of the platform, or made from these rows; one row per person and event."""
    from technopark.community.models import Registration
    from technopark.community.services import history_event_key

    table = "event_attendance"
    site, title, day, email = v.get("site"), v.get("event"), v.get("event_on"), v.get("email")
    ok = _partner_history(run, table, line)
    site_pk = run.site(site, table, line, "site") if site else False
    ok = _before_today(run, table, line, "event_on", day) and ok
    if site and title and day and email:
        email = email.lower()
        ok = run.claim(table, (site, title.casefold(), day, email), line, "email") and ok
        event_pk = site_pk and _events_index(run, "events_now").get(
            history_event_key(site_pk, title, day)
        )
        if ok and event_pk:
            people = run.history_cache.setdefault("registered", {})
            if event_pk not in people:
                people[event_pk] = {
                    (guest or user or "").lower()
                    for guest, user in Registration.objects.filter(event_id=event_pk).values_list(
                        "guest_email", "user__email"
                    )
                }
            if email in people[event_pk]:
                ok = run.fail(
                    table,
                    line,
                    "email",
                    _("%(email)s is already registered to “%(title)s” of %(day)s.")
                    % {"email": email, "title": title, "day": day.strftime("%d/%m/%Y")},
                )
    if not ok or site_pk is False or None in (title, day, email):
        return None
    fields = {
        "name": v.get("name"),
        "startup": v.get("startup"),
        "attendance": v.get("attendance"),
        "kind": v.get("kind"),
    }
    label = f"{site} / {title} / {_date_label(day)} / {email}"
    return Record(line, label, (site_pk, title, day, email), fields)


def check_past_applications(run: Run, v: dict, line: int) -> Record | None:
    """An application before the platform and its decision, in a call named by its title or
    its year; its applicant is the account of the e-mail given, else the startup's founder."""
    from django.utils import timezone

    from technopark.programs.models import Application, Program
    from technopark.programs.services.history import (
        YEAR,
        history_applicant,
        history_call_title,
    )

    table = "past_applications"
    ref, program, call = v.get("startup"), v.get("program"), v.get("call")
    ok = True
    startup_pk = run.startup(ref, table, line) if ref else False
    program_pk = run.program(program, table, line) if program else False
    site_pk = run.site(v.get("site"), table, line, "site") if v.get("site") else False
    if ref and startup_pk is not False and not run.partner_allows(ref, table, line, "startup"):
        ok = False
    if program_pk is not False and run.partner is not None and not run.is_partner_program(program):
        ok = run.fail(
            table,
            line,
            "program",
            _("%(code)s is not a program of %(operator)s.")
            % {"code": program, "operator": run.partner.name},
        )
    if ref and program and call:
        ok = run.claim(table, (ref, program, call.casefold()), line, "call") and ok
    sent, decided = v.get("submitted_on"), v.get("decided_on")
    ok = _before_today(run, table, line, "submitted_on", sent) and ok
    ok = _before_today(run, table, line, "decided_on", decided) and ok
    if sent and decided and decided < sent:
        ok = run.fail(
            table, line, "decided_on", _("The decision cannot come before the application.")
        )
    if call and YEAR.match(call) and int(call) > timezone.localdate().year:
        ok = run.fail(table, line, "call", _("This year is not past yet."))
    elif call and not YEAR.match(call) and not (sent or decided):
        ok = run.fail(
            table,
            line,
            "submitted_on",
            _(
                "Give the day the application was sent or decided, or write the call's year "
                "instead of its title."
            ),
        )
    applicant = None
    if ok and startup_pk and program_pk:
        email = v.get("email")
        applicant = history_applicant(startup_id=startup_pk, email=email)
        if applicant is None and email:
            ok = run.fail(
                table,
                line,
                "email",
                _(
                    "No account has the address %(email)s: add this person to the founders "
                    "sheet, or leave the cell empty for the startup's founder."
                )
                % {"email": email},
            )
        elif applicant is None:
            ok = run.fail(
                table,
                line,
                "startup",
                _(
                    "%(ref)s has nobody on the platform to stand as the applicant: bring its "
                    "founders in (a founders sheet), or give the applicant's e-mail."
                )
                % {"ref": ref},
            )
        if ok and call:
            name = Program.objects.filter(pk=program_pk).values_list("name", flat=True).first()
            title = history_call_title(call, name or "")
            if Application.objects.filter(
                startup_id=startup_pk, call__program_id=program_pk, call__title__iexact=title
            ).exists():
                ok = run.fail(
                    table,
                    line,
                    "call",
                    _("%(ref)s already applied to the call “%(call)s”: it is kept as it is.")
                    % {"ref": ref, "call": title},
                )
    if not ok or False in (startup_pk, program_pk, site_pk) or not call or not v.get("decision"):
        return None
    fields = {
        "site_id": site_pk,
        "decision": v["decision"],
        "submitted_on": sent,
        "decided_on": decided,
        "reasons": v.get("reasons"),
        "applicant_id": applicant,
    }
    return Record(line, f"{ref} / {program} / {call}", (startup_pk, program_pk, call), fields)


def _desks(run: Run, site_pk: int) -> list[tuple[int, set[str], str]]:
    """A site's desks: (pk, the words that name it, its label)."""
    from technopark.desk.models import Desk
    from technopark.interchange.vocabulary import norm

    cache = run.history_cache.setdefault("desks", {})
    if site_pk not in cache:
        found = []
        for pk, code, partner, kind, *names in Desk.objects.filter(site_id=site_pk).values_list(
            "pk", "code", "partner", "kind", "name", "name_ar", "name_en"
        ):
            words = {norm(w) for w in (code, partner, kind, *names) if w}
            found.append((pk, words, partner))
        cache[site_pk] = found
    return cache[site_pk]


def _desk(run: Run, site: str, site_pk: int, value: str, line: int):
    """The desk of the site the cell names (its code, partner, kind or name), or False."""
    from technopark.interchange.vocabulary import norm

    desks = _desks(run, site_pk)
    wanted = norm(value)
    found = [pk for pk, words, _l in desks if wanted in words]
    if not found:
        tokens = set(wanted.split())
        found = [pk for pk, words, _l in desks if words & tokens]
    if len(found) == 1:
        return found[0]
    names = ", ".join(sorted({label for _pk, _w, label in desks})) or "—"
    return run.fail(
        "desk_visits",
        line,
        "desk",
        _("%(site)s has no desk “%(desk)s”: its desks are %(desks)s.")
        % {"site": site, "desk": value, "desks": names}
        if not found
        else _("“%(desk)s” names several desks of %(site)s: write its code.")
        % {"site": site, "desk": value},
    )


def check_desk_visits(run: Run, v: dict, line: int) -> Record | None:
    """A startup's visit to a partner's desk before the platform: a past day, a desk of the
    site, one row per desk, startup and day."""
    import datetime as dt_

    from django.utils import timezone

    from technopark.desk.models import WalkIn

    table = "desk_visits"
    site, desk, ref, day = v.get("site"), v.get("desk"), v.get("startup"), v.get("visited_on")
    ok = _partner_history(run, table, line)
    site_pk = run.site(site, table, line, "site") if site else False
    desk_pk = _desk(run, site, site_pk, desk, line) if site_pk and desk else False
    startup_pk = run.startup(ref, table, line) if ref else False
    ok = _before_today(run, table, line, "visited_on", day) and ok
    if desk_pk and ref and day:
        ok = run.claim(table, (desk_pk, ref, day), line, "visited_on") and ok
        zone = timezone.get_default_timezone()
        start = timezone.make_aware(dt_.datetime.combine(day, dt_.time()), zone)
        if (
            ok
            and startup_pk
            and WalkIn.objects.filter(
                desk_id=desk_pk,
                startup_id=startup_pk,
                at__gte=start,
                at__lt=start + dt_.timedelta(days=1),
            ).exists()
        ):
            ok = run.fail(
                table,
                line,
                "visited_on",
                _("This visit of %(ref)s on %(day)s is already on the platform.")
                % {"ref": ref, "day": day.strftime("%d/%m/%Y")},
            )
    if not ok or False in (site_pk, desk_pk, startup_pk) or day is None:
        return None
    fields = {k: v.get(k) for k in ("visitor", "subject", "outcome")}
    label = f"{site} / {desk} / {ref} / {_date_label(day)}"
    return Record(line, label, (desk_pk, startup_pk, day), fields)


CHECKS["past_events"] = check_past_events
CHECKS["event_attendance"] = check_event_attendance
CHECKS["past_applications"] = check_past_applications
CHECKS["desk_visits"] = check_desk_visits

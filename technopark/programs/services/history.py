"""Applications to a program before the platform, and the committee's decisions on them.

Brought in from a park's workbooks by the import (interchange/importer.py), all or
nothing with the rest of the file, as the history they are: the decision is kept as it
was taken, without the reviews the platform now asks before a decision, without a letter
or an e-mail to anyone, and without an enrollment (the enrollments sheet says who was
accompanied, and the bilan counts those). The call is the one of the program at the site
with that title, made (closed, its dates those of its applications) when there is none.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.audit import acts_for_by
from technopark.core.bulk import Counts, Record
from technopark.core.errors import Conflict
from technopark.programs.models import Application, Call, Program
from technopark.startups.models import Membership, Startup

YEAR = re.compile(r"^(19|20)\d\d$")


def history_call_title(call: str, program_name: str) -> str:
    """The call's title: as written, or "<program> <year>" when only its year is given."""
    return f"{program_name} {call}" if YEAR.match(call) else call


def history_applicant(*, startup_id: int, email: str | None) -> int | None:
    """Who applied: the account of `email`, else the startup's first founder (else its first
    member) on the platform; None when there is nobody."""
    from technopark.accounts.models import User

    if email:
        return (
            User.objects.annotate(address=Lower("email"))
            .filter(address=email.lower())
            .values_list("pk", flat=True)
            .first()
        )
    return (
        Membership.objects.filter(startup_id=startup_id)
        .order_by("-is_founder", "joined_at", "pk")
        .values_list("user_id", flat=True)
        .first()
    )


def _day(value: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(value, dt.time(9, 0)))


@transaction.atomic
@acts_for_by
def applications_history_import(
    *, records: list[Record], counts: Counts, empty: bool, by=None
) -> list[int]:
    """Create the applications before the platform of validated rows, keyed by (startup pk,
    program pk, call as written) with their fields (site_id, decision, submitted_on,
    decided_on, reasons, applicant_id). A startup that already applied to that call is
    refused (`history_application_exists`)."""
    if not records:
        return []
    programs = dict(
        Program.objects.filter(pk__in={r.key[1] for r in records}).values_list("pk", "name")
    )
    startups = {
        s.pk: s
        for s in Startup.objects.filter(pk__in={r.key[0] for r in records}).only(
            "pk", "name", "sector", "city", "region_id"
        )
    }
    # The days each call's applications were sent or decided: a new call spans them.
    spans: dict[tuple[int, int, str], list[dt.date]] = {}
    for r in records:
        title = history_call_title(r.key[2], programs[r.key[1]])
        days = [d for d in (r.fields["submitted_on"], r.fields["decided_on"]) if d]
        if YEAR.match(r.key[2]):
            year = int(r.key[2])
            days += [
                dt.date(year, 1, 1),
                min(dt.date(year, 12, 31), timezone.localdate() - dt.timedelta(days=1)),
            ]
        spans.setdefault((r.key[1], r.fields["site_id"], title), []).extend(days)
    calls: dict[tuple[int, int, str], int] = {}
    for (program_id, site_id, title), days in spans.items():
        found = (
            Call.objects.filter(program_id=program_id, site_id=site_id, title__iexact=title)
            .values_list("pk", flat=True)
            .first()
        )
        if found is None:
            opens, closes = min(days), max(days)
            found = Call.objects.create(
                program_id=program_id,
                site_id=site_id,
                title=title,
                opens_on=opens,
                closes_on=closes,
                published_at=_day(opens),
                created_by=by,
            ).pk
        calls[(program_id, site_id, title)] = found
    call_of = {
        id(r): calls[
            (r.key[1], r.fields["site_id"], history_call_title(r.key[2], programs[r.key[1]]))
        ]
        for r in records
    }
    taken = set(
        Application.objects.filter(call_id__in=set(call_of.values())).values_list(
            "call_id", "startup_id"
        )
    )
    rows = []
    for r in records:
        call_id = call_of[id(r)]
        if (call_id, r.key[0]) in taken:
            raise Conflict(
                _("%(startup)s already applied to the call “%(call)s”: it is kept as it is.")
                % {"startup": startups[r.key[0]].name, "call": r.key[2]},
                code="history_application_exists",
            )
        taken.add((call_id, r.key[0]))
        startup = startups[r.key[0]]
        sent = r.fields["submitted_on"] or r.fields["decided_on"]
        decision = r.fields["decision"]
        rows.append(
            Application(
                call_id=call_id,
                applicant_id=r.fields["applicant_id"],
                status=decision,
                project_name=startup.name,
                sector=startup.sector,
                city=startup.city,
                region_id=startup.region_id,
                startup_id=startup.pk,
                submitted_at=_day(sent) if sent else None,
                decided_on=(
                    r.fields["decided_on"] if decision != Application.Status.WITHDRAWN else None
                ),
                decision_reasons=r.fields["reasons"] or "",
            )
        )
    created = Application.objects.bulk_create(rows, batch_size=500)
    for r in records:
        counts.add_created(r.label)
    return [a.pk for a in created]

"""The records each figure counts: which startups, which leases, which answers.

`drilldown(key, as_of=..., site=..., operator=..., startups=...)` starts from the same scopes
as the engine (`engine.Scope`), so a list always has the records behind its figure. A list
for a user is narrowed by `startups` (the startups whose records they may read).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from technopark.impact.continents import continent_of
from technopark.impact.definitions import FIGURE_BY_KEY, Figure
from technopark.impact.engine import (
    DISCONTINUED,
    GRADUATED,
    INCUBATION,
    SURVIVED,
    Scope,
    resolve_scope,
    sites_in_scope,
)
from technopark.network.models import Site, in_progress_q, operational_q
from technopark.startups.models import Funding, Patent, Startup
from technopark.surveys.models import satisfied_q

MAX_ROWS = 500


@dataclass(frozen=True)
class Link:
    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Drill:
    figure: Figure
    columns: list
    rows: list[list] = field(default_factory=list)
    total: int = 0

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def _startup(s: Startup) -> Link:
    return Link(f"{s.name} ({s.ref})", reverse("startups:detail", args=[s.ref]))


def _only(qs: QuerySet, startups: QuerySet | None, q: str, field_: str = "startup") -> QuerySet:
    if startups is not None:
        qs = qs.filter(**{f"{field_}_id__in" if field_ else "pk__in": startups.values("pk")})
    if q:
        prefix = f"{field_}__" if field_ else ""
        qs = qs.filter(Q(**{f"{prefix}name__icontains": q}) | Q(**{f"{prefix}ref__icontains": q}))
    return qs


# --- one function per kind of record; each returns (columns, queryset or list, row) -------


def _supported(scope: Scope, key: str, startups, q):
    ids = scope.enrollments().filter(started_on__lte=scope.as_of)
    if key == "startups_supported_direct":
        ids = ids.filter(program__direct=True)
    qs = Startup.objects.filter(pk__in=ids.values("startup_id")).annotate(
        first=Min("enrollments__started_on")
    )
    qs = _only(qs, startups, q, "").order_by("name")
    columns = [_("Startup"), _("Sector"), _("City"), _("First enrollment")]
    return columns, qs, lambda s: [_startup(s), s.sector, s.city, s.first]


def _leases(scope: Scope, key: str, startups, q):
    day = scope.day_before if key == "residents_year_before" else scope.as_of
    qs = scope.leases_on(day).select_related("startup", "site", "space")
    qs = _only(qs, startups, q).order_by("site__code", "space__code")
    columns = [_("Startup"), _("Site"), _("Space"), _("Area (m²)"), _("Starts on"), _("Ends on")]
    return (
        columns,
        qs,
        lambda lease: [
            _startup(lease.startup),
            lease.site.code,
            lease.space.code,
            lease.space.area_m2,
            lease.starts_on,
            lease.ends_on,
        ],
    )


def _spaces(scope: Scope, key: str, startups, q):
    qs = scope.spaces().select_related("site").order_by("site__code", "code")
    qs = qs.annotate(leased=Exists(scope.leases_on(scope.as_of).filter(space=OuterRef("pk"))))
    if key == "leased_area_m2":
        qs = qs.filter(leased=True)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(site__code__icontains=q))
    columns = [_("Site"), _("Space"), _("Kind"), _("Floor"), _("Area (m²)"), _("Leased on D")]
    return (
        columns,
        qs,
        lambda s: [
            s.site.code,
            s.code,
            s.get_kind_display(),
            s.floor,
            s.area_m2,
            _("yes") if s.leased else _("no"),
        ],
    )


def _renewal(scope: Scope, key: str, startups, q):
    now = set(scope.leases_on(scope.as_of).values_list("startup_id", flat=True))
    before = set(scope.leases_on(scope.day_before).values_list("startup_id", flat=True))
    ids = before - now if key in ("renewal_leavers", "renewal_rate") else now - before
    qs = _only(Startup.objects.filter(pk__in=ids), startups, q, "").order_by("name")
    columns = [_("Startup"), _("Sector"), _("City")]
    return columns, qs, lambda s: [_startup(s), s.sector, s.city]


def _enrollments(scope: Scope, key: str, startups, q):
    if key in ("startups_accompanied_in_year", "cost_per_startup_mad"):
        qs = scope.enrollments().filter(scope.year_q())
    else:
        outcomes = {"incubation_graduated": [GRADUATED], "incubation_discontinued": [DISCONTINUED]}
        qs = scope.enrollments().filter(
            program__kind=INCUBATION,
            ended_on__lte=scope.as_of,
            outcome__in=outcomes.get(key, [GRADUATED, DISCONTINUED]),
        )
    qs = _only(qs.select_related("startup", "program", "site"), startups, q)
    columns = [_("Startup"), _("Program"), _("Site"), _("Started on"), _("Ended on"), _("Outcome")]
    return (
        columns,
        qs.order_by("started_on", "pk"),
        lambda e: [
            _startup(e.startup),
            e.program.code,
            e.site.code,
            e.started_on,
            e.ended_on,
            e.get_outcome_display() if e.outcome else "",
        ],
    )


def _graduates(scope: Scope, key: str, startups, q):
    qs = scope.graduates()
    if key == "post_exit_survived":
        qs = qs.filter(last_status__in=SURVIVED)
    elif key == "post_exit_closed":
        qs = qs.filter(last_status="closed")
    elif key == "post_exit_unobserved":
        qs = qs.filter(last_status__isnull=True)
    else:
        qs = qs.filter(last_status__isnull=False)
    qs = _only(qs.select_related("startup", "site"), startups, q).order_by("ended_on", "pk")
    labels = {"active": _("Active"), "closed": _("Closed"), "acquired": _("Acquired"),
              "merged": _("Merged")}  # fmt: skip
    columns = [_("Startup"), _("Left incubation on"), _("Latest follow-up says")]
    return (
        columns,
        qs,
        lambda s: [
            _startup(s.startup),
            s.ended_on,
            labels.get(s.last_status, _("not followed up")),
        ],
    )


def _headcounts(scope: Scope, key: str, startups, q):
    qs = _only(scope.latest_headcounts().select_related("startup"), startups, q)
    columns = [_("Startup"), _("Declared as of"), _("Direct jobs"), _("Indirect jobs")]
    return (
        columns,
        qs.order_by("startup__name"),
        lambda h: [
            _startup(h.startup),
            h.as_of,
            h.direct_jobs,
            h.indirect_jobs,
        ],
    )


def _exports(scope: Scope, key: str, startups, q):
    qs = _only(scope.exports().select_related("startup"), startups, q)
    columns = [_("Startup"), _("Year"), _("Country"), _("Continent"), _("Amount (MAD)")]
    return (
        columns,
        qs.order_by("startup__name", "year", "country"),
        lambda x: [
            _startup(x.startup),
            x.year,
            x.country,
            continent_of(x.country) or "",
            x.amount_mad,
        ],
    )


def _patents(scope: Scope, key: str, startups, q):
    qs = Patent.objects.filter(scope.supported(), filed_on__lte=scope.as_of)
    qs = _only(qs.select_related("startup"), startups, q)
    columns = [_("Startup"), _("Filed on"), _("Office"), _("Title"), _("Reference")]
    return (
        columns,
        qs.order_by("filed_on"),
        lambda p: [
            _startup(p.startup),
            p.filed_on,
            p.office,
            p.title,
            p.reference,
        ],
    )


def _groupings(scope: Scope, key: str, startups, q):
    qs = scope.groupings().filter(kind="gie" if key == "gie_count" else "merger")
    qs = qs.prefetch_related("members")
    if q:
        qs = qs.filter(name__icontains=q)
    columns = [_("Code"), _("Name"), _("Formed on"), _("Members")]

    def row(g):
        members = list(g.members.all())
        if startups is not None:
            visible = set(
                startups.filter(pk__in=[m.pk for m in members]).values_list("pk", flat=True)
            )
            members = [m for m in members if m.pk in visible]
        return [g.code, g.name, g.formed_on, ", ".join(m.name for m in members)]

    return columns, qs.order_by("formed_on"), row


def _answers(scope: Scope, key: str, startups, q):
    qs = scope.answers().select_related("startup")
    if key == "satisfied_responses":
        qs = qs.filter(satisfied_q())
    qs = _only(qs, startups, q)
    columns = [_("Startup"), _("Answered on"), _("Score (1–5)"), _("Channel")]
    return (
        columns,
        qs.order_by("-answered_on", "pk"),
        lambda a: [
            _startup(a.startup),
            a.answered_on,
            a.score,
            a.get_channel_display(),
        ],
    )


def _budgets(scope: Scope, key: str, startups, q):
    qs = scope.budgets().select_related("site").order_by("site__code")
    columns = [_("Site"), _("Year"), _("Amount (MAD)")]
    return columns, qs, lambda b: [b.site.name, b.year, b.amount_mad]


def _fundings(scope: Scope, key: str, startups, q):
    qs = Funding.objects.filter(scope.supported(), obtained_on__lte=scope.as_of)
    qs = _only(qs.select_related("startup"), startups, q)
    columns = [_("Startup"), _("Obtained on"), _("Source"), _("Kind"), _("Amount (MAD)")]
    return (
        columns,
        qs.order_by("obtained_on", "pk"),
        lambda f: [
            _startup(f.startup),
            f.obtained_on,
            f.source,
            f.get_kind_display() if f.kind else "",
            f.amount_mad,
        ],
    )


def _sites(scope: Scope, key: str, startups, q):
    d = scope.as_of
    qs = sites_in_scope(scope)
    qs = qs.filter(operational_q(d) if key == "sites_operational" else in_progress_q(d))
    columns = [_("Site"), _("City"), _("Opened on"), _("Planned opening")]
    return (
        columns,
        qs.order_by("code"),
        lambda s: [
            Link(s.name, reverse("network:site_detail", args=[s.code])),
            s.city,
            s.opened_on,
            s.planned_opening,
        ],
    )


KINDS: dict[str, Callable] = {
    "startups_supported": _supported,
    "startups_supported_direct": _supported,
    "residents": _leases,
    "residents_year_before": _leases,
    "leasable_area_m2": _spaces,
    "leased_area_m2": _spaces,
    "occupancy_rate": _spaces,
    "incubation_graduated": _enrollments,
    "incubation_discontinued": _enrollments,
    "incubation_success_rate": _enrollments,
    "incubation_mortality_rate": _enrollments,
    "post_exit_survived": _graduates,
    "post_exit_closed": _graduates,
    "post_exit_unobserved": _graduates,
    "post_exit_survival_rate": _graduates,
    "jobs_direct": _headcounts,
    "jobs_indirect": _headcounts,
    "jobs_created": _headcounts,
    "renewal_leavers": _renewal,
    "renewal_entrants": _renewal,
    "renewal_rate": _renewal,
    "exporters": _exports,
    "export_share": _exports,
    "export_continents": _exports,
    "patents_filed": _patents,
    "gie_count": _groupings,
    "merger_count": _groupings,
    "satisfaction_responses": _answers,
    "satisfied_responses": _answers,
    "satisfaction_rate": _answers,
    "accompaniment_cost_mad": _budgets,
    "startups_accompanied_in_year": _enrollments,
    "cost_per_startup_mad": _enrollments,
    "funding_raised_mad": _fundings,
    "sites_operational": _sites,
    "sites_in_progress": _sites,
}


def drilldown(
    key: str,
    *,
    as_of: dt.date,
    site: str | Site | None = None,
    operator=None,
    startups: QuerySet | None = None,
    q: str = "",
    limit: int | None = MAX_ROWS,
) -> Drill:
    """The records figure `key` counts; `startups` narrows them to what a user may see."""
    figure = FIGURE_BY_KEY[key]
    scope = resolve_scope(as_of=as_of, site=site, operator=operator)
    columns, records, row = KINDS[key](scope, key, startups, (q or "").strip())
    total = records.count() if isinstance(records, QuerySet) else len(records)
    chosen = records[:limit] if limit else records
    return Drill(figure=figure, columns=columns, rows=[row(r) for r in chosen], total=total)

"""The one source of truth for what each figure of the bilan means.

The engine's keys (`kpis.md`), and for each: its label, its definition in words, the window
of time it looks at, its limits, its unit and the group it is shown in. The dashboard, the
methodology page, the API documentation and the drill-downs all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNT, AREA, RATE, MAD = "count", "m2", "rate", "mad"


@dataclass(frozen=True)
class Figure:
    key: str
    label: Promise
    definition: Promise
    window: Promise
    limits: Promise
    unit: str
    group: str
    headline: bool = False

    @property
    def is_rate(self) -> bool:
        return self.unit == RATE


GROUPS = {
    "reach": _("Startups supported"),
    "hosting": _("Hosting"),
    "outcomes": _("Incubation and survival"),
    "jobs": _("Jobs"),
    "renewal": _("Renewal of residents"),
    "markets": _("Exports and innovation"),
    "satisfaction": _("Satisfaction"),
    "cost": _("Cost and funding"),
    "sites": _("Sites"),
}

AS_OF = _("On the as-of date D.")
SINCE = _("Everything up to and including D.")
YEAR = _("The calendar year Y of D.")
LAST_YEAR = _("The twelve months before D: after D minus one year, up to and including D.")
NULL = _("Shown as — when the denominator is zero.")

FIGURES: list[Figure] = [
    Figure(
        "startups_supported",
        _("Startups supported"),
        _("Startups with at least one enrollment in a program, started on or before D."),
        SINCE,
        _(
            "Counts each startup once, however many programs it followed, including "
            "those supported by partner programs."
        ),
        COUNT,
        "reach",
        True,
    ),
    Figure(
        "startups_supported_direct",
        _("Supported directly"),
        _(
            "Startups with an enrollment started on or before D in a program the network's "
            "own operator runs (direct accompaniment)."
        ),
        SINCE,
        _("A startup supported both directly and by a partner counts here and in the total."),
        COUNT,
        "reach",
        True,
    ),
    Figure(
        "residents",
        _("Resident startups"),
        _(
            "Startups with at least one signed hosting contract active on D (started on or "
            "before D, not handed back by D)."
        ),
        AS_OF,
        _("Draft contracts never count. A startup with two offices counts once."),
        COUNT,
        "hosting",
        True,
    ),
    Figure(
        "leasable_area_m2",
        _("Leasable area"),
        _("Area of the leasable spaces of the sites operating on D."),
        AS_OF,
        _("Meeting rooms, halls and shared spaces are not leasable."),
        AREA,
        "hosting",
    ),
    Figure(
        "leased_area_m2",
        _("Leased area"),
        _("Area of those spaces that have a signed contract active on D, each space once."),
        AS_OF,
        _("Draft contracts never count."),
        AREA,
        "hosting",
    ),
    Figure(
        "occupancy_rate",
        _("Occupancy"),
        _("Leased area divided by leasable area."),
        AS_OF,
        NULL,
        RATE,
        "hosting",
        True,
    ),
    Figure(
        "incubation_graduated",
        _("Incubations completed"),
        _("Enrollments in incubation programs ended on or before D with the outcome graduated."),
        SINCE,
        _("Pre-incubation and acceleration are not incubation."),
        COUNT,
        "outcomes",
    ),
    Figure(
        "incubation_discontinued",
        _("Incubations discontinued"),
        _("Enrollments in incubation programs ended on or before D with the outcome discontinued."),
        SINCE,
        _("Incubations still going on count in neither."),
        COUNT,
        "outcomes",
    ),
    Figure(
        "incubation_success_rate",
        _("Success in incubation"),
        _("Graduated divided by graduated plus discontinued."),
        SINCE,
        NULL,
        RATE,
        "outcomes",
        True,
    ),
    Figure(
        "incubation_mortality_rate",
        _("Mortality in incubation"),
        _("Discontinued divided by graduated plus discontinued."),
        SINCE,
        NULL,
        RATE,
        "outcomes",
    ),
    Figure(
        "post_exit_survived",
        _("Still in business after incubation"),
        _(
            "Startups that graduated from incubation by D whose latest follow-up between "
            "their exit and D says active, acquired or merged."
        ),
        SINCE,
        _("Acquired and merged startups count as survivors, as Eurostat, OECD and InBIA do."),
        COUNT,
        "outcomes",
    ),
    Figure(
        "post_exit_closed",
        _("Closed after incubation"),
        _(
            "Startups that graduated from incubation by D whose latest follow-up between "
            "their exit and D says closed."
        ),
        SINCE,
        _("Only follow-ups observed after the exit and on or before D count."),
        COUNT,
        "outcomes",
    ),
    Figure(
        "post_exit_unobserved",
        _("Not followed up after incubation"),
        _("Startups that graduated by D with no follow-up since their exit."),
        SINCE,
        _("Counted apart: they are in neither the survivors nor the closed."),
        COUNT,
        "outcomes",
    ),
    Figure(
        "post_exit_survival_rate",
        _("Survival after incubation"),
        _("Survived divided by survived plus closed."),
        SINCE,
        _(
            "Unobserved startups are left out, which flatters the rate if the lost ones "
            "closed more often. Shown as — when nobody was followed up."
        ),
        RATE,
        "outcomes",
        True,
    ),
    Figure(
        "jobs_direct",
        _("Direct jobs"),
        _(
            "Over the startups supported by D: the direct jobs of each one's latest headcount "
            "declared on or before D."
        ),
        SINCE,
        _(
            "Startups that never declared add 0; closed startups keep their last headcount. "
            "A headcount, not full-time equivalents."
        ),
        COUNT,
        "jobs",
    ),
    Figure(
        "jobs_indirect",
        _("Indirect jobs"),
        _(
            "Over the startups supported by D: the indirect jobs of each one's latest "
            "headcount declared on or before D."
        ),
        SINCE,
        _("Declared by the startups, not estimated by an input-output model."),
        COUNT,
        "jobs",
    ),
    Figure(
        "jobs_created",
        _("Jobs, direct and indirect"),
        _("Direct plus indirect jobs."),
        SINCE,
        _("See direct and indirect jobs."),
        COUNT,
        "jobs",
        True,
    ),
    Figure(
        "residents_year_before",
        _("Residents a year before"),
        _("Resident startups on D minus one year (29 February gives 28 February)."),
        AS_OF,
        _("Draft contracts never count."),
        COUNT,
        "renewal",
    ),
    Figure(
        "renewal_leavers",
        _("Residents who left"),
        _("Startups resident a year before D that are not resident on D."),
        LAST_YEAR,
        _("A startup that moved to another office stays resident."),
        COUNT,
        "renewal",
    ),
    Figure(
        "renewal_entrants",
        _("New residents"),
        _("Startups resident on D that were not resident a year before."),
        LAST_YEAR,
        _("A startup that left and came back within the year is in neither."),
        COUNT,
        "renewal",
    ),
    Figure(
        "renewal_rate",
        _("Yearly renewal"),
        _("Leavers divided by the residents of a year before."),
        LAST_YEAR,
        NULL,
        RATE,
        "renewal",
        True,
    ),
    Figure(
        "exporters",
        _("Exporting residents"),
        _("Resident startups on D with an export recorded for year Y or Y-1."),
        _("Years Y-1 and Y."),
        _("Exports are declared by country and year; amounts are not needed to count."),
        COUNT,
        "markets",
    ),
    Figure(
        "export_share",
        _("Residents that export"),
        _("Exporting residents divided by residents."),
        _("Years Y-1 and Y."),
        NULL,
        RATE,
        "markets",
        True,
    ),
    Figure(
        "export_continents",
        _("Continents exported to"),
        _(
            "Distinct continents of the countries of those exports (UN geoscheme, six "
            "continents; a country spanning two counts where its capital is)."
        ),
        _("Years Y-1 and Y."),
        _("Only exports of the exporting residents count."),
        COUNT,
        "markets",
        True,
    ),
    Figure(
        "patents_filed",
        _("Patents filed"),
        _("Patents filed on or before D by startups supported by D."),
        SINCE,
        _("Filed, not necessarily granted."),
        COUNT,
        "markets",
        True,
    ),
    Figure(
        "gie_count",
        _("GIEs formed"),
        _("Groupings of kind GIE formed on or before D."),
        SINCE,
        _("For a site: groupings with a member supported at that site."),
        COUNT,
        "markets",
        True,
    ),
    Figure(
        "merger_count",
        _("Mergers"),
        _("Groupings of kind merger formed on or before D."),
        SINCE,
        _("For a site: mergers with a member supported at that site."),
        COUNT,
        "markets",
    ),
    Figure(
        "satisfaction_responses",
        _("Satisfaction answers"),
        _("Answers to the satisfaction survey given in the twelve months up to D."),
        LAST_YEAR,
        _("An answer given exactly one year before D is outside."),
        COUNT,
        "satisfaction",
    ),
    Figure(
        "satisfied_responses",
        _("Satisfied answers"),
        _("Those with a score of 4 or 5 out of 5."),
        LAST_YEAR,
        _("Scores 1 to 3 are not satisfied."),
        COUNT,
        "satisfaction",
    ),
    Figure(
        "satisfaction_rate",
        _("Satisfaction"),
        _("Satisfied answers divided by answers."),
        LAST_YEAR,
        NULL,
        RATE,
        "satisfaction",
        True,
    ),
    Figure(
        "accompaniment_cost_mad",
        _("Cost of accompaniment"),
        _("Sum of the sites' accompaniment budgets for year Y."),
        YEAR,
        _("Budgets as declared by the sites; hosting income is not deducted."),
        MAD,
        "cost",
        True,
    ),
    Figure(
        "startups_accompanied_in_year",
        _("Startups accompanied in the year"),
        _("Startups with an enrollment covering at least one day of year Y."),
        YEAR,
        _("Includes enrollments started after D in the same year."),
        COUNT,
        "cost",
    ),
    Figure(
        "cost_per_startup_mad",
        _("Cost per startup accompanied"),
        _("Cost of accompaniment divided by the startups accompanied in the year."),
        YEAR,
        NULL,
        MAD,
        "cost",
    ),
    Figure(
        "funding_raised_mad",
        _("Funding raised"),
        _("Sum of the funding obtained on or before D by startups supported by D."),
        SINCE,
        _("Grants, honour loans, loans, equity and prizes obtained with the network's help."),
        MAD,
        "cost",
        True,
    ),
    Figure(
        "sites_operational",
        _("Sites operating"),
        _("Sites opened on or before D and not closed by D."),
        AS_OF,
        _("For a site: 1 or 0."),
        COUNT,
        "sites",
        True,
    ),
    Figure(
        "sites_in_progress",
        _("Sites being built"),
        _("Sites not closed by D that have no opening date or open after D."),
        AS_OF,
        _("For a site: 1 or 0."),
        COUNT,
        "sites",
        True,
    ),
]

FIGURE_BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}
KEYS: list[str] = [f.key for f in FIGURES]

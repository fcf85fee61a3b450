"""pandas against the API: the same network bilan, from the same records, as of the same day.

    .venv/bin/python bench/bilan_pandas.py --n 100000 --db sqlite,postgres --work /tmp/bench

The bar of issue 17: the network bilan computed afresh through the API is no slower than
pandas' compute step alone over the same records in memory.

- **pandas**: the interchange CSV folder of `bench/network.py` is read into DataFrames once
  (reported, not counted; dates parsed), twice: with each startup's id turned into an
  integer as the database's foreign keys are (the faster pandas), and with the file's text
  ids as they come; then only the compute step of the network figures is timed.
- **API**: `GET /api/v1/bilan?as_of=…` on a warm gunicorn (one worker, real HTTP, bearer
  token), on the database that `bench/bilan.py` imported from the same folder (run it first,
  or pass `--import` to build the databases here).
- The two are **interleaved** (pandas, API, pandas, API, …; `--rounds` of each after two
  warm-up calls) so both see the same load; each figure is the median, printed with the load
  average, and their ratio API / pandas.
- The figures of both must be equal (integers exactly, decimals to a relative 1e-9): any
  difference is printed and the run exits with status 1.

`--sample` checks the pandas code alone on the spec's sample network against expected.json
(no database needed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bilan import AS_OF, BIN, existing_env, free_port  # noqa: E402
from technopark.impact.continents import CONTINENT_OF  # noqa: E402  (a table, not code)

DATES = {
    "sites": ["opened_on", "closed_on"],
    "enrollments": ["started_on", "ended_on"],
    "leases": ["starts_on", "ends_on"],
    "followups": ["observed_on"],
    "headcounts": ["as_of"],
    "patents": ["filed_on"],
    "groupings": ["formed_on"],
    "satisfaction": ["answered_on"],
    "fundings": ["obtained_on"],
}
COLUMNS = {
    "sites": ["code", "opened_on", "closed_on"],
    "spaces": ["site", "code", "area_m2", "leasable"],
    "programs": ["code", "kind", "direct"],
    "startups": ["id"],
    "enrollments": ["startup", "program", "site", "started_on", "ended_on", "outcome"],
    "leases": ["site", "space", "startup", "starts_on", "ends_on"],
    "followups": ["startup", "observed_on", "status"],
    "headcounts": ["startup", "as_of", "direct_jobs", "indirect_jobs"],
    "exports": ["startup", "year", "country"],
    "patents": ["startup", "filed_on"],
    "groupings": ["kind", "formed_on"],
    "satisfaction": ["startup", "answered_on", "score"],
    "budgets": ["site", "year", "amount_mad"],
    "fundings": ["startup", "obtained_on", "amount_mad"],
}
SURVIVED = ("active", "acquired", "merged")


def load(folder: Path, integer_ids: bool = True) -> dict[str, pd.DataFrame]:
    """Read the canonical CSV folder into DataFrames ready to compute on (not timed).

    With `integer_ids` each startup's id becomes an integer (as in the database); without,
    the records keep the file's text ids."""
    t: dict[str, pd.DataFrame] = {}
    for name, columns in COLUMNS.items():
        frame = pd.read_csv(folder / f"{name}.csv", usecols=columns, keep_default_na=False)
        for column in DATES.get(name, []):
            frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d")
        t[name] = frame
    ids = pd.Index(t["startups"]["id"].astype(str))
    for name in () if not integer_ids else ("enrollments", "leases", "followups", "headcounts", "exports", "patents",
                 "satisfaction", "fundings"):  # fmt: skip
        t[name]["startup"] = ids.get_indexer(t[name]["startup"].astype(str))
    for name, column in (("spaces", "leasable"), ("programs", "direct")):
        t[name][column] = t[name][column].astype(str).str.lower().isin(["true", "1", "oui"])
    t["enrollments"]["outcome"] = t["enrollments"]["outcome"].astype(str)
    t["enrollments"] = t["enrollments"].merge(
        t["programs"].rename(columns={"code": "program"}), on="program", how="left"
    )
    t["spaces"]["area_m2"] = t["spaces"]["area_m2"].astype(float)
    return t


def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def ratio(a, b):
    return float(a) / float(b) if b else None


def active_on(leases: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    return leases[(leases.starts_on <= day) & (leases.ends_on.isna() | (leases.ends_on > day))]


def network_bilan(t: dict[str, pd.DataFrame], as_of: dt.date) -> dict:
    """The network figures of docs/figures.md, in the engine's order. The compute step."""
    d = pd.Timestamp(as_of)
    y = as_of.year
    e = t["enrollments"]
    started = e[e.started_on <= d]
    supported = started.startup.unique()
    incubation_ended = e[(e.kind == "incubation") & (e.ended_on <= d)]
    graduated = int((incubation_ended.outcome == "graduated").sum())
    discontinued = int((incubation_ended.outcome == "discontinued").sum())
    in_year = e[
        (e.started_on <= pd.Timestamp(y, 12, 31))
        & (e.ended_on.isna() | (e.ended_on > pd.Timestamp(y, 1, 1)))
    ].startup.nunique()

    leases = t["leases"]
    now = active_on(leases, d)
    residents = set(now.startup)
    before = set(active_on(leases, pd.Timestamp(year_before(as_of))).startup)
    ex = t["exports"]
    sold = ex[ex.year.isin((y - 1, y)) & ex.startup.isin(residents)]
    exporters = sold.startup.nunique()
    continents = sold.country.map(CONTINENT_OF).dropna().nunique()

    sites = t["sites"]
    open_sites = sites[(sites.opened_on <= d) & (sites.closed_on.isna() | (sites.closed_on > d))]
    planned = sites[(sites.closed_on.isna() | (sites.closed_on > d)) & ~(sites.opened_on <= d)]
    spaces = t["spaces"]
    spaces = spaces[spaces.leasable & spaces.site.isin(open_sites.code)]
    let = now[["site", "space"]].drop_duplicates()
    leased = spaces.merge(let, left_on=["site", "code"], right_on=["site", "space"])
    leasable_area, leased_area = spaces.area_m2.sum(), leased.area_m2.sum()

    exits = incubation_ended[incubation_ended.outcome == "graduated"]
    exits = exits.sort_values("ended_on", kind="stable").drop_duplicates("startup", keep="last")
    f = t["followups"]
    seen = exits[["startup", "ended_on"]].merge(f[f.observed_on <= d], on="startup")
    seen = seen[seen.observed_on >= seen.ended_on]
    fates = seen.sort_values("observed_on").drop_duplicates("startup", keep="last").status
    fates = fates.value_counts()
    survived = int(sum(fates.get(s, 0) for s in SURVIVED))
    closed = int(fates.get("closed", 0))

    h = t["headcounts"]
    h = h[(h.as_of <= d) & h.startup.isin(supported)]
    latest = h.sort_values("as_of").drop_duplicates("startup", keep="last")
    direct, indirect = int(latest.direct_jobs.sum()), int(latest.indirect_jobs.sum())

    p, g, s, fu = t["patents"], t["groupings"], t["satisfaction"], t["fundings"]
    kinds = g[g.formed_on <= d].kind.value_counts()
    answers = s[(s.answered_on > pd.Timestamp(year_before(as_of))) & (s.answered_on <= d)]
    satisfied = int((answers.score >= 4).sum())
    raised = fu[(fu.obtained_on <= d) & fu.startup.isin(supported)].amount_mad.sum()
    b = t["budgets"]
    cost = b[b.year == y].amount_mad.sum()
    return {
        "startups_supported": len(supported),
        "startups_supported_direct": started[started.direct].startup.nunique(),
        "residents": len(residents),
        "leasable_area_m2": float(leasable_area),
        "leased_area_m2": float(leased_area),
        "occupancy_rate": ratio(leased_area, leasable_area),
        "incubation_graduated": graduated,
        "incubation_discontinued": discontinued,
        "incubation_success_rate": ratio(graduated, graduated + discontinued),
        "incubation_mortality_rate": ratio(discontinued, graduated + discontinued),
        "post_exit_survived": survived,
        "post_exit_closed": closed,
        "post_exit_unobserved": len(exits) - int(fates.sum()),
        "post_exit_survival_rate": ratio(survived, survived + closed),
        "jobs_direct": direct,
        "jobs_indirect": indirect,
        "jobs_created": direct + indirect,
        "residents_year_before": len(before),
        "renewal_leavers": len(before - residents),
        "renewal_entrants": len(residents - before),
        "renewal_rate": ratio(len(before - residents), len(before)),
        "exporters": exporters,
        "export_share": ratio(exporters, len(residents)),
        "export_continents": continents,
        "patents_filed": int(((p.filed_on <= d) & p.startup.isin(supported)).sum()),
        "gie_count": int(kinds.get("gie", 0)),
        "merger_count": int(kinds.get("merger", 0)),
        "satisfaction_responses": len(answers),
        "satisfied_responses": satisfied,
        "satisfaction_rate": ratio(satisfied, len(answers)),
        "accompaniment_cost_mad": float(cost),
        "startups_accompanied_in_year": in_year,
        "cost_per_startup_mad": ratio(cost, in_year),
        "funding_raised_mad": float(raised),
        "sites_operational": len(open_sites),
        "sites_in_progress": len(planned),
    }


def differences(got: dict, want: dict) -> dict:
    """{key: (got, want)} for each figure that differs (decimals to a relative 1e-9)."""
    wrong = {}
    for key in want.keys() | got.keys():
        a, b = got.get(key), want.get(key)
        if a is None or b is None:
            same = a is None and b is None
        elif isinstance(a, int) and isinstance(b, int):
            same = a == b
        else:
            same = math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        if not same:
            wrong[key] = (a, b)
    return wrong


def check_sample() -> int:
    sample = ROOT / "technopark" / "interchange" / "tests" / "data" / "sample"
    status = 0
    for integer_ids in (True, False):
        t = load(sample / "canonical", integer_ids=integer_ids)
        for expected in json.loads((sample / "expected.json").read_text()):
            if expected["scope"] != "network":
                continue
            day = dt.date.fromisoformat(expected["as_of"])
            wrong = differences(network_bilan(t, day), expected["kpis"])
            ids = "integer" if integer_ids else "text"
            print(f"sample network {expected['as_of']}, {ids} ids: {wrong or 'same'}")
            status |= bool(wrong)
    return status


def load_average() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def compare(db: str, work: Path, variants: dict[str, dict], rounds: int) -> dict:
    """pandas (each variant of the records in memory) and the API, interleaved, on one
    database: per round, each pandas compute step, then one API call."""
    env = existing_env(db, work)
    token = subprocess.run(
        [str(BIN / "technopark"), "api-token", "bench@example.ma"],
        env=env, cwd=ROOT, text=True, capture_output=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "technopark.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1",
         "--timeout", "300"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    day = dt.date.fromisoformat(AS_OF)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/bilan?as_of={AS_OF}",
        headers={"Authorization": f"Bearer {token}"},
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        api: list[float] = []
        pandas: dict[str, list[float]] = {name: [] for name in variants}
        figures: dict[str, dict] = {}
        loads = []
        for i in range(rounds + 2):
            took = {}
            for name, tables in variants.items():
                started = time.perf_counter()
                figures[name] = network_bilan(tables, day)
                took[name] = time.perf_counter() - started
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=300) as response:
                body = json.load(response)
            api_s = time.perf_counter() - started
            if i >= 2:  # two warm-up rounds
                api.append(api_s)
                for name in variants:
                    pandas[name].append(took[name])
                loads.append(os.getloadavg()[0])
    finally:
        server.terminate()
        server.wait(10)
    return {
        "api_s": statistics.median(api),
        "pandas_s": {name: statistics.median(times) for name, times in pandas.items()},
        "ratio": {
            name: statistics.median(a / p for a, p in zip(api, times, strict=True))
            for name, times in pandas.items()
        },
        "load_1min": (min(loads), max(loads)),
        "differences": {name: differences(body["kpis"], f) for name, f in figures.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--work", default="/tmp/technopark-bench")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--sample", action="store_true", help="Check pandas on the sample.")
    parser.add_argument(
        "--import", dest="build", action="store_true",
        help="Build the folder and the databases first (bench/bilan.py without the pages).",
    )  # fmt: skip
    options = parser.parse_args()
    if options.sample:
        return check_sample()
    work = Path(options.work)
    folder = work / f"network-{options.n}"
    if options.build:
        command = [str(BIN / "python"), "bench/bilan.py", "--n", str(options.n), "--db",
                   options.db, "--work", str(work), "--reuse"]  # fmt: skip
        subprocess.run(command, cwd=ROOT, check=True)
    print(f"load average {load_average()}")
    variants = {}
    for name, integer_ids in (("integer ids", True), ("text ids", False)):
        started = time.perf_counter()
        variants[name] = load(folder, integer_ids=integer_ids)
        rows = sum(len(f) for f in variants[name].values())
        print(f"pandas load, {name}: {rows} rows of {folder} in "
              f"{time.perf_counter() - started:.2f} s (not counted)")  # fmt: skip
    status = 0
    for db in options.db.split(","):
        r = compare(db, work, variants, options.rounds)
        low, high = r["load_1min"]
        print(f"--- {db}, N = {options.n}, as of {AS_OF}, median of {options.rounds} interleaved")
        print(f"API network bilan          {r['api_s']:7.3f} s   (gunicorn, warm, computed afresh)")
        for name in variants:
            print(f"pandas compute, {name:<11} {r['pandas_s'][name]:7.3f} s   "
                  f"API / pandas {r['ratio'][name]:5.2f}")  # fmt: skip
        print(f"load average (1 min)       {low:.2f}–{high:.2f} during the rounds")
        for name, wrong in r["differences"].items():
            if wrong:
                print(f"FIGURES DIFFER (API, pandas with {name}): {wrong}")
                status = 1
        if not any(r["differences"].values()):
            print("figures: the same, all 36")
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Search time at 1× and 10× the network (docs/search.md, docs/performance.md).

    .venv/bin/python bench/search.py [--size small] [--runs 9] [--var /tmp/technopark-scale]

Uses the two demo networks bench/scale.py builds (and builds them when missing), and times
`technopark.search.selectors.search` (the work of /search/, without the page around it)
in CPU ms of this process
for a few queries as the network's administrator (who sees everything: the most rows), a
site manager and a founder: the median of --runs after a warm-up, and the SQL queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scale import DIRECTION, FOUNDER, MANAGER, PY, ROOT, SCALES, _env, build  # noqa: E402

QUERIES = [
    "sahara",  # a startup's name
    "sahra",  # with a typo
    "fes",  # accents: Fès
    "bennani",  # a person
    "CASA-2026-00001",  # an invoice number
    "casa 2026 1",  # another spelling
    "facture",  # a word in no name (the founder's search in bench/scale.py)
    "001 234 567 000 089",  # an ICE with spaces
]


def measure_here(runs: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from technopark.search.selectors import search

    users = get_user_model().objects
    out = {}
    for who in (DIRECTION, MANAGER, FOUNDER):
        user = users.get(email=who)
        for q in QUERIES:
            search(user, q)
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                found = search(user, q).total
            times = []
            for _ in range(runs):
                start = time.process_time()  # CPU: steadier on a shared machine
                search(user, q)
                times.append((time.process_time() - start) * 1000)
            out[f"{who.split('@')[0]:<13} {q}"] = [len(queries), statistics.median(times), found]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--var", default="/tmp/technopark-scale")
    parser.add_argument("--size", default="small", choices=["small", "full"])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_here(args.runs)))
        return
    results = {}
    for scale in SCALES:
        var = Path(args.var) / f"{args.size}-x{scale}"
        build(var, args.size, scale)
        done = subprocess.run(
            [PY, __file__, "--measure", "--runs", str(args.runs)],
            env=_env(var),
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        results[scale] = json.loads(done.stdout.strip().splitlines()[-1])
    head = f"{'who, query':<36} {'SQL':>4} {'hits 1x':>7} {'hits 10x':>8} {'ms 1x':>7} {'ms 10x':>7} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    for label, (q1, t1, n1) in results[1].items():
        q10, t10, n10 = results[10][label]
        sql = f"{q1}" if q1 == q10 else f"{q1}/{q10}"
        print(f"{label:<36} {sql:>4} {n1:>7} {n10:>8} {t1:>7.1f} {t10:>7.1f} {t10 / t1:>6.2f}")


if __name__ == "__main__":
    main()

"""Archives made to exhaust the importer: the peak memory and CPU each costs a dry run.

    DATABASE_URL=postgres://... .venv/bin/python bench/import_bombs.py [--code DIR] [--cpu S]

Each bomb (technopark/interchange/tests/bombs.py) is written to a temporary folder, then
imported (`import_path(..., dry_run=True)`) in a fresh process of the code in DIR (default:
this checkout; give an older checkout to measure it before a change), whose CPU is capped
at S seconds (default 120) and its address space at --mem MiB (default 2048), so that a
bomb the code does not stop ends in MemoryError (or is killed) instead of starving the machine. Prints: bomb, its size, the peak resident memory (MiB), the CPU
seconds, and the report's first error. The database must be migrated.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, resource, sys
sys.path.insert(0, sys.argv[1])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
import django
django.setup()
from technopark.interchange.importer import import_path
report = import_path(sys.argv[2], dry_run=True)
use = resource.getrusage(resource.RUSAGE_SELF)
first = report.errors[0].message if report.errors else "no error"
print(f"{use.ru_maxrss / 1024:.0f}\t{use.ru_utime + use.ru_stime:.1f}\t{first[:110]}")
"""


def bombs():
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
    from technopark.interchange.tests import bombs as b

    mb = 1024 * 1024
    return [
        ("xlsx: 200k rows padded to XFD", lambda d: b.xlsx_wide_rows(d / "w.xlsx", 200_000)),
        ("xlsx: 100 MB of shared strings", lambda d: b.xlsx_shared_strings(d / "s.xlsx", 100 * mb)),
        ("zip: 1 GB of blank CSV lines", lambda d: b.zip_blank_lines(d / "b.zip", 1024 * mb)),
        ("zip: one CSV line of 1 GB", lambda d: b.zip_long_line(d / "l.zip", 1024 * mb)),
        ("zip: 200,000 empty files", lambda d: b.zip_many_files(d / "f.zip", 200_000)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", default=str(HERE), help="the checkout whose importer runs")
    parser.add_argument("--cpu", type=int, default=120, help="CPU seconds before it is killed")
    parser.add_argument("--mem", type=int, default=2048, help="address space cap (MiB)")
    parser.add_argument("--only", default="", help="only the bombs whose name holds this")
    args = parser.parse_args()

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (args.cpu, args.cpu))
        cap = args.mem * 1024 * 1024  # a bomb fails here rather than starving the machine
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    print(f"code: {args.code}")
    print("bomb\tsize KB\tpeak MiB\tCPU s\tfirst error")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in bombs():
            if args.only not in name:
                continue
            path = make(Path(tmp))
            size = path.stat().st_size // 1024
            run = subprocess.run(
                [sys.executable, "-c", CHILD, args.code, str(path)],
                capture_output=True,
                text=True,
                preexec_fn=limit,  # noqa: PLW1509 - a plain fork, no threads in this process
                cwd=args.code,
            )
            if run.returncode:
                tail = run.stderr.strip().splitlines()[-1:] or ["?"]
                print(f"{name}\t{size}\t-\t-\tended {run.returncode}: {tail[0][:100]}")
            else:
                print(f"{name}\t{size}\t{run.stdout.strip()}")
            path.unlink()


if __name__ == "__main__":
    main()

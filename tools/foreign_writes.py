"""List the writes to a model from outside the app that owns it (docs/architecture.md:
"the owner's services are the only code that writes it").

A write is `Model.objects....create(`, `bulk_create(`, `update_or_create(`, `get_or_create(`
or `.update(` in a statement that starts from `Model.objects`, in a file that is not a test,
a migration or the test cast (house/testing.py). Run it with the project's
settings: `.venv/bin/python tools/foreign_writes.py`; it prints `path:line app.Model` lines.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "technopark"
WRITE = re.compile(r"\.(create|bulk_create|update_or_create|get_or_create|update|bulk_update)\(")
START = re.compile(r"\b([A-Z]\w*)\.objects\b")


def statements(text: str):
    """(line number, statement text) for each statement that mentions `X.objects`."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = START.search(lines[i])
        if not match:
            i += 1
            continue
        depth, j, chunk = 0, i, []
        while j < len(lines):
            line = lines[j]
            chunk.append(line)
            depth += line.count("(") + line.count("[") - line.count(")") - line.count("]")
            if depth <= 0:
                break
            j += 1
        yield i + 1, "\n".join(chunk)
        i = j + 1


def foreign_writes() -> list[str]:
    from django.apps import apps

    owners: dict[str, set[str]] = {}
    for model in apps.get_models():
        if model.__module__.startswith("technopark."):  # third-party records are out of scope
            owners.setdefault(model.__name__, set()).add(model._meta.app_label)
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).as_posix()
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        app = parts[0]
        if rel == "technopark/house/testing.py":  # the test cast's factories
            continue
        for number, statement in statements(path.read_text()):
            for name in START.findall(statement)[:1]:
                labels = owners.get(name)
                if not labels or app in labels:
                    continue
                if WRITE.search(statement.split(f"{name}.objects", 1)[1]):
                    found.append(f"{rel}:{number} {'/'.join(sorted(labels))}.{name}")
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
    import django

    django.setup()
    rows = foreign_writes()
    print("\n".join(rows))
    print(f"{len(rows)} writes outside the owning app", file=sys.stderr)

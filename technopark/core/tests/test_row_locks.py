"""A lock taken with joined rows locks its own table only: PostgreSQL refuses
`FOR UPDATE` on the nullable side of an outer join ("FOR UPDATE cannot be applied to the
nullable side of an outer join"), and SQLite, which ignores the lock, cannot show it.
A reminder, a lapsed offer or a desk move failed on PostgreSQL this way; this search
fails on SQLite too, before the PostgreSQL suite runs."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]


def _chain(node: ast.AST) -> list[ast.Call]:
    """The calls of a method chain, outermost first (`a.b().c().d()` → d, c, b)."""
    calls = []
    while True:
        if isinstance(node, ast.Call):
            calls.append(node)
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return calls


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def unsafe_locks(root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        seen: set[int] = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in seen:
                continue
            calls = _chain(node)
            seen.update(id(c) for c in calls)
            names = {_name(c): c for c in calls}
            lock = names.get("select_for_update")
            if lock is None or "select_related" not in names:
                continue
            if not any(k.arg == "of" for k in lock.keywords):
                found.append(f"{path.relative_to(root.parent)}:{lock.lineno}")
    return found


def test_no_lock_with_joined_rows_locks_the_joined_tables():
    found = unsafe_locks()
    assert not found, 'select_for_update() with select_related() needs of=("self",):\n' + "\n".join(
        found
    )


def test_the_search_finds_a_lock_with_joined_rows(tmp_path):
    package = tmp_path / "technopark"
    (package / "app").mkdir(parents=True)
    (package / "app" / "services.py").write_text(
        "due = list(\n"
        "    Registration.objects.select_for_update()\n"
        "    .select_related('event', 'user')\n"
        "    .filter(status='confirmed')\n"
        ")\n"
        "safe = Registration.objects.select_for_update(of=('self',)).select_related('user')\n"
        "plain = Registration.objects.select_for_update().get(pk=1)\n"
    )
    assert unsafe_locks(package) == ["technopark/app/services.py:2"]

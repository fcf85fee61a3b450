"""One owner per record: outside a model's own app, only tests write it (they call
`tools/foreign_writes.py`'s search). A new write to another app's model fails here: call
the owner's service instead (a bulk one for the demo and the interchange)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "tools" / "foreign_writes.py"


def _module():
    spec = importlib.util.spec_from_file_location("foreign_writes", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_app_writes_another_apps_records():
    found = _module().foreign_writes()
    assert not found, "writes outside the owning app (call the owner's service):\n" + "\n".join(
        found
    )


@pytest.mark.parametrize(
    "statement",
    [
        "Desk.objects.create(code='X')",
        "Desk.objects.bulk_create(rows, batch_size=500)",
        "Desk.objects.update_or_create(code='X', defaults={})",
        "Desk.objects.get_or_create(\n    code='X',\n    defaults={'name': 'n'},\n)",
        "Desk.objects.filter(pk=1).update(name='n')",
    ],
)
def test_the_search_finds_each_kind_of_write_to_another_apps_model(tmp_path, statement):
    root = tmp_path / "technopark"
    (root / "support").mkdir(parents=True)
    (root / "desk").mkdir()
    (root / "support" / "views.py").write_text(f"def f(rows):\n    {statement}\n")
    (root / "desk" / "demo.py").write_text(f"def g(rows):\n    {statement}\n")
    module = _module()
    module.ROOT = root
    assert module.foreign_writes() == ["technopark/support/views.py:2 desk.Desk"]

"""Every service names the person it acts for: a public function of an app's services that
takes `by` either uses it (`set_actor(by)`, or hands it on to another service) or carries
`@acts_for_by`, so writes from the command line and from tasks record their actor too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _service_modules() -> list[Path]:
    return sorted(ROOT.glob("*/services.py")) + sorted(ROOT.glob("*/services/*.py"))


def _decorated(function: ast.FunctionDef) -> bool:
    return any(
        (isinstance(d, ast.Name) and d.id == "acts_for_by")
        or (isinstance(d, ast.Attribute) and d.attr == "acts_for_by")
        for d in function.decorator_list
    )


def _silent(path: Path, base: Path = ROOT.parent) -> list[str]:
    """The public functions of the module that take `by` and neither use nor name it."""
    found = []
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        args = node.args
        names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
        if node.name.startswith("_") or "by" not in names:
            continue
        used = any(
            isinstance(n, ast.Name) and n.id == "by" and isinstance(n.ctx, ast.Load)
            for statement in node.body
            for n in ast.walk(statement)
        )
        if not used and not _decorated(node):
            found.append(f"{path.relative_to(base)}: {node.name}")
    return found


def _positional_by(path: Path) -> list[str]:
    """`@acts_for_by` reads `by` from the keywords: a decorated service must take it so."""
    found = []
    for node in ast.parse(path.read_text()).body:
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and _decorated(node)
            and "by" not in [a.arg for a in node.args.kwonlyargs]
        ):
            found.append(f"{path.relative_to(ROOT.parent)}: {node.name}")
    return found


def test_every_service_that_takes_by_names_its_actor():
    modules = _service_modules()
    assert len(modules) > 15  # every app's services, the packages' modules included
    silent = [row for path in modules for row in _silent(path)]
    assert not silent, (
        "these services take `by` and never use it; wrap their writes in `set_actor(by)` or "
        "decorate them with `@acts_for_by` (technopark/core/audit.py):\n" + "\n".join(silent)
    )


def test_acts_for_by_services_take_by_as_a_keyword():
    wrong = [row for path in _service_modules() for row in _positional_by(path)]
    assert not wrong, "`by` must be keyword-only with @acts_for_by:\n" + "\n".join(wrong)


def test_the_check_sees_a_service_that_ignores_its_actor(tmp_path):
    module = tmp_path / "services.py"
    module.write_text(
        "from technopark.core.audit import acts_for_by, set_actor\n\n"
        "def ignores(*, x, by):\n    x.save()\n\n"
        "def hands_on(*, x, by):\n    other(x=x, by=by)\n\n"
        "def names(*, x, by):\n    with set_actor(by):\n        x.save()\n\n"
        "@acts_for_by\ndef decorated(*, x, by):\n    x.save()\n\n"
        "def _private(*, x, by):\n    x.save()\n"
    )
    assert _silent(module, base=tmp_path) == ["services.py: ignores"]

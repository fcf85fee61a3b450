"""Which public services write, and which of them record a named action (read statically).

A service *writes* when it is public (no leading underscore) and is decorated with
`transaction.atomic` or takes `by`. It *records* when its body calls
`core.actions.record` (under any alias), or calls a function that records: one of its own
module, or one it imports from another services module (by name, or as `module.name`).
`test_actions.py` holds every writing service to recording, or to a place in
`unrecorded_services.py` with its reason."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]


def service_modules(root: Path = PACKAGE) -> list[Path]:
    found = set(root.glob("*/services.py")) | set(root.glob("*/services_*.py"))
    found |= {p for p in root.glob("*/services/*.py")}
    return sorted(found)


def dotted(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def key(path: Path, function: str, root: Path = PACKAGE) -> str:
    """`app/services.py:function`, as `unrecorded_services.py` names them."""
    return f"{path.relative_to(root).as_posix()}:{function}"


@dataclass
class Module:
    path: Path
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias: (module, name)
    modules: dict[str, str] = field(default_factory=dict)  # alias: module


def _parse(path: Path) -> Module:
    module = Module(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            module.functions[node.name] = node
    for node in ast.walk(tree):  # imports inside functions too
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                module.names[alias.asname or alias.name] = (node.module, alias.name)
                module.modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return module


def _calls(function: ast.AST) -> list[tuple[str | None, str]]:
    """(alias of a module or None, called name) of each call in the function."""
    found = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            found.append((None, node.func.id))
        elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            found.append((node.func.value.id, node.func.attr))
    return found


def _writes(function: ast.FunctionDef) -> bool:
    if function.name.startswith("_"):
        return False
    args = function.args
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    atomic = any("atomic" in ast.unparse(d) for d in function.decorator_list)
    return atomic or "by" in names


@dataclass
class Analysis:
    writes: dict[str, bool]  # key of each writing service: whether it records
    named: set[str]  # the names given to `record` itself (its first argument, a literal)
    mentioned: set[str]  # the string literals of every function that records


def analyse(root: Path = PACKAGE) -> Analysis:
    modules = {dotted(p, root): _parse(p) for p in service_modules(root)}
    recording: set[tuple[str, str]] = set()
    named: set[str] = set()
    for dotted_name, module in modules.items():
        for name, function in module.functions.items():
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                target = None
                if isinstance(node.func, ast.Name):
                    target = module.names.get(node.func.id)
                elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                    target = (module.modules.get(node.func.value.id), node.func.attr)
                if target == ("technopark.core.actions", "record"):
                    recording.add((dotted_name, name))
                    first = node.args[0] if node.args else None
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        named.add(first.value)
    changed = True
    while changed:
        changed = False
        for dotted_name, module in modules.items():
            for name, function in module.functions.items():
                if (dotted_name, name) in recording:
                    continue
                for alias, called in _calls(function):
                    if alias is None:
                        target = (
                            (dotted_name, called)
                            if called in module.functions
                            else module.names.get(called)
                        )
                    else:
                        target = (module.modules.get(alias), called)
                    if target in recording:
                        recording.add((dotted_name, name))
                        changed = True
                        break
    writes: dict[str, bool] = {}
    mentioned: set[str] = set()
    for dotted_name, module in modules.items():
        for name, function in module.functions.items():
            if (dotted_name, name) in recording:
                mentioned.update(
                    n.value
                    for n in ast.walk(function)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                )
            if _writes(function):
                writes[key(module.path, name, root)] = (dotted_name, name) in recording
    return Analysis(writes, named, mentioned)

""".importlinter covers every app as it is today: a new app, a new tasks.py or a new services
module cannot slip past the contracts by not being named in them."""

from __future__ import annotations

import configparser
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "technopark"


def _contract(name: str) -> configparser.SectionProxy:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return config[f"importlinter:contract:{name}"]


def _modules(section: configparser.SectionProxy, key: str) -> set[str]:
    return {line.strip() for line in section[key].splitlines() if line.strip()}


def _apps() -> list[str]:
    return [c.name for c in apps.get_app_configs() if c.name.startswith("technopark.")]


def _having(name: str) -> set[str]:
    """The project's apps that have a module or package `name`."""
    return {
        f"{app}.{name}"
        for app in _apps()
        if (PACKAGE / app.split(".")[1] / f"{name}.py").exists()
        or (PACKAGE / app.split(".")[1] / name / "__init__.py").exists()
    }


def test_every_tasks_module_is_held_below_every_services_module():
    contract = _contract("tasks-below-services")
    assert _modules(contract, "source_modules") == _having("tasks")
    assert _modules(contract, "forbidden_modules") == _having("services")


def test_core_imports_no_app():
    contract = _contract("core-base")
    assert _modules(contract, "source_modules") == {"technopark.core"}
    assert _modules(contract, "forbidden_modules") == set(_apps()) - {"technopark.core"}


def test_every_app_has_its_layer_house_on_top_and_core_at_the_bottom():
    lines = [line.strip() for line in _contract("layers")["layers"].splitlines() if line.strip()]
    layered = [m.strip() for line in lines for m in line.split("|")]
    assert sorted(layered) == sorted(_apps())
    assert (lines[0], lines[-1]) == ("technopark.house", "technopark.core")

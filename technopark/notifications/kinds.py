"""The registry of notification kinds. Each app declares its kinds in
`technopark/<app>/notifications.py` as `KINDS = [Kind(...), ...]` (autodiscovered)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    mandatory: bool = False

    @property
    def app(self) -> str:
        return self.code.split(".", 1)[0]


_registry: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    for kind in kinds:
        _registry[kind.code] = kind


def autodiscover() -> None:
    import importlib

    from django.apps import apps

    autodiscover_modules("notifications")
    for config in apps.get_app_configs():
        if not config.name.startswith("technopark."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.notifications")
        except ModuleNotFoundError:
            continue
        register(*getattr(module, "KINDS", []))


def get(code: str) -> Kind:
    if code not in _registry:
        raise KeyError(f"Unknown notification kind {code!r}: declare it in <app>/notifications.py")
    return _registry[code]


def all_kinds() -> list[Kind]:
    return sorted(_registry.values(), key=lambda k: k.code)

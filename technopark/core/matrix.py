"""The permission matrix: every page and endpoint, tried as every member of the cast.

Each app lists its cases in `<app>/tests/matrix.py` as `CASES = [Case(...), ...]`. The
core test runs each case for each role and checks the status code, then walks the URL
configuration and the OpenAPI schema and fails for any page or endpoint no case covers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = (
    "owner",
    "colleague",
    "other_member",
    "site_manager",
    "officer",
    "other_site_staff",
    "admin",
    "expert",
    "anonymous",
)


@dataclass
class Case:
    """One request and the status each role must get.

    `route` is a URL name ("startups:detail") or, for the API, "api:METHOD /path/{param}"
    as the OpenAPI schema names it. `path` builds the concrete path from the cast.
    `expect` maps a role to a status; `default` applies to roles not listed.
    """

    route: str
    path: Callable[[Any], str]
    expect: dict[str, int]
    default: int | None = None
    method: str = "get"
    data: Callable[[Any], dict] | None = None
    json: bool = False
    id: str = ""
    setup: Callable[[Any], None] | None = None
    notes: str = field(default="", compare=False)

    def status_for(self, role: str) -> int:
        if role in self.expect:
            return self.expect[role]
        if self.default is None:
            raise KeyError(f"{self.route}: no expected status for {role}")
        return self.default


def everyone(status: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, status) for role in ROLES}


def collect_cases() -> list[Case]:
    from technopark.core.hooks import app_modules

    cases: list[Case] = []
    for module in app_modules("tests.matrix"):
        cases.extend(module.CASES)
    return cases

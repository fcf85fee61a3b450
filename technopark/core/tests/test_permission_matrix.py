"""Run every case of the permission matrix as every role, and check nothing is left out."""

from __future__ import annotations

import json

import django
import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from technopark.core.matrix import ROLES, collect_cases

django.setup()
CASES = collect_cases()

# URL namespaces that belong to libraries, with their own access rules and tests.
LIBRARY_NAMESPACES = {"admin", "djdt"}
LIBRARY_PREFIXES = (
    "account_",
    "mfa_",
    "set_language",
    "openapi",
    "django.",
    "socialaccount",
    "usersessions",
    "headless",
)


def _case_id(case) -> str:
    return case.id or f"{case.method.upper()} {case.route}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_matrix(cast, case, role):
    if role != "anonymous":
        getattr(cast, role)  # made before the case's records, as the partner matrix does
    if case.setup:
        case.setup(cast)
    client = cast.client(role)
    path = case.path(cast)
    kwargs = {}
    if case.data is not None:
        payload = case.data(cast)
        if case.json:
            kwargs = {"data": json.dumps(payload), "content_type": "application/json"}
        else:
            kwargs = {"data": payload}
    response = getattr(client, case.method)(path, **kwargs)
    expected = case.status_for(role)
    assert response.status_code == expected, (
        f"{role} {case.method.upper()} {path}: {response.status_code} != {expected}"
    )


def _named_routes(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in LIBRARY_NAMESPACES or ns.startswith("api"):
                continue
            child = f"{namespace}{ns}:" if ns else namespace
            names |= _named_routes(pattern, child)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if not namespace and pattern.name.startswith(LIBRARY_PREFIXES):
                continue
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_page_is_in_the_matrix():
    covered = {case.route for case in CASES}
    missing = sorted(_named_routes(get_resolver()) - covered)
    assert not missing, f"pages without a permission case: {missing}"


def test_every_api_endpoint_is_in_the_matrix():
    from technopark.house.api import api

    schema = api.get_openapi_schema()
    operations = {
        f"api:{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops
    }
    covered = {case.route for case in CASES}
    missing = sorted(operations - covered)
    assert not missing, f"API endpoints without a permission case: {missing}"

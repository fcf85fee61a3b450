"""The API fuzzed from its OpenAPI schema (schemathesis): no server error, no answer that
breaks the schema, as an anonymous caller and with a network admin's token.

Cases per operation: FUZZ_EXAMPLES (default 25). The total is printed (pytest -s).
"""

from __future__ import annotations

import os
import time

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
BUDGET_SECONDS = int(os.environ.get("FUZZ_BUDGET_SECONDS", "150"))


def _checks():
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
    )

    return [not_a_server_error, response_schema_conformance, content_type_conformance]


def _fuzz(schema, headers: dict, deadline: float) -> tuple[int, list[str]]:
    cases = 0
    failures: list[str] = []
    checks = _checks()
    for result in schema.get_all_operations():
        operation = result.ok()
        if time.monotonic() > deadline:  # a slow machine: say so rather than time out CI
            print(f"schemathesis: time budget spent, stopped before {operation.label}")
            break

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            nonlocal cases
            cases += 1
            response = case.call(headers=headers)
            case.validate_response(response, checks=checks)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - reported per operation below
            failures.append(f"{operation.label}: {str(exc)[:600]}")
    return cases, failures


@pytest.fixture
def _keep_db_connection():
    """Like Django's test client: a request's end must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("_keep_db_connection")
def test_the_api_survives_fuzzing_anonymous_and_as_network_admin(cast, settings):
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    from technopark.accounts.services import token_create

    settings.TECHNOPARK_API_RATE_LIMITS = {"user": None, "ip": None}
    cache.clear()
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    _token, raw = token_create(user=cast.admin, name="fuzz")
    deadline = time.monotonic() + BUDGET_SECONDS
    total = 0
    failures: list[str] = []
    for who, headers in (("anonymous", {}), ("admin", {"Authorization": f"Bearer {raw}"})):
        cases, problems = _fuzz(schema, headers, deadline)
        total += cases
        failures += [f"[{who}] {p}" for p in problems]
    print(f"\nschemathesis: {total} cases on {len(list(schema.get_all_operations()))} operations")
    assert total > 0
    assert not failures, "\n\n".join(failures)

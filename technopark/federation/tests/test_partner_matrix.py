"""The federation's pages as partner staff: their own partner's pages, and nothing else."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from technopark.federation.tests.fixtures import PARTNER_ROLES, ensure_partners
from technopark.federation.tests.matrix import CASES


def _case_id(case) -> str:
    return case.id or f"{case.method.upper()} {case.route}"


@pytest.mark.parametrize("role", PARTNER_ROLES)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_partner_matrix(cast, case, role):
    ensure_partners(cast)
    if case.setup:
        case.setup(cast)
    client = Client()
    client.force_login(getattr(cast, role))
    kwargs = {}
    if case.data is not None:
        payload = case.data(cast)
        kwargs = (
            {"data": json.dumps(payload), "content_type": "application/json"}
            if case.json
            else {"data": payload}
        )
    response = getattr(client, case.method)(case.path(cast), **kwargs)
    assert response.status_code == case.partners[role], (
        f"{role} {case.method.upper()} {case.path(cast)}: "
        f"{response.status_code} != {case.partners[role]}"
    )


def test_every_case_says_what_partners_get():
    missing = [_case_id(c) for c in CASES if set(c.partners) != set(PARTNER_ROLES)]
    assert not missing

"""Every page the cast may open, with hostile query parameters, on the small demo.

The pages are those of the permission matrix (each app's `tests/matrix.py`: every GET page
with the arguments the cast gives it), opened by every role that gets a 200, on the demo
network seeded for this module plus the cast. For each page:

1. a plain request records which query parameters the page reads (`request.GET` is
   replaced by a QueryDict that notes the keys asked for), and the sort keys and filter
   values of its list (`core.listing.Listing`);
2. hypothesis (derandomized, FUZZ_PAGE_EXAMPLES per page at most, default one per role)
   draws hostile values for those parameters: dates that are not dates or fall outside
   any calendar (2022-13-45, 0001-01-01, 9999-12-31, 2022-02-30), unknown sorts
   (-nope, __class__), searches with %, ', NUL, Arabic or 5,000 characters, unknown
   filter values, page numbers -1, 99999, abc; each example is opened by the next role
   of those that may see the page;
3. every sort key and every offered filter value of its list is tried once, with a search.

Checks: no server error (an exception or a 5xx) and no page that shows a traceback.
"""

from __future__ import annotations

import itertools
import os
from collections import defaultdict

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import QueryDict
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from technopark.core.listing import Listing
from technopark.core.matrix import ROLES, collect_cases

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_PAGE_EXAMPLES", "0"))  # 0: one per role
BAD_DATES = ["2022-13-45", "0001-01-01", "9999-12-31", "2022-02-30", "2022-1-5", "0000-00"]
BAD_MONTHS = ["2022-13", "0000-01", "9999-12", "2022-1", "-1"]
BAD_TEXT = ["%", "'", "a\x00b", "x" * 5000, "ستارتاب ناشئة", "%_\\", "' OR 1=1 --", "\u202e"]
BAD_SORTS = ["-nope", "__class__", "pk__in", "-", "name;drop"]
BAD_PAGES = ["-1", "99999", "abc", "0", "1e9", "٣"]
BAD_CHOICES = ["nope", "__all__", "-1", "9" * 30, "None"]
DATE_KEYS = {"date", "as_of", "since", "until", "from", "to", "day", "start", "end", "on"}
NEVER = {"export", "format", "recompute"}  # downloads and recomputations: not this test's


def _values_for(key: str) -> list[str]:
    if key in DATE_KEYS:
        return BAD_DATES + BAD_MONTHS[:2]
    if key in {"month", "year"}:
        return BAD_MONTHS + BAD_DATES[:3] + ["99999999999", "١٩٩٩"]
    if key == "sort":
        return BAD_SORTS
    if key == "page":
        return BAD_PAGES
    return BAD_TEXT + BAD_CHOICES


class _ReadKeys(QueryDict):
    """A query string that notes which keys the page asks for."""

    read: set[str] | None = None

    def _note(self, key):
        if _ReadKeys.read is not None:
            _ReadKeys.read.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


def _recording_get(request):
    if "_fuzz_get" not in request.__dict__:
        query = request.environ.get("QUERY_STRING", "")
        request.__dict__["_fuzz_get"] = _ReadKeys(query, encoding=request._encoding)
    return request.__dict__["_fuzz_get"]


def _set_get(request, value):
    request.__dict__["_fuzz_get"] = value


@pytest.fixture
def recording(monkeypatch):
    """request.GET notes the keys read; each Listing notes its sorts and filters."""
    listings: list[Listing] = []
    original = Listing.__init__

    def noting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        listings.append(self)

    monkeypatch.setattr(WSGIRequest, "GET", property(_recording_get, _set_get))
    monkeypatch.setattr(Listing, "__init__", noting)
    return listings


def _pages(cast) -> list[tuple[str, list[str]]]:
    """(path, roles that get a 200) for every GET page of the matrix."""
    roles_of: dict[str, list[str]] = defaultdict(list)
    for case in collect_cases():
        if case.method != "get" or case.route.startswith("api:") or case.data is not None:
            continue
        roles = []
        for role in ROLES:
            try:
                if case.status_for(role) == 200:
                    roles.append(role)
            except KeyError:
                continue
        if not roles:
            continue
        for role in roles:
            if role != "anonymous":
                getattr(cast, role)
        try:
            # The matrix builds each case on a fresh database; here they share one, so a
            # case whose records another case's setup already made may not build.
            with transaction.atomic():
                if case.setup:
                    case.setup(cast)
                path = case.path(cast)
        except Exception:  # noqa: BLE001, S112 - left out, and counted by the test
            continue
        if "?" in path:
            continue
        for role in roles:
            if role not in roles_of[path]:
                roles_of[path].append(role)
    return sorted(roles_of.items())


def _problem(response) -> str | None:
    if response.status_code >= 500:
        return f"status {response.status_code}"
    if getattr(response, "streaming", False):
        return None
    body = response.content
    if b"Traceback (most recent call last)" in body or b"Exception Value:" in body:
        return "a traceback on the page"
    return None


def _open(clients, role, path, params, problems) -> None:
    try:
        response = clients[role].get(path, params)
    except Exception as exc:  # noqa: BLE001 - each crash is reported with what caused it
        problems.append(f"{role} GET {path} {params!r}: {type(exc).__name__}: {str(exc)[:200]}")
        return
    found = _problem(response)
    if found:
        problems.append(f"{role} GET {path} {params!r}: {found}")


def _fuzz(clients, path, roles, keys, problems) -> int:
    turn = itertools.count()
    opened = 0
    strategy = st.fixed_dictionaries(
        {key: st.one_of(st.sampled_from(_values_for(key)), st.text(max_size=12)) for key in keys}
    )

    @settings(
        max_examples=EXAMPLES or len(roles),
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(params=strategy)
    def run(params):
        nonlocal opened
        opened += 1
        _open(clients, roles[next(turn) % len(roles)], path, params, problems)

    run()
    return opened


def _sweep(clients, role, path, listing: Listing, problems) -> int:
    """Each sort key and each filter value offered, with a search."""
    tries = [{"sort": key, "q": "a"} for key in listing.sorts]
    for key, flt in listing.filters.items():
        tries += [{key: str(value), "q": "'%"} for value, _label in list(flt.choices)[:6]]
    for params in tries:
        _open(clients, role, path, params, problems)
    return len(tries)


def test_no_page_fails_on_hostile_query_parameters(demo_network, cast, recording):
    clients = {role: cast.client(role) for role in ROLES}
    problems: list[str] = []
    pages = _pages(cast)
    requests = 0
    read: set[str] = set()
    for path, roles in pages:
        _ReadKeys.read = set()
        recording.clear()
        _open(clients, roles[0], path, {}, problems)
        keys = sorted(_ReadKeys.read - NEVER)
        read |= set(keys)
        listing = recording[0] if recording else None
        _ReadKeys.read = None
        requests += 1 + _fuzz(clients, path, roles, keys, problems)
        if listing is not None:
            requests += _sweep(clients, roles[0], path, listing, problems)
    print(f"\n{requests} requests on {len(pages)} pages; parameters read: {sorted(read)}")
    assert len(pages) > 100
    assert {"q", "sort", "page", "date", "as_of", "month"} <= read
    assert not problems, f"{len(problems)} failures:\n" + "\n".join(problems[:60])


def test_the_recording_query_dict_notes_the_keys_a_page_reads():
    _ReadKeys.read = set()
    query = _ReadKeys("a=1&b=2")
    _ReadKeys.read.clear()  # building it reads nothing on the page's behalf
    query.get("a")
    _ = "c" in query
    query.getlist("d")
    assert _ReadKeys.read == {"a", "c", "d"}
    _ReadKeys.read = None

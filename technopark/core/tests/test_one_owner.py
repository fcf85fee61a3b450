"""One owner per record: outside a model's own app, only tests write it (they call
`tools/foreign_writes.py`'s search). What is still written from elsewhere is listed here,
so a new foreign write fails, and so does an entry that has since moved to its owner."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "tools" / "foreign_writes.py"

# Still to move into the owners' services (issue 16, item E). The demo seeding is a
# composition root; its bulk writes should become the owners' bulk services.
STILL_FOREIGN = Counter(
    {
        "technopark/accounts/demo.py desk.Desk": 1,
        "technopark/core/api.py privacy.IdempotencyRecord": 2,
        "technopark/core/demo_network.py hosting.Lease": 1,
        "technopark/core/demo_network.py network.Operator": 1,
        "technopark/core/demo_network.py network.Site": 1,
        "technopark/core/demo_network.py network.SiteBudget": 1,
        "technopark/core/demo_network.py network.Space": 1,
        "technopark/core/demo_network.py programs.Enrollment": 1,
        "technopark/core/demo_network.py programs.Program": 1,
        "technopark/core/demo_network.py startups.Export": 1,
        "technopark/core/demo_network.py startups.FollowUp": 1,
        "technopark/core/demo_network.py startups.Funding": 1,
        "technopark/core/demo_network.py startups.Grouping": 1,
        "technopark/core/demo_network.py startups.GroupingMember": 1,
        "technopark/core/demo_network.py startups.Headcount": 1,
        "technopark/core/demo_network.py startups.Patent": 1,
        "technopark/core/demo_network.py startups.Startup": 1,
        "technopark/core/demo_network.py surveys.SatisfactionAnswer": 1,
        "technopark/desk/demo.py accounts.Role": 1,
        "technopark/desk/demo.py surveys.SatisfactionAnswer": 1,
    }
)


def _search():
    spec = importlib.util.spec_from_file_location("foreign_writes", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.foreign_writes()


def test_no_app_writes_another_apps_records_beyond_the_known_list():
    found = _search()
    counted = Counter(_key(row) for row in found)
    new = [row for row in found if counted[_key(row)] > STILL_FOREIGN[_key(row)]]
    assert not new, "writes outside the owning app (call the owner's service):\n" + "\n".join(new)
    moved = sorted(set(STILL_FOREIGN) - set(counted))
    assert not moved, "moved to their owner, drop them from STILL_FOREIGN:\n" + "\n".join(moved)


def _key(row: str) -> str:
    where, model = row.split(" ")
    return f"{where.rsplit(':', 1)[0]} {model}"

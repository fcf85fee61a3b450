"""What an API token may touch: its scopes, its expiry, and whose it is (docs/api.md).

A scope is an area and an access, `hosting:read` or `hosting:write` (write includes read).
A call reads when its method is GET, HEAD or OPTIONS and writes otherwise; its area is
named by the first segment of its path under /api/v1/ (AREAS). `*` is every area, read
and write: the tokens made before scopes existed have it (a data migration), so they keep
working as full personal tokens.

Scopes only narrow: a call still goes through the one permission layer as the token's
person, so a token never does more than that person may. An organisation's token (a
partner organisation, or the network's own operator) is made by one of its
administrators, listed and revocable by all of them, and acts as its maker only while the
maker still administers the organisation; it never does more than the maker may.

Nothing here is cached: a revoked or expired token is refused by the very next call.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FULL = "*"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
API_PREFIX = "/api/v1/"

# area -> its name on the settings page
AREAS: dict[str, str] = {
    "sites": _("Sites and spaces"),
    "startups": _("Startups"),
    "programs": _("Programs, enrollments and plans"),
    "hosting": _("Hosting contracts"),
    "billing": _("Invoices, credit notes and payments"),
    "booking": _("Room bookings"),
    "desk": _("Partner desks, appointments and files across desks"),
    "community": _("Events"),
    "support": _("Support requests and experts' slots"),
    "documents": _("Startups' documents and document requests"),
    "signatures": _("Signature requests"),
    "committee": _("Selection committees"),
    "impact": _("The bilan and open figures"),
    "federation": _("Federation"),
    "account": _("Your account: personal data, calendar"),
}

# the first segment of a path under /api/v1/ -> its area (a segment not listed is its own
# area, so a new endpoint is never reachable by a token scoped before it existed)
SEGMENTS: dict[str, str] = {
    "sites": "sites",
    "spaces": "sites",
    "startups": "startups",
    "programs": "programs",
    "calls": "programs",
    "applications": "programs",
    "enrollments": "programs",
    "plans": "programs",
    "milestones": "programs",
    "contracts": "hosting",
    "invoices": "billing",
    "credit-notes": "billing",
    "payments": "billing",
    "bookings": "booking",
    "desks": "desk",
    "appointments": "desk",
    "procedures": "desk",
    "desk-files": "desk",
    "events": "community",
    "support-requests": "support",
    "expert-slots": "support",
    "expert-sessions": "support",
    "documents": "documents",
    "document-requests": "documents",
    "signature-requests": "signatures",
    "committee-sessions": "committee",
    "committee-items": "committee",
    "bilan": "impact",
    "open": "impact",
    "federation": "federation",
    "privacy": "account",
    "me": "account",
}


def all_scopes() -> list[str]:
    return [f"{area}:{access}" for area in AREAS for access in ("read", "write")]


def scope_choices() -> list[tuple[str, str]]:
    return [(area, label) for area, label in AREAS.items()]


def area_of(path: str) -> str | None:
    """The area of an API path; None outside /api/v1/ or for the schema and its docs."""
    if not path.startswith(API_PREFIX):
        return None
    segment = path[len(API_PREFIX) :].split("/", 1)[0]
    if segment in {"", "openapi.json", "docs"}:
        return None
    return SEGMENTS.get(segment, segment)


def allows(scopes: list[str], *, method: str, path: str) -> bool:
    """Whether a token with `scopes` may make this call (before the permission layer)."""
    if FULL in scopes:
        return True
    area = area_of(path)
    if area is None:
        return True
    if f"{area}:write" in scopes:
        return True
    return method.upper() in READ_METHODS and f"{area}:read" in scopes


def missing_scope(scopes: list[str], *, method: str, path: str) -> str | None:
    """The scope this call needs and the token lacks, None when it may make it."""
    if allows(scopes, method=method, path=path):
        return None
    access = "read" if method.upper() in READ_METHODS else "write"
    return f"{area_of(path)}:{access}"


def normalise(scopes: list[str]) -> list[str]:
    """Known scopes only, each once, in a stable order; `x:write` implies `x:read`."""
    wanted = set(scopes)
    if FULL in wanted:
        return [FULL]
    for area in AREAS:
        if f"{area}:write" in wanted:
            wanted.add(f"{area}:read")
    return [scope for scope in all_scopes() if scope in wanted]

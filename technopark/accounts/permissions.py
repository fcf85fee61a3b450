"""The one permission layer: who a user is in the network, and what each role may see and do.

Every view and API endpoint asks here, never on its own:

- `principal(user)` computes once per request what the user is (roles and scopes).
- `can(user, "perm", obj)` answers an action on an object; apps register their rules
  with `@rule("app.action")` in their own `permissions.py`, which the layer loads.
- `get_visible_or_404(user, queryset, **lookup)` and `require(user, perm, obj)` are what
  views use: what a user may not see is a 404, never a 403, so existence does not leak.

Querysets of what a user may see are the `visible_*` selectors in each app's
`permissions.py`; they start from the scope the user has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.module_loading import autodiscover_modules

STAFF_ROLES = {
    "network_admin",
    "site_manager",
    "program_officer",
    "partner_admin",
    "partner_officer",
}


@dataclass(frozen=True)
class Principal:
    """What a user is in the network. Anonymous visitors have an empty principal."""

    user_id: int | None = None
    is_superuser: bool = False
    kinds: frozenset[str] = frozenset()
    managed_site_ids: frozenset[int] = frozenset()
    # (site_id, program_id or None for every program at the site)
    officer_scopes: frozenset[tuple[int, int | None]] = frozenset()
    desk_ids: frozenset[int] = frozenset()
    operator_ids: frozenset[int] = frozenset()
    partner_admin_operator_ids: frozenset[int] = frozenset()
    startup_ids: frozenset[int] = frozenset()
    founder_startup_ids: frozenset[int] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_network_admin(self) -> bool:
        return self.is_superuser or "network_admin" in self.kinds

    @property
    def is_staff(self) -> bool:
        """Staff of the network or of a partner: people who run things, not startups."""
        return self.is_network_admin or bool(self.kinds & STAFF_ROLES)

    @property
    def is_expert(self) -> bool:
        return "expert" in self.kinds

    @property
    def is_desk_agent(self) -> bool:
        return bool(self.desk_ids)

    @property
    def officer_site_ids(self) -> frozenset[int]:
        return frozenset(site_id for site_id, _ in self.officer_scopes)

    @property
    def staff_site_ids(self) -> frozenset[int]:
        """Sites whose records this user works on as a manager or program officer."""
        return self.managed_site_ids | self.officer_site_ids

    def manages_site(self, site_id: int | None) -> bool:
        return self.is_network_admin or site_id in self.managed_site_ids

    def works_at_site(self, site_id: int | None) -> bool:
        return self.is_network_admin or site_id in self.staff_site_ids

    def is_member_of(self, startup_id: int | None) -> bool:
        return startup_id in self.startup_ids

    def is_founder_of(self, startup_id: int | None) -> bool:
        return startup_id in self.founder_startup_ids


ANONYMOUS = Principal()


# Principals already computed in this process, by (user id, access version, superuser):
# `User.access_version` changes (in the database, with the change) whenever the user's
# roles or memberships do, so a worker that reads the user's row at the start of each
# request never serves a principal older than that row. Bounded: cleared when full.
_KNOWN: dict[tuple[int, int, bool], Principal] = {}
_KNOWN_MAX = 4096


def _key(user) -> tuple[int, int, bool]:
    return (user.pk, getattr(user, "access_version", 0), bool(user.is_superuser))


def principal(user) -> Principal:
    """The principal of a user, computed once and kept on the user object.

    Within a process it is also kept by (user, access version), so the next requests of
    the same person reuse it until their roles or memberships change (see `_KNOWN`).
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_technopark_principal", None)
    if cached is not None:
        return cached
    key = _key(user)
    result = _KNOWN.get(key)
    if result is None:
        result = _load_principal(user)
        if len(_KNOWN) >= _KNOWN_MAX:
            _KNOWN.clear()
        _KNOWN[key] = result
    user._technopark_principal = result
    return result


def _load_principal(user) -> Principal:
    from technopark.accounts.models import Role

    # Memberships belong to startups, above accounts: named, not imported.
    Membership = apps.get_model("startups", "Membership")

    roles = list(
        Role.objects.filter(user=user)
        .order_by()
        .values_list("kind", "site_id", "program_id", "desk_id", "operator_id")
    )
    memberships = list(
        Membership.objects.filter(user=user).order_by().values_list("startup_id", "is_founder")
    )
    return Principal(
        user_id=user.pk,
        is_superuser=user.is_superuser,
        kinds=frozenset(kind for kind, *_ in roles),
        managed_site_ids=frozenset(site for kind, site, *_ in roles if kind == "site_manager"),
        officer_scopes=frozenset(
            (site, program) for kind, site, program, *_ in roles if kind == "program_officer"
        ),
        desk_ids=frozenset(desk for kind, _s, _p, desk, _o in roles if kind == "desk_agent"),
        operator_ids=frozenset(
            op for kind, *_x, op in roles if kind in ("partner_admin", "partner_officer")
        ),
        partner_admin_operator_ids=frozenset(
            op for kind, *_x, op in roles if kind == "partner_admin"
        ),
        startup_ids=frozenset(startup for startup, _ in memberships),
        founder_startup_ids=frozenset(startup for startup, founder in memberships if founder),
    )


def forget(user) -> None:
    """Drop the cached principal after the user's roles or memberships change."""
    if hasattr(user, "_technopark_principal"):
        del user._technopark_principal
    forget_user_id(user.pk)


def forget_user_id(user_id: int | None) -> None:
    """Drop this process's principals of a user (their roles or memberships changed)."""
    for key in [k for k in _KNOWN if k[0] == user_id]:
        _KNOWN.pop(key, None)


# --- Rules --------------------------------------------------------------------------------

Rule = Callable[[Principal, Any], bool]
_RULES: dict[str, Rule] = {}
_loaded = False


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register the rule deciding `name` (e.g. "startup.change"). One rule per name."""

    def register(fn: Rule) -> Rule:
        if name in _RULES and _RULES[name] is not fn:
            raise ValueError(f"permission rule {name!r} is registered twice")
        _RULES[name] = fn
        return fn

    return register


def _load_rules() -> None:
    global _loaded
    if _loaded:
        return
    autodiscover_modules("permissions")  # each app registers its rules on import
    _loaded = True


def registered_rules() -> dict[str, Rule]:
    _load_rules()
    return dict(_RULES)


def can(user, perm: str, obj: Any = None) -> bool:
    _load_rules()
    try:
        decide = _RULES[perm]
    except KeyError:
        raise LookupError(f"no permission rule named {perm!r}") from None
    return bool(decide(principal(user), obj))


def require(user, perm: str, obj: Any = None, *, view_perm: str | None = None) -> None:
    """Raise unless the user may do `perm` on `obj`.

    When the user may not even see `obj` (per `view_perm`), raise 404 so that existence
    does not leak; otherwise 403.
    """
    if can(user, perm, obj):
        return
    if view_perm and not can(user, view_perm, obj):
        raise Http404
    if not principal(user).is_authenticated:
        raise Http404
    raise PermissionDenied


def get_visible_or_404(queryset: QuerySet, **lookup) -> Model:
    """Fetch one object from an already-scoped queryset, or 404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Rules about people themselves ------------------------------------------------------------


@rule("platform.staff")
def _is_staff(p: Principal, obj) -> bool:
    return p.is_staff


@rule("platform.network_admin")
def _is_network_admin(p: Principal, obj) -> bool:
    return p.is_network_admin


@rule("platform.authenticated")
def _is_authenticated(p: Principal, obj) -> bool:
    return p.is_authenticated


@rule("accounts.calendar")
def _own_calendar(p: Principal, feed) -> bool:
    """One's own calendar address: read it, renew it, revoke it; nobody else's."""
    return p.is_authenticated and (feed is None or feed.user_id == p.user_id)


def visible_personal_calendars(user) -> QuerySet:
    """The person's own calendar addresses (the active one first)."""
    p = principal(user)
    PersonalCalendar = apps.get_model("accounts", "PersonalCalendar")
    if not p.is_authenticated:
        return PersonalCalendar.objects.none()
    return PersonalCalendar.objects.filter(user_id=p.user_id)


def administered_organisations(user) -> QuerySet:
    """The organisations whose API tokens `user` may make and revoke: the partner
    organisations they administer, and the network's own operator for its administrators."""
    p = principal(user)
    Operator = apps.get_model("network", "Operator")
    if not p.is_authenticated:
        return Operator.objects.none()
    q = Q(pk__in=p.partner_admin_operator_ids)
    if p.is_network_admin:
        q |= Q(is_network_operator=True)
    return Operator.objects.filter(q).order_by("name", "pk")


def visible_api_tokens(user) -> QuerySet:
    """The live tokens a person sees on their settings page: their own, and those of the
    organisations they administer."""
    p = principal(user)
    ApiToken = apps.get_model("accounts", "ApiToken")
    if not p.is_authenticated:
        return ApiToken.objects.none()
    mine = Q(user_id=p.user_id) | Q(operator__in=administered_organisations(user))
    return ApiToken.objects.filter(mine, revoked_at__isnull=True).select_related("operator", "user")

"""The audit trail: django-auditlog records who changed what on the registered models.

Each app registers its own models here-by-call in its AppConfig.ready, so the list of
audited records sits next to the records. Services name the actor with `set_actor(by)`,
so a write from a page, the API, a management command or a task records who made it; a
service whose body does not use `by` carries `@acts_for_by`, which does it around the call
(`core/tests/test_services_name_actor.py` checks every public service does one or the other).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from auditlog import context as auditlog_context
from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from auditlog.registry import auditlog

from technopark.core.actions import channel
from technopark.core.client_address import client_ip

P = ParamSpec("P")
R = TypeVar("R")


def audit(*models, **options) -> None:
    """Audit the models; `options` go to auditlog (e.g. `exclude_fields` for personal text
    that retention blanks, so the trail does not keep a copy of it)."""
    for model in models:
        if not auditlog.contains(model):
            auditlog.register(model, **options)


@contextlib.contextmanager
def set_actor(by) -> Iterator[None]:
    """Within the block, audit entries name `by` (a user) as their actor.

    A service names the person it acts for, so a write from a page, the API, a command or
    a task records it; with no `by`, the surrounding context (the request's user) stays.
    The surrounding context is restored after the block.
    """
    if by is None or not getattr(by, "pk", None):
        yield
        return
    remote = auditlog_context.auditlog_value.get(None) or {}
    # auditlog's context sets its variable and never resets it: the token puts back what
    # was there before the block, nothing included, so `by` does not outlive it.
    token = auditlog_context.auditlog_value.set(remote or no_context())
    try:
        with auditlog_context.set_actor(
            by, remote_addr=remote.get("remote_addr"), remote_port=remote.get("remote_port")
        ):
            yield
    finally:
        auditlog_context.auditlog_value.reset(token)


def acts_for_by(service: Callable[P, R]) -> Callable[P, R]:
    """Run the service within `set_actor(by)`, `by` being its keyword argument: the audit
    entries its writes make name the person it acts for, whoever calls it (a page, the API,
    a management command, a task)."""

    @functools.wraps(service)
    def named(*args: P.args, **kwargs: P.kwargs) -> R:
        with set_actor(kwargs.get("by")):
            return service(*args, **kwargs)

    return named


def no_context() -> dict:
    """What the audit context holds where nobody set one, while a token will take it back:
    no actor, and a `signal_duid` auditlog's receivers (connected by another thread's
    request) compare with theirs and pass."""
    return {"actor": None, "signal_duid": None}


def name_request_actor(user) -> None:
    """Name the user of a token-authenticated API call as the actor of the request's entries.

    The audit middleware runs before the API resolves a token, so it saw no user.
    """
    current = auditlog_context.auditlog_value.get(None)
    if current is not None and current.get("actor") is None:
        current["actor"] = user


class AuditlogMiddleware(_AuditlogMiddleware):
    """auditlog's middleware, with the client's address as `core.client_address` reads it:
    auditlog's own takes `X-Forwarded-For` (and `X-Forwarded-Port`) from anyone.

    It also names the channel of the request's actions (`core.actions`): `api` under
    /api/, else `page`."""

    def __call__(self, request):
        # auditlog sets the request's context and never resets it: without the token, the
        # request's user would stay the actor of whatever the thread does next (a command,
        # a test), and name it in actions they never took.
        token = auditlog_context.auditlog_value.set(no_context())
        try:
            with channel("api" if request.path.startswith("/api/") else "page"):
                return super().__call__(request)
        finally:
            auditlog_context.auditlog_value.reset(token)

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        return None

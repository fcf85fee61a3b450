"""The REST API under /api/v1/: one NinjaAPI, with each app's router mounted on it.

Authentication is `Authorization: Bearer <token>` or the browser session (with CSRF on
writes). Anonymous calls are let through to the endpoint, which asks the permission
layer like any view. Errors are JSON: {"code": ..., "message": ...}.

Every endpoint is wrapped once, at URL level (`TechnoparkAPI._get_urls`), by:

- a rate limit per user (token or session) and per client address, counted in the cache
  (settings.TECHNOPARK_API_RATE_LIMITS); over it: 429 {"code": "rate_limited"} with
  Retry-After;
- `Idempotency-Key` on writes: the first answer to (user, key) is kept 24 hours and
  replayed for a retry with the same body; the same key with another body is a 422.
"""

from __future__ import annotations

import functools
import hashlib
import threading

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import URLPattern
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.utils import check_csrf

from technopark.core.api_errors import method_not_allowed_as_json
from technopark.core.api_schema import declare_auth_and_errors
from technopark.core.audit import name_request_actor
from technopark.core.client_address import client_ip
from technopark.core.errors import DomainError
from technopark.core.operations import database_unavailable
from technopark.core.ratelimit import hit

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class ApiAuth:
    """Bearer token or session; anonymous when neither, refused when a token is bad."""

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request):
        from technopark.accounts.services import token_authenticate

        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = getattr(request, "_technopark_token_user", None)
            if user is None:
                user = token_authenticate(raw=header[7:].strip())
            if user is None:
                return None
            request.user = user
            request._dont_enforce_csrf_checks = True
        else:
            user = getattr(request, "user", None) or AnonymousUser()
            if user.is_authenticated and request.method in UNSAFE:
                error = check_csrf(request)
                if error:
                    raise PermissionDenied(_("CSRF check failed: reload the page and try again."))
        if user.is_authenticated:
            name_request_actor(user)
        return user if user.is_authenticated else _ANONYMOUS


class _Anonymous(AnonymousUser):
    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


_ANONYMOUS = _Anonymous()


# OpenAPI links: which answer gives the ids another operation takes. Clients (and the
# stateful fuzzing of core/tests/security/test_fuzz_api.py) follow them so ids come from
# real answers. (source operation, status) -> {link name: (target operation, parameters)}.
LINKS: dict[tuple[str, int], dict[str, tuple[str, dict[str, str]]]] = {
    ("GET /api/v1/sites", 200): {
        "site": ("GET /api/v1/sites/{code}", {"code": "$response.body#/items/0/code"}),
    },
    ("GET /api/v1/spaces", 200): {
        "availability": (
            "GET /api/v1/spaces/{site}/{code}/availability",
            {"site": "$response.body#/items/0/site", "code": "$response.body#/items/0/code"},
        ),
    },
    ("GET /api/v1/startups", 200): {
        "startup": ("GET /api/v1/startups/{ref}", {"ref": "$response.body#/items/0/id"}),
        "declare": (
            "POST /api/v1/startups/{ref}/declarations",
            {"ref": "$response.body#/items/0/id"},
        ),
    },
    ("GET /api/v1/programs", 200): {
        "program": ("GET /api/v1/programs/{code}", {"code": "$response.body#/items/0/code"}),
    },
    ("POST /api/v1/bookings", 201): {
        "cancel": ("DELETE /api/v1/bookings/{booking_id}", {"booking_id": "$response.body#/id"}),
    },
    ("GET /api/v1/bookings", 200): {
        "cancel": (
            "DELETE /api/v1/bookings/{booking_id}",
            {"booking_id": "$response.body#/items/0/id"},
        ),
    },
    ("GET /api/v1/desks", 200): {
        "slots": ("GET /api/v1/desks/{desk_id}/slots", {"desk_id": "$response.body#/items/0/id"}),
        "publish": (
            "POST /api/v1/desks/{desk_id}/slots",
            {"desk_id": "$response.body#/items/0/id"},
        ),
    },
    ("POST /api/v1/appointments", 201): {
        "cancel": (
            "DELETE /api/v1/appointments/{appointment_id}",
            {"appointment_id": "$response.body#/id"},
        ),
    },
    ("GET /api/v1/appointments", 200): {
        "cancel": (
            "DELETE /api/v1/appointments/{appointment_id}",
            {"appointment_id": "$response.body#/items/0/id"},
        ),
    },
    ("GET /api/v1/events", 200): {
        "register": (
            "POST /api/v1/events/{event_id}/registrations",
            {"event_id": "$response.body#/items/0/id"},
        ),
        "unregister": (
            "DELETE /api/v1/events/{event_id}/registrations/mine",
            {"event_id": "$response.body#/items/0/id"},
        ),
    },
    ("POST /api/v1/events", 201): {
        "register": (
            "POST /api/v1/events/{event_id}/registrations",
            {"event_id": "$response.body#/id"},
        ),
    },
    ("GET /api/v1/contracts", 200): {
        "contract": (
            "GET /api/v1/contracts/{contract_id}",
            {"contract_id": "$response.body#/items/0/id"},
        ),
    },
    ("GET /api/v1/invoices", 200): {
        "invoice": (
            "GET /api/v1/invoices/{invoice_id}",
            {"invoice_id": "$response.body#/items/0/id"},
        ),
        "pay": (
            "POST /api/v1/invoices/{invoice_id}/payments",
            {"invoice_id": "$response.body#/items/0/id"},
        ),
    },
    ("GET /api/v1/plans", 200): {
        "milestone": (
            "POST /api/v1/plans/{plan_id}/milestones",
            {"plan_id": "$response.body#/items/0/id"},
        ),
    },
    ("POST /api/v1/plans/{plan_id}/milestones", 201): {
        "status": (
            "POST /api/v1/milestones/{milestone_id}/status",
            {"milestone_id": "$response.body#/id"},
        ),
    },
    ("GET /api/v1/support-requests", 200): {
        "request": (
            "GET /api/v1/support-requests/{request_id}",
            {"request_id": "$response.body#/items/0/id"},
        ),
    },
    ("GET /api/v1/document-requests", 200): {
        "request": (
            "GET /api/v1/document-requests/{request_id}",
            {"request_id": "$response.body#/items/0/id"},
        ),
        "decide": (
            "POST /api/v1/document-requests/{request_id}/decision",
            {"request_id": "$response.body#/items/0/id"},
        ),
    },
    ("POST /api/v1/document-requests", 201): {
        "request": (
            "GET /api/v1/document-requests/{request_id}",
            {"request_id": "$response.body#/id"},
        ),
    },
    ("GET /api/v1/desk-files", 200): {
        "file": ("GET /api/v1/desk-files/{file_id}", {"file_id": "$response.body#/items/0/id"}),
        "move": (
            "POST /api/v1/desk-files/{file_id}/move",
            {"file_id": "$response.body#/items/0/id"},
        ),
    },
    ("POST /api/v1/desk-files", 201): {
        "file": ("GET /api/v1/desk-files/{file_id}", {"file_id": "$response.body#/id"}),
        "move": ("POST /api/v1/desk-files/{file_id}/move", {"file_id": "$response.body#/id"}),
    },
    ("GET /api/v1/expert-slots", 200): {
        "book": (
            "POST /api/v1/expert-slots/{slot_id}/bookings",
            {"slot_id": "$response.body#/items/0/slot"},
        ),
    },
    ("POST /api/v1/expert-slots/{slot_id}/bookings", 201): {
        "cancel": (
            "POST /api/v1/expert-sessions/{session_id}/cancel",
            {"session_id": "$response.body#/id"},
        ),
    },
    ("GET /api/v1/committee-sessions", 200): {
        "session": (
            "GET /api/v1/committee-sessions/{session_id}",
            {"session_id": "$response.body#/items/0/id"},
        ),
    },
    ("GET /api/v1/committee-sessions/{session_id}", 200): {
        "declare": (
            "POST /api/v1/committee-items/{item_id}/declaration",
            {"item_id": "$response.body#/agenda/0/id"},
        ),
        "vote": (
            "POST /api/v1/committee-items/{item_id}/vote",
            {"item_id": "$response.body#/agenda/0/id"},
        ),
    },
    ("GET /api/v1/signature-requests", 200): {
        name: (
            f"{method} /api/v1/signature-requests/{{request_id}}{tail}",
            {"request_id": "$response.body#/items/0/id"},
        )
        for name, method, tail in (
            ("request", "GET", ""),
            ("signed_pdf", "GET", "/signed.pdf"),
            ("document", "GET", "/document.pdf"),
            ("code", "POST", "/code"),
            ("sign", "POST", "/signature"),
            ("decline", "POST", "/decline"),
        )
    },
    ("POST /api/v1/events/{event_id}/registrations", 201): {
        "unregister": (
            "DELETE /api/v1/events/{event_id}/registrations/mine",
            {"event_id": "$response.body#/event"},
        ),
    },
}


def add_links(schema: dict) -> dict:
    """Write LINKS into the OpenAPI document (operations named "METHOD /path")."""
    ops = {
        f"{method.upper()} {path}": op
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    }
    for (source, status), links in LINKS.items():
        if source not in ops:
            continue
        responses = ops[source]["responses"]
        key = status if status in responses else str(status)  # ninja keys them by int
        response = responses.setdefault(key, {"description": "OK"})
        response["links"] = {
            name: {"operationId": ops[target]["operationId"], "parameters": parameters}
            for name, (target, parameters) in links.items()
            if target in ops
        }
    return schema


class TechnoparkAPI(NinjaAPI):
    """The NinjaAPI whose every URL goes through the rate limit and the idempotency keys."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return add_links(declare_auth_and_errors(schema))

    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = _guarded(pattern.callback)
        return urls


api = TechnoparkAPI(
    title="Technopark API",
    version="1",
    description="The records of the technology park network: sites, spaces, programs, startups, "
    "the bilan and the services of each site. Authenticate with `Authorization: Bearer <token>`.",
    urls_namespace="api",
    auth=ApiAuth(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def error_response(request, status: int, code: str, message: str, **extra):
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    extra = {"field": exc.field} if exc.field else {}
    return error_response(request, exc.status, exc.code, exc.message, **extra)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return error_response(request, 403, "forbidden", str(exc) or _("You may not do this."))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return error_response(
        request, 401, "unauthenticated", _("The API token is invalid or revoked.")
    )


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc: NinjaValidationError):
    errors = [
        {
            "field": ".".join(str(part) for part in err.get("loc", [])[1:]),
            "message": err.get("msg", ""),
        }
        for err in exc.errors
    ]
    return error_response(request, 400, "invalid", _("The request is not valid."), errors=errors)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_down(request, exc):
    return database_unavailable(request)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error_response(request, exc.status_code, "error", str(exc))


_mounted = False
_mount_lock = threading.Lock()


def mount_routers() -> None:
    """Each app exposes `router` in its api.py; mount them once, even when the URLconf is
    first loaded by several threads at the same time."""
    global _mounted
    with _mount_lock:
        if _mounted:
            return
        _mount_all()
        _mounted = True


def _mount_all() -> None:
    from technopark.core.hooks import app_modules

    for module in app_modules("api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router("", router)


# --- Who is calling, for the rate limit and the idempotency keys ---------------------------


def _caller(request):
    """The user behind a request before ninja authenticates it (None when anonymous or bad)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        from technopark.accounts.services import token_authenticate

        user = token_authenticate(raw=header[7:].strip())
        request._technopark_token_user = user
        return user
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _token_lacks_second_factor(request, user) -> bool:
    """A session without a second factor is stopped by accounts.middleware; a token call
    carries no session, so its user's second factor is checked here."""
    from technopark.accounts import second_factor

    return getattr(request, "_technopark_token_user", None) is not None and (
        second_factor.missing_for_token(user)
    )


def _out_of_scope(request, user) -> HttpResponse | None:
    """A token's scopes narrow what it may call (accounts/tokens.py): 403 otherwise."""
    from technopark.accounts.tokens import missing_scope

    token = getattr(user, "api_token", None) if user is not None else None
    if token is None:
        return None
    needed = missing_scope(token.scopes, method=request.method, path=request.path)
    if needed is None:
        return None
    return _json_error(
        403,
        "insufficient_scope",
        _("This API token does not have the scope %(scope)s.") % {"scope": needed},
    )


# --- Rate limit ------------------------------------------------------------------------------


def _rate_limited(request, user) -> HttpResponse | None:
    limits = getattr(settings, "TECHNOPARK_API_RATE_LIMITS", {}) or {}
    checks = [("ip", client_ip(request), limits.get("ip"))]
    if user is not None:
        checks.append(("user", str(user.pk), limits.get("user")))
    for scope, ident, rate in checks:
        if not rate:
            continue
        retry_after = hit(f"api-{scope}", ident, rate)
        if retry_after:
            response = JsonResponse(
                {
                    "code": "rate_limited",
                    "message": _("Too many requests: try again in %(seconds)s seconds.")
                    % {"seconds": retry_after},
                },
                status=429,
            )
            response["Retry-After"] = str(retry_after)
            return response
    return None


# --- Idempotency keys ----------------------------------------------------------------------

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_TTL = 24 * 3600


def _json_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def _idempotent(view, request, user, key: str, *args, **kwargs):
    from technopark.privacy.services import (
        idempotency_record_claim,
        idempotency_record_forget,
        idempotency_record_store,
    )

    if len(key) > 255:
        return _json_error(400, "invalid", _("The Idempotency-Key header is too long."))
    fingerprint = hashlib.sha256(request.body).hexdigest()
    record, first = idempotency_record_claim(
        user=user,
        key=key,
        method=request.method,
        path=request.path,
        body_hash=fingerprint,
        ttl_seconds=IDEMPOTENCY_TTL,
    )
    if not first:
        if record is None:  # the first attempt failed and was forgotten meanwhile
            return _json_error(
                409, "idempotency_in_progress", _("The first request is still running.")
            )
        if (record.method, record.path, record.body_hash) != (
            request.method,
            request.path,
            fingerprint,
        ):
            return _json_error(
                422,
                "idempotency_key_reused",
                _("This Idempotency-Key was already used for another request."),
            )
        if record.status is None:
            return _json_error(
                409,
                "idempotency_in_progress",
                _("A request with this Idempotency-Key is still running: retry in a moment."),
            )
        replay = HttpResponse(
            bytes(record.body), status=record.status, content_type=record.content_type or None
        )
        replay["Idempotent-Replayed"] = "true"
        return replay
    try:
        response = view(request, *args, **kwargs)
    except BaseException:
        idempotency_record_forget(record=record)
        raise
    if response.status_code >= 500 or getattr(response, "streaming", False):
        idempotency_record_forget(record=record)  # a retry may run again
    else:
        idempotency_record_store(
            record=record,
            status=response.status_code,
            body=bytes(response.content),
            content_type=response.get("Content-Type", ""),
        )
    return response


def _has_nul(request) -> bool:
    """A NUL character in a parameter: PostgreSQL refuses it in text (a 500 otherwise)."""
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return True
    if "\x00" in request.path:
        return True
    if request.content_type == "application/json":
        return b"\\u0000" in request.body or b"\x00" in request.body
    return False


def _guarded(view):
    @functools.wraps(view)
    def guarded_view(request, *args, **kwargs):
        user = _caller(request)
        limited = _rate_limited(request, user)
        if limited is not None:
            return limited
        if user is not None and _token_lacks_second_factor(request, user):
            return _json_error(
                403,
                "second_factor_required",
                _(
                    "Staff use two-factor authentication: turn it on from your profile "
                    "before calling the API with a token."
                ),
            )
        refused = _out_of_scope(request, user)
        if refused is not None:
            return refused
        if _has_nul(request):
            return _json_error(400, "invalid", _("The request contains a NUL character."))
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if key and user is not None and request.method in UNSAFE:
            return _idempotent(view, request, user, key, *args, **kwargs)
        return method_not_allowed_as_json(request, view(request, *args, **kwargs))

    guarded_view.csrf_exempt = getattr(view, "csrf_exempt", False)
    return guarded_view

"""The REST API under /api/v1/: one NinjaAPI, with each app's router mounted on it.

Authentication is `Authorization: Bearer <token>` or the browser session (with CSRF on
writes). Anonymous calls are let through to the endpoint, which asks the permission
layer like any view. Errors are JSON: {"code": ..., "message": ...}.
"""

from __future__ import annotations

from auditlog.context import set_actor
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.utils import check_csrf

from technopark.core.errors import DomainError

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class ApiAuth:
    """Bearer token or session; anonymous when neither, refused when a token is bad."""

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request):
        from technopark.accounts.services import token_authenticate

        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
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
            set_actor(user)
        return user if user.is_authenticated else _ANONYMOUS


class _Anonymous(AnonymousUser):
    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


_ANONYMOUS = _Anonymous()

api = NinjaAPI(
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


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error_response(request, exc.status_code, "error", str(exc))


def mount_routers() -> None:
    """Each app exposes `router` in its api.py; mount them once."""
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("technopark."):
            continue
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.api":
                raise
            continue
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router("", router)

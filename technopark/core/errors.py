"""The domain error services raise, turned into a form error, a message or a JSON answer."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule said no. `code` is stable for API clients; `message` is for people."""

    status = 400

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        status: int | None = None,
        field: str | None = None,
    ):
        super().__init__(message)
        self.message = str(message)
        self.code = code
        self.field = field
        if status is not None:
            self.status = status


class Conflict(DomainError):
    status = 409

    def __init__(self, message: str, *, code: str = "conflict", field: str | None = None):
        super().__init__(message, code=code, status=409, field=field)

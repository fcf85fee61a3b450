"""What the OpenAPI document of the API says beyond each operation's own answers
(docs/api.md): the bearer scheme (so `/api/v1/docs` can authorize, and generated clients
send the token) and every error answer an operation may give, each with the error body
`{"code", "message"}`.

Every operation may answer 400 (a bad parameter or body, a NUL character, a domain rule),
401 (a bad, expired or revoked token), 403 (a token without the scope, staff without a
second factor, a rule that says no), 404 (what the caller may not see), 429 (the rate
limit) and 503 (the database down); a write may also answer 409 (a conflict, or the same
Idempotency-Key still running) and 422 (an Idempotency-Key reused for another request).
A base module: it imports no app.
"""

from __future__ import annotations

BEARER = "bearer"
WRITES = {"post", "put", "patch", "delete"}

ERROR_BODY = {
    "title": "ErrorOut",
    "description": "The body of an error answer: a stable code for programs, a message for people.",
    "type": "object",
    "properties": {
        "code": {"title": "Code", "type": "string"},
        "message": {"title": "Message", "type": "string"},
    },
    "required": ["code", "message"],
}

# English descriptions in the document (it is read by programs and their authors).
ERRORS = {
    400: "The request is not valid (code invalid, invalid_date, ...).",
    401: "The API token is invalid, expired or revoked (code unauthenticated).",
    403: "Not allowed: the token lacks the scope, or a rule says no.",
    404: "Not found, or not visible to the caller (code not_found).",
    409: "A conflict with the current state (a taken time, a request running).",
    422: "This Idempotency-Key was already used for another request.",
    429: "Too many requests: retry after the Retry-After header's seconds.",
    503: "The service is unavailable for a moment: retry later.",
}
READ_ERRORS = (400, 401, 403, 404, 429, 503)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422, 429, 503)


def declare_auth_and_errors(schema: dict) -> dict:
    components = schema.setdefault("components", {})
    components.setdefault("securitySchemes", {})[BEARER] = {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token from your settings page (/me/tokens/): "
        "`Authorization: Bearer tp_...`.",
    }
    schemas = components.setdefault("schemas", {})
    schemas.setdefault("ErrorOut", ERROR_BODY)
    ref = {"$ref": "#/components/schemas/ErrorOut"}
    for methods in schema["paths"].values():
        for method, operation in methods.items():
            # A bearer token, or none at all (public reads, the browser's session).
            operation["security"] = [{BEARER: []}, {}]
            responses = operation.setdefault("responses", {})
            for status in WRITE_ERRORS if method in WRITES else READ_ERRORS:
                if status in responses or str(status) in responses:
                    continue
                responses[status] = {
                    "description": ERRORS[status],
                    "content": {"application/json": {"schema": ref}},
                }
    return schema

"""Reading a signed link's token: its data, or a DomainError that says what is wrong with it.

The links the platform e-mails to people without a session (a guest's confirmation, an
applicant's first step) carry `django.core.signing` tokens with a salt and a lifetime; each
caller says, in its own words, what a person should do when the link expired or is not valid.
"""

from __future__ import annotations

from django.core import signing

from technopark.core.errors import DomainError


def load_signed(token: str, *, salt: str, max_age: int, expired: str, invalid: str):
    """The data signed into `token`; DomainError "expired" or "bad_token" otherwise."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise DomainError(expired, code="expired") from exc
    except signing.BadSignature as exc:
        raise DomainError(invalid, code="bad_token") from exc

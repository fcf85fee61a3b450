"""Template context shared by every page: language direction, navigation, the user's principal."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from technopark.accounts.permissions import principal
from technopark.core.navigation import build_menu


def platform(request) -> dict:
    who = principal(getattr(request, "user", None))
    return {
        "LANGUAGE_BIDI": get_language_bidi(),
        "CURRENT_LANGUAGE": get_language(),
        "AVAILABLE_LANGUAGES": settings.LANGUAGES,
        "principal": who,
        "OPERATOR_NAME": settings.TECHNOPARK_OPERATOR,
        # The links depend on the principal alone (core.hooks), so they are kept per
        # principal and language.
        "menu": build_menu(request, who),
    }

"""Template context shared by every page: language direction, navigation, the user's principal."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from technopark.accounts.permissions import principal
from technopark.core.navigation import build_menu


def platform(request) -> dict:
    return {
        "LANGUAGE_BIDI": get_language_bidi(),
        "CURRENT_LANGUAGE": get_language(),
        "AVAILABLE_LANGUAGES": settings.LANGUAGES,
        "principal": principal(getattr(request, "user", None)),
        "OPERATOR_NAME": settings.TECHNOPARK_OPERATOR,
        "menu": build_menu(request),
    }

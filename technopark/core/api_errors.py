"""JSON answers under /api/v1/ where Django or ninja would answer HTML or nothing: an
unknown path is a 404 `not_found`, a method the path does not take a 405
`method_not_allowed` (with its Allow header). A base module: it imports no app."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def unknown_path(request, rest: str = ""):
    """Any address under /api/v1/ that no operation answers."""
    return JsonResponse({"code": "not_found", "message": _("Not found.")}, status=404)


def method_not_allowed_as_json(request, response: HttpResponse) -> HttpResponse:
    """ninja's bare 405 for a method a path does not take, as a JSON error."""
    if response.status_code != 405 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    answer = JsonResponse(
        {
            "code": "method_not_allowed",
            "message": _("This address does not take the method %(method)s.")
            % {"method": request.method},
        },
        status=405,
    )
    if response.has_header("Allow"):
        answer["Allow"] = response["Allow"]
    return answer

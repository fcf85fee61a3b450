"""`{% audit_trail obj %}`: who changed what on a record, for staff, on the record's page."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import template
from django.contrib.contenttypes.models import ContentType

from technopark.accounts.permissions import principal

register = template.Library()


@register.inclusion_tag("core/_audit_trail.html", takes_context=True)
def audit_trail(context, obj, limit: int = 20):
    request = context.get("request")
    if obj is None or request is None or not principal(request.user).is_staff:
        return {"entries": None}
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
    return {"entries": list(entries)}

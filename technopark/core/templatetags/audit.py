"""`{% audit_trail obj %}`: who changed what on a record, for staff, on the record's page."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import template
from django.contrib.contenttypes.models import ContentType

register = template.Library()


@register.inclusion_tag("core/_audit_trail.html", takes_context=True)
def audit_trail(context, obj, limit: int = 20):
    # The person's principal, as the layout's context gives every page (house/context.py):
    # core asks accounts nothing.
    who = context.get("principal")
    if obj is None or who is None or not who.is_staff:
        return {"entries": None}
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
    return {"entries": list(entries)}

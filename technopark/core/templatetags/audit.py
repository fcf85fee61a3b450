"""`{% audit_trail obj %}`: what happened to a record (its named actions, core/actions.py)
and who changed what on it (the audit trail's field diffs), for staff, on the record's page."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from technopark.core.models import Action

register = template.Library()


@register.inclusion_tag("core/_audit_trail.html", takes_context=True)
def audit_trail(context, obj, limit: int = 20):
    # The person's principal, as the layout's context gives every page (house/context.py):
    # core asks accounts nothing.
    who = context.get("principal")
    if obj is None or who is None or not who.is_staff:
        return {"entries": None}
    content_type = ContentType.objects.get_for_model(obj)
    entries = (
        LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
    about = Q(content_type=content_type, object_id=str(obj.pk))
    if obj._meta.label_lower == "startups.startup":  # and all that concerns the startup
        about |= Q(startup_id=obj.pk)
    actions = (
        Action.objects.filter(about).select_related("actor").order_by("-created_at", "-pk")[:limit]
    )
    return {"entries": list(entries), "actions": list(actions)}

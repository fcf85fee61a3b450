"""Who writes to a selection, and who reads what was sent.

Staff of a site (managers, program officers) write to the people of their sites'
audiences; network administrators to any. Each reads the messages they sent; network
administrators all of them.
"""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.messaging.models import Message
from technopark.network.models import Site


def writes_messages(p: Principal) -> bool:
    return p.is_network_admin or bool(p.staff_site_ids)


def message_sites(user) -> QuerySet[Site]:
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.all()
    return Site.objects.filter(pk__in=p.staff_site_ids)


def visible_messages(user) -> QuerySet[Message]:
    p = principal(user)
    qs = Message.objects.select_related("sent_by", "site")
    if p.is_network_admin:
        return qs
    if not writes_messages(p):
        return qs.none()
    return qs.filter(sent_by_id=p.user_id)


@rule("message.write")
def _write(p: Principal, obj) -> bool:
    return writes_messages(p)


@rule("message.view")
def _view(p: Principal, message: Message) -> bool:
    return p.is_network_admin or message.sent_by_id == p.user_id

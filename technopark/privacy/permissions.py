"""Who processes personal data requests: the network's administrators (the controller)."""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.privacy.models import DataRequest


def visible_data_requests(user) -> QuerySet[DataRequest]:
    p = principal(user)
    if p.is_network_admin:
        return DataRequest.objects.select_related("user", "handled_by")
    if p.is_authenticated:
        return DataRequest.objects.filter(user_id=p.user_id).select_related("user")
    return DataRequest.objects.none()


@rule("privacy.process")
def _process(p: Principal, obj) -> bool:
    return p.is_network_admin

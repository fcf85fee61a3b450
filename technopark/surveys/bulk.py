"""Reminding many startups of a campaign at once (`core/selection.py`): those who have
not answered, each through `campaign_request_remind`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from technopark.accounts.permissions import principal
from technopark.core import clock
from technopark.core.selection import BulkAction, BulkSet, register
from technopark.surveys.models import CampaignRequest
from technopark.surveys.permissions import visible_campaigns, visible_requests
from technopark.surveys.services.notices import campaign_request_remind


def _campaign(user, scope: str):
    if not scope.isdigit() or not principal(user).is_staff:
        return None
    return visible_campaigns(user).filter(pk=int(scope)).first()


def _visible(user, scope: str):
    campaign = _campaign(user, scope)
    if campaign is None:
        return CampaignRequest.objects.none()
    return visible_requests(user, campaign)


def _matching(request, scope: str):
    from technopark.surveys.views import _answers_listing

    campaign = _campaign(request.user, scope)
    if campaign is None:
        return CampaignRequest.objects.none()
    return _answers_listing(request, campaign).queryset


REQUESTS = register(
    BulkSet(
        name="surveys.requests",
        visible=_visible,
        matching=_matching,
        back=lambda scope: reverse("surveys:campaign_detail", args=[int(scope)]),
        label=lambda r: r.startup.name,
        noun=lambda n: ngettext("%(n)s startup", "%(n)s startups", n) % {"n": n},
        actions=(
            BulkAction(
                "remind",
                gettext_lazy("Remind those who have not answered"),
                gettext_lazy(
                    "The %(count)s startups are reminded now (their members, in the platform "
                    "and by e-mail). Those who have answered are refused."
                ),
                run=lambda r, *, by: campaign_request_remind(
                    request=r, today=clock.today(), by=by
                ),  # fmt: skip
                offered=lambda user, scope: _campaign(user, scope) is not None,
                primary=True,
            ),
        ),
    )
)

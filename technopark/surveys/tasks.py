"""Background work of the campaigns: the e-mails, and the daily hook that sends what is due."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from technopark.accounts.models import User
from technopark.surveys.links import request_token
from technopark.surveys.models import CampaignRequest


def recipients(startup) -> list[str]:
    emails = [m.user.email for m in startup.memberships.select_related("user") if m.user.is_active]
    if not emails and startup.email:
        emails = [startup.email]
    return emails


def answer_url(request: CampaignRequest) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", args=[request_token(request)])


@task()
def send_request_email(*, request_id: int, step: str) -> int:
    """Ask a startup (step "request") or remind it ("reminder_1", "reminder_2")."""
    request = (
        CampaignRequest.objects.select_related("campaign", "startup")
        .filter(pk=request_id, answered_at__isnull=True)
        .first()
    )
    if request is None:
        return 0
    to = recipients(request.startup)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"request": request, "url": answer_url(request), "step": step}
        subject = render_to_string("surveys/email/request_subject.txt", context).strip()
        body = render_to_string("surveys/email/request_body.txt", context)
    return send_mail(subject, body, None, to)


@task()
def send_officer_digest(*, campaign_id: int, user_id: int, request_ids: list[int]) -> int:
    """Tell the program officer which startups still have not answered after two reminders."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    requests = list(
        CampaignRequest.objects.select_related("campaign", "startup")
        .filter(pk__in=request_ids, answered_at__isnull=True)
        .order_by("startup__name")
    )
    if user is None or not requests:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "campaign": requests[0].campaign,
            "requests": requests,
            "url": settings.SITE_URL.rstrip("/")
            + reverse("surveys:campaign_detail", args=[campaign_id]),
        }
        subject = render_to_string("surveys/email/officer_subject.txt", context).strip()
        body = render_to_string("surveys/email/officer_body.txt", context)
    return send_mail(subject, body, None, [user.email])

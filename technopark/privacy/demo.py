"""Demo: the founder's consents and two requests waiting in the personal data queue."""

from __future__ import annotations

from technopark.core.demo import DemoContext
from technopark.privacy.models import Consent, DataRequest
from technopark.privacy.services import consent_set, data_request_create


def seed(ctx: DemoContext) -> None:
    founder = ctx.users.get("founder")
    expert = ctx.users.get("expert")
    made = 0
    if founder is not None:
        consent_set(user=founder, purpose=Consent.Purpose.SHOWCASE, granted=True)
        consent_set(user=founder, purpose=Consent.Purpose.MARKETING, granted=False)
        if not DataRequest.objects.filter(user=founder, status="open").exists():
            data_request_create(
                user=founder,
                kind=DataRequest.Kind.CORRECTION,
                message="Mon numéro de téléphone a changé : +212 6 61 23 45 67.",
            )
            made += 1
    if expert is not None and not DataRequest.objects.filter(user=expert).exists():
        data_request_create(user=expert, kind=DataRequest.Kind.ACCESS)
        made += 1
    ctx.log(f"{made} personal data requests to process")

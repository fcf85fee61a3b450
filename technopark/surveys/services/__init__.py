"""Writes of the collection work: declarations, follow-ups, satisfaction answers, campaigns."""

from technopark.surveys.links import request_from_token, request_token
from technopark.surveys.services.campaigns import (
    campaign_daily,
    campaign_open,
    campaign_targets,
    requests_answered,
    response_rates,
)
from technopark.surveys.services.declarations import (
    ExportLine,
    FundingLine,
    PatentLine,
    declaration_prefill,
    declaration_submit,
    followup_submit,
)
from technopark.surveys.services.metrics import MetricSpec, campaign_metrics_set, metric_values
from technopark.surveys.services.notices import campaign_requests_notify, officer_digest_send
from technopark.surveys.services.satisfaction import satisfaction_bulk_record, satisfaction_record

__all__ = [
    "ExportLine",
    "FundingLine",
    "MetricSpec",
    "PatentLine",
    "campaign_daily",
    "campaign_metrics_set",
    "campaign_open",
    "campaign_requests_notify",
    "campaign_targets",
    "declaration_prefill",
    "declaration_submit",
    "followup_submit",
    "metric_values",
    "officer_digest_send",
    "request_from_token",
    "request_token",
    "requests_answered",
    "response_rates",
    "satisfaction_bulk_record",
    "satisfaction_record",
]

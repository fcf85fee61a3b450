"""Writes of the collection work: declarations, follow-ups, satisfaction answers, campaigns."""

from technopark.surveys.links import request_from_token, request_token
from technopark.surveys.services.campaigns import (
    campaign_daily,
    campaign_open,
    campaign_targets,
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
from technopark.surveys.services.satisfaction import satisfaction_bulk_record, satisfaction_record

__all__ = [
    "ExportLine",
    "FundingLine",
    "PatentLine",
    "campaign_daily",
    "campaign_open",
    "campaign_targets",
    "declaration_prefill",
    "declaration_submit",
    "followup_submit",
    "request_from_token",
    "request_token",
    "response_rates",
    "satisfaction_bulk_record",
    "satisfaction_record",
]

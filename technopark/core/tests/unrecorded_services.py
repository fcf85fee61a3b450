"""The public services that write and record no named action, each with its reason.

`test_actions.py::test_every_writing_service_records_an_action_or_says_why` reads every
app's services (`service_writes.py`): a service decorated with `transaction.atomic` or
taking `by` records a named action (`core.actions.record`, itself or through a service it
calls), or is listed here. An entry that records after all, or names no service, fails too.

`EXEMPT`: writes that are not "something that happened" a reader of the actions wants: the
bulk paths of the import and the demo (the import is one action of the interchange, not one
per row), caches and read marks, messages sent (the notifications keep them), helpers that
take `by` without writing, drafts whose sending is the action.

`NOT_YET`: the services that should record one and do not yet, with the name they would
record. It is empty and stays so: a new service never joins it (it records, or it is exempt).
"""

from __future__ import annotations

BULK = "bulk path of the import or the demo: the import is one action, not one per row"
DERIVED = "a part of a declaration or an outcome: its caller records the action"
MESSAGE = "sends messages (the notifications keep them); nothing in the records changes"
DRAFT = "a draft saved: its sending is the action (application.submitted/resubmitted)"
SETUP = "reference data set up, idempotent (the demo, the setup commands)"

EXEMPT: dict[str, str] = {
    # Not writes: helpers that take `by`.
    "billing/services/invoices.py:audit_actor": "not a write: the audit trail's actor context",
    "support/services_slots.py:cancel_window_problem": "not a write: why a cancel is refused",
    # Caches, read marks, personal settings, mirrors of another library's rows.
    "accounts/services.py:email_address_sync": "allauth's mirror of the account's own address",
    "privacy/services.py:idempotency_record_store": "the API's idempotency cache",
    "privacy/services.py:idempotency_record_forget": "the API's idempotency cache",
    "notifications/services.py:notification_mark_read": "a read mark",
    "notifications/services.py:notifications_mark_all_read": "read marks",
    "notifications/services.py:preference_set": "a person's own notification settings",
    "notifications/services.py:preferences_set": "a person's own notification settings",
    "signatures/services.py:signature_viewed": "a read mark (the signature's own evidence log)",
    "signatures/services.py:signature_code_send": "a one-time code sent (the evidence log)",
    "webhooks/services.py:deliveries_dispatch": "the webhooks' deliveries carry actions",
    "webhooks/services.py:deliveries_retry_due": "the webhooks' deliveries carry actions",
    # Messages.
    "notifications/services.py:notification_send": MESSAGE,
    "notifications/services.py:digest_send": MESSAGE,
    "notifications/services.py:email_retry": MESSAGE,
    "notifications/services.py:email_retry_pending": MESSAGE,
    "programs/services/notices.py:notify": MESSAGE,
    "programs/services/plans.py:plan_alerts_send": MESSAGE,
    "documents/services.py:expiry_reminders_send": MESSAGE,
    "documents/services.py:request_reminders_send": MESSAGE,
    "community/services.py:registrations_remind": MESSAGE,
    "community/services.py:registrations_follow_up": MESSAGE,
    "desk/services.py:appointments_remind": MESSAGE,
    "surveys/services/notices.py:campaign_requests_notify": MESSAGE,
    "surveys/services/notices.py:officer_digest_send": MESSAGE,
    "billing/services/notices.py:billing_document_send": MESSAGE,
    "webhooks/services.py:subscriptions_notify_paused": MESSAGE,
    # Drafts.
    "programs/services/applications.py:application_start": DRAFT,
    "programs/services/applications.py:application_save": DRAFT,
    "programs/services/applications.py:document_upload": DRAFT,
    "programs/services/review.py:info_answers_save": DRAFT,
    "surveys/services/metrics.py:metric_answers_save": DRAFT,
    # Parts of what another service records.
    "startups/services.py:headcount_record": DERIVED,
    "startups/services.py:export_record": DERIVED,
    "startups/services.py:patent_record": DERIVED,
    "startups/services.py:funding_record": DERIVED,
    "startups/services.py:followup_record": DERIVED,
    "startups/services.py:funding_create": DERIVED,
    # Reference data, names in other languages.
    "documents/services.py:document_types_ensure": SETUP,
    "desk/services.py:desk_ensure": SETUP,
    "desk/services.py:desks_open_standard": SETUP,
    "network/services.py:names_translate": SETUP,
    "programs/services/calls.py:program_names_translate": SETUP,
    # Bulk paths.
    "billing/services/historical.py:historical_invoices_import": BULK,
    "community/services.py:attendance_history_import": BULK,
    "community/services.py:events_history_import": BULK,
    "desk/services_walk_ins.py:walk_ins_history_import": BULK,
    "programs/services/history.py:applications_history_import": BULK,
    "hosting/services/leases.py:leases_bulk_create": BULK,
    "hosting/services/leases.py:leases_bulk_upsert": BULK,
    "network/services.py:site_budgets_bulk_create": BULK,
    "network/services.py:site_budgets_bulk_upsert": BULK,
    "network/services.py:sites_bulk_upsert": BULK,
    "network/services.py:spaces_bulk_create": BULK,
    "network/services.py:spaces_bulk_upsert": BULK,
    "programs/services/calls.py:programs_bulk_upsert": BULK,
    "programs/services/plans.py:enrollments_bulk_create": BULK,
    "programs/services/plans.py:enrollments_bulk_upsert": BULK,
    "startups/services.py:startups_bulk_create": BULK,
    "startups/services.py:followups_bulk_create": BULK,
    "startups/services.py:headcounts_bulk_create": BULK,
    "startups/services.py:exports_bulk_create": BULK,
    "startups/services.py:fundings_bulk_create": BULK,
    "startups/services.py:patents_bulk_create": BULK,
    "startups/services.py:groupings_bulk_create": BULK,
    "startups/services.py:groupings_bulk_upsert": BULK,
    "startups/services.py:grouping_members_bulk_create": BULK,
    "desk/services.py:slots_bulk_create": BULK,
    "surveys/services/satisfaction.py:satisfaction_bulk_record": BULK,
    "surveys/services/satisfaction.py:satisfaction_bulk_upsert": BULK,
}

# The backlog (service → the name it should record): empty, and kept so.
NOT_YET: dict[str, str] = {}

"""Writes of the programs app: calls and their form, applications, selection, plans."""

from technopark.programs.services.applications import (
    application_problems,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
    applications_anonymise_declined,
    document_upload,
)
from technopark.programs.services.calls import (
    call_create,
    call_publish,
    call_update,
    criterion_add,
    criterion_remove,
    document_add,
    document_remove,
    program_site_add,
    question_add,
    question_remove,
)
from technopark.programs.services.plans import (
    enrollment_advance,
    enrollment_exit,
    milestone_add,
    milestone_set_status,
    plan_for,
    plan_update,
    session_log,
)
from technopark.programs.services.selection import (
    application_decide,
    interview_schedule,
    review_save,
    reviewer_assign,
)

__all__ = [
    "applications_anonymise_declined",
    "application_decide",
    "application_problems",
    "application_save",
    "application_start",
    "application_submit",
    "application_withdraw",
    "call_create",
    "call_publish",
    "call_update",
    "criterion_add",
    "criterion_remove",
    "document_add",
    "document_remove",
    "program_site_add",
    "document_upload",
    "enrollment_advance",
    "enrollment_exit",
    "interview_schedule",
    "milestone_add",
    "milestone_set_status",
    "plan_for",
    "plan_update",
    "question_add",
    "question_remove",
    "review_save",
    "reviewer_assign",
    "session_log",
]

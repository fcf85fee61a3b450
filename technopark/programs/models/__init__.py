"""The programs app's records, one module per entity family."""

from technopark.programs.models.base import (
    Enrollment,
    FactsDeferral,
    FactsPending,
    Program,
    StartupSupport,
)
from technopark.programs.models.calls import (
    Answer,
    Application,
    ApplicationDocument,
    ApplicationVersion,
    Call,
    ConflictDeclaration,
    Criterion,
    DecisionLetter,
    InfoRequest,
    Question,
    RequiredDocument,
    ReviewAssignment,
    ReviewReminder,
    Score,
)
from technopark.programs.models.plans import CoachingSession, Milestone, MilestoneTemplate, Plan

__all__ = [
    "Answer",
    "Application",
    "ApplicationDocument",
    "ApplicationVersion",
    "ConflictDeclaration",
    "DecisionLetter",
    "InfoRequest",
    "ReviewReminder",
    "Call",
    "CoachingSession",
    "Criterion",
    "Enrollment",
    "FactsDeferral",
    "FactsPending",
    "Milestone",
    "MilestoneTemplate",
    "Plan",
    "Program",
    "Question",
    "RequiredDocument",
    "ReviewAssignment",
    "StartupSupport",
    "Score",
]

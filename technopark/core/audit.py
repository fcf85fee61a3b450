"""The audit trail: django-auditlog records who changed what on the registered models.

Each app registers its own models here-by-call in its AppConfig.ready, so the list of
audited records sits next to the records.
"""

from auditlog.registry import auditlog


def audit(*models) -> None:
    for model in models:
        if not auditlog.contains(model):
            auditlog.register(model)

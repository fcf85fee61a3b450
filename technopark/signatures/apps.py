from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "technopark.signatures"
    label = "signatures"
    verbose_name = _("Electronic signatures")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.signatures.models import SignatureRequest, Signer

        audit(SignatureRequest)
        audit(Signer, exclude_fields=["code_hash", "ip_address", "user_agent", "consent_text"])

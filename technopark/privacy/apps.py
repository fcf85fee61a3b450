from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "technopark.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.privacy import checks  # noqa: F401 - registers the deploy checks

        audit(self.get_model("Consent"), self.get_model("DataRequest"))

"""The contract of a lease as a PDF, in French or Arabic (invoices: `billing.documents`)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import select_template
from django.utils import translation


def contract_pdf(lease, lang: str) -> bytes:
    """The contract of a lease, from the site's own template when it has one
    (`hosting/contracts/<SITE CODE>.html`), in French or Arabic."""
    from weasyprint import HTML

    template = select_template(
        [f"hosting/contracts/{lease.site.code}.html", "hosting/contracts/default.html"]
    )
    with translation.override(lang):
        html = template.render(
            {
                "lease": lease,
                "operator": lease.site.operator,
                "deposit_amount": lease.deposit_amount,
                "lang": lang,
            }
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()

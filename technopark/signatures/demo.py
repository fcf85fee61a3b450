"""Demo signatures, with the demo founder (founder@) and Casablanca's manager
(manager.casa@): a second office's contract signed electronically by both (the sealed PDF
kept as the contract's signed file), an amendment signed by the founder and waiting for the
manager (who can sign it in the demo), and a rent revision the founder declined."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from technopark.accounts.models import Role
from technopark.core.demo import DemoContext
from technopark.hosting.models import Lease
from technopark.hosting.services import lease_create
from technopark.network.models import Space
from technopark.network.services import spaces_create
from technopark.signatures import pdf, services
from technopark.signatures.models import Signer

AGENTS = {
    "founder": ("105.158.23.41", "Mozilla/5.0 (Linux; Android 14; SM-A546B) Chrome/131.0 Mobile"),
    "site_manager": ("196.200.131.7", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0"),
}

AMENDMENT = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.5; }}
h1 {{ font-size: 15pt; text-align: center; }}</style></head><body>
<h1>{title}</h1>
<p>Entre {operator}, gestionnaire du site {site}, et {startup}, résidente du technopark.</p>
<p><strong>Article 1.</strong> {article}</p>
<p><strong>Article 2.</strong> Les autres clauses du contrat d'hébergement demeurent inchangées.</p>
<p>Fait à Casablanca, en deux exemplaires électroniques.</p></body></html>"""


def _pdf(ctx, startup, site, title: str, article: str) -> SimpleUploadedFile:
    from weasyprint import HTML

    html = AMENDMENT.format(
        title=title,
        operator=site.operator.name if site.operator_id else "Technopark",
        site=site.name,
        startup=startup.name,
        article=article,
    )
    return SimpleUploadedFile("avenant.pdf", HTML(string=html).write_pdf(), "application/pdf")


def _sign(signer: Signer, key: str) -> None:
    signer.refresh_from_db()
    code = services.signature_code_send(signer=signer, by=signer.user)
    ip, agent = AGENTS[key]
    services.signature_sign(
        signer=signer,
        code=code,
        consent=True,
        document_sha256=signer.request.original_sha256,
        ip_address=ip,
        user_agent=agent,
        by=signer.user,
    )


def _free_space(site, on: dt.date):
    taken = Lease.objects.exclude(status=Lease.Status.DRAFT).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=on)
    )
    return (
        Space.objects.filter(site=site, leasable=True)
        .exclude(pk__in=taken.values("space_id"))
        .exclude(pk__in=Lease.objects.filter(status=Lease.Status.DRAFT).values("space_id"))
        .order_by("floor", "code")
        .first()
    )


def seed(ctx: DemoContext) -> None:
    founder, manager = ctx.users.get("founder"), ctx.users.get("site_manager")
    membership = founder.memberships.select_related("startup").first() if founder else None
    role = Role.objects.filter(user=manager, kind="site_manager").select_related("site").first()
    if membership is None or role is None:
        ctx.log("no demo founder or manager: no signatures")
        return
    if not pdf.certificate_paths()[0].exists():
        pdf.make_demo_certificate()
    startup, site = membership.startup, role.site
    expires = ctx.today + dt.timedelta(days=15)
    made = []
    start = (ctx.today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    space = (
        _free_space(site, start)
        or Space.objects.filter(site=site, code="EXT-01").first()
        or spaces_create(
            site=site,
            spaces=[
                {
                    "code": "EXT-01",
                    "kind": Space.Kind.OFFICE,
                    "area_m2": Decimal("24"),
                    "seats": 5,
                    "leasable": True,
                    "floor": "Extension",
                }
            ],
            by=None,
        )[0]
    )
    lease = lease_create(
        site=site,
        space=space,
        startup=startup,
        starts_on=start,
        planned_end=start.replace(year=start.year + 2),
        rent_per_m2_mad=Decimal("70"),
        charges_mad=(space.area_m2 * Decimal("6")).quantize(Decimal("1")),
        note="Second bureau : l'équipe passe de 6 à 11 personnes.",
        by=manager,
    )
    contract = services.signature_request_create(
        kind="contract",
        startup=startup,
        site=site,
        target=lease,
        title=f"Contrat d'hébergement {site.code}-{lease.pk}, bureau {space.code}",
        language="fr",
        signers=[founder, manager],
        in_order=True,
        expires_on=expires,
        by=manager,
    )
    _sign(contract.signers.get(user=founder), "founder")
    _sign(contract.signers.get(user=manager), "site_manager")
    made.append("1 contract signed by all")
    halfway = services.signature_request_create(
        kind="document",
        startup=startup,
        site=site,
        title="Avenant n°1 : accès au laboratoire de prototypage",
        language="fr",
        signers=[founder, manager],
        expires_on=expires,
        file=_pdf(
            ctx,
            startup,
            site,
            "Avenant n°1 au contrat d'hébergement",
            "La résidente a accès au laboratoire de prototypage (impression 3D, découpe laser) "
            "dix heures par mois, sans supplément de loyer.",
        ),
        by=manager,
    )
    _sign(halfway.signers.get(user=founder), "founder")
    declined = services.signature_request_create(
        kind="document",
        startup=startup,
        site=site,
        title="Avenant n°2 : révision du loyer",
        language="fr",
        signers=[founder, manager],
        in_order=True,
        expires_on=expires,
        file=_pdf(
            ctx,
            startup,
            site,
            "Avenant n°2 au contrat d'hébergement",
            "Le loyer mensuel hors taxes est porté à 85 MAD le m² à compter du premier jour du "
            "mois suivant la signature.",
        ),
        by=manager,
    )
    services.signature_decline(
        signer=declined.signers.get(user=founder),
        reason="Le taux de 85 MAD/m² dépasse la grille votée par le conseil : nous demandons "
        "un rendez-vous pour en discuter.",
        by=founder,
    )
    made += ["1 signed by one of two", "1 declined"]
    ctx.log(", ".join(made))

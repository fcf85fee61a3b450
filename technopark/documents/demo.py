"""Demo: the vaults of several Casablanca startups (small generated PDFs), one document
expiring soon and one expired, a replaced version, open, submitted and accepted
requests (one overdue), and the staff's private notes on the founder's startup."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.core import clock
from technopark.core.demo import DemoContext
from technopark.documents.models import DocumentRequest, DocumentType
from technopark.documents.services import (
    document_request_decide,
    document_requests_create,
    document_types_ensure,
    document_upload,
    expiry_reminders_send,
)
from technopark.startups.models import Membership, Startup
from technopark.startups.services import staff_note_add


def _pdf(title: str) -> bytes:
    """A small, valid one-page PDF saying `title` (ASCII)."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _file(name: str, title: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf(title), content_type="application/pdf")


def seed(ctx: DemoContext) -> None:
    founder = ctx.users.get("founder")
    manager = ctx.users.get("site_manager")
    officer = ctx.users.get("program_officer") or manager
    if founder is None or manager is None:
        ctx.log("no demo founder: no vault")
        return
    membership = Membership.objects.filter(user=founder).select_related("startup").first()
    if membership is None:
        ctx.log("no demo founder: no vault")
        return
    mine = membership.startup
    document_types_ensure()  # the migration's, unless a test's flush emptied them
    types = {t.code: t for t in DocumentType.objects.all()}
    today = ctx.today
    days = dt.timedelta

    def up(startup, code, name, *, by, issued, expires=None, **kw):
        return document_upload(
            startup=startup,
            doc_type=types[code],
            file=_file(name, f"{types[code].name_fr} - {startup.name}"),
            issued_on=today - days(issued),
            expires_on=None if expires is None else today + days(expires),
            by=by,
            **kw,
        )

    # The founder's vault: valid, expiring soon, expired, and a replaced version.
    up(mine, "statuts", "statuts-signes.pdf", by=founder, issued=900)
    up(mine, "ice", "certificat-ice.pdf", by=founder, issued=880)
    up(mine, "rc_modele_j", "rc-modele-j.pdf", by=founder, issued=70, expires=12)
    up(mine, "attestation_fiscale", "attestation-fiscale.pdf", by=founder, issued=200, expires=-8)
    old = up(
        mine,
        "attestation_cnss",
        "attestation-cnss-ancienne.pdf",
        by=founder,
        issued=150,
        expires=-60,
    )
    up(
        mine,
        "attestation_cnss",
        "attestation-cnss.pdf",
        by=founder,
        issued=20,
        expires=70,
        replaces=old,
    )
    up(mine, "pitch_deck", "pitch-deck-2026.pdf", by=founder, issued=30)

    # What the staff ask of it: one open, one accepted. Due dates count from the service's
    # own clock when the demo is seeded at a day already past (a backup test's fixed day).
    ask_from = max(today, clock.today())
    (open_req,) = document_requests_create(
        startups=[mine],
        doc_type=types["attestation_fiscale"],
        due_on=ask_from + days(7),
        message="Merci de déposer l'attestation fiscale à jour (DGI) pour le comité de suivi.",
        by=manager,
    )
    (done,) = document_requests_create(
        startups=[mine],
        doc_type=types["business_plan"],
        due_on=ask_from + days(20),
        message="Le business plan actualisé pour la revue à mi-parcours.",
        by=officer,
    )
    up(mine, "business_plan", "business-plan-2026.pdf", by=founder, issued=2, request=done)
    document_request_decide(request=done, accept=True, comment="Merci, complet.", by=officer)

    # Other residents of the same site: a few documents each, and one request to several.
    others = list(
        Startup.objects.filter(leases__site__code="CASA")
        .exclude(pk=mine.pk)
        .distinct()
        .order_by("ref")[: 2 if ctx.small else 5]
    )
    for startup in others:
        up(startup, "statuts", "statuts.pdf", by=manager, issued=700)
        up(
            startup,
            "attestation_fiscale",
            "attestation-fiscale.pdf",
            by=manager,
            issued=40,
            expires=140,
        )
    if others:
        asked = document_requests_create(
            startups=others,
            doc_type=types["attestation_cnss"],
            due_on=ask_from + days(10),
            message="Attestation CNSS de moins de trois mois, pour le dossier de subvention.",
            by=manager,
        )
        # The first has answered and awaits the staff's decision; the second is overdue.
        first_member = (
            Membership.objects.filter(startup=asked[0].startup).select_related("user").first()
        )
        up(
            asked[0].startup,
            "attestation_cnss",
            "attestation-cnss.pdf",
            by=first_member.user if first_member else manager,
            issued=5,
            expires=85,
            request=asked[0],
        )
        if len(asked) > 1:
            DocumentRequest.objects.filter(pk=asked[1].pk).update(due_on=today - days(4))

    staff_note_add(
        startup=mine,
        text="Entretien de suivi: l'équipe prépare une levée d'amorçage; revoir le plan de "
        "trésorerie au prochain point mensuel.",
        by=officer,
    )
    staff_note_add(
        startup=mine,
        text="Attestation fiscale expirée: relancée par demande de document, à surveiller.",
        by=manager,
    )
    reminded, flagged = expiry_reminders_send(today=today)
    ctx.log(
        f"vaults of {1 + len(others)} startups, {DocumentRequest.objects.count()} requests "
        f"(open: {open_req.doc_type.code}), {reminded} expiring, {flagged} expired"
    )

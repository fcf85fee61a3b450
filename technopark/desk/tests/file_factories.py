"""Test data for files across desks: a three-step company creation at site A's desks."""

from __future__ import annotations

from technopark.desk.models import Desk, Procedure, ProcedureStep
from technopark.desk.tests.factories import make_desk

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_procedure(code: str = "creation") -> Procedure:
    procedure, created = Procedure.objects.get_or_create(
        code=code,
        defaults={
            "name": "Création d'entreprise",
            "name_ar": "إحداث مقاولة",
            "name_en": "Company creation",
        },
    )
    if not created:
        return procedure
    for position, kind, fr, ar, en, days, pieces in [
        (1, "ompic", "Certificat négatif", "الشهادة السلبية", "Negative certificate", 2, "CIN"),
        (2, "other", "Inscription au RC", "التسجيل في السجل التجاري", "Trade register", 5, ""),
        (3, "cnss", "Affiliation CNSS", "الانخراط في الضمان الاجتماعي", "CNSS affiliation", 3, ""),
    ]:
        ProcedureStep.objects.create(
            procedure=procedure,
            position=position,
            desk_kind=kind,
            name=fr,
            name_ar=ar,
            name_en=en,
            delay_days=days,
            pieces_fr=pieces,
        )
    return procedure


def make_cnss_desk(site) -> Desk:
    desk, _created = Desk.objects.get_or_create(
        site=site, code=f"{site.code}-CNSS", defaults={"partner": "CNSS", "kind": "cnss"}
    )
    return desk


def file_world(c) -> None:
    """For the matrix: own's company-creation file at site A, with a piece uploaded."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from technopark.desk.services_files import desk_file_open, desk_file_piece_add

    c.desk = make_desk(c.site)
    make_cnss_desk(c.site)
    c.file = desk_file_open(procedure=make_procedure(), startup=c.own, by=c.owner)
    c.file_step = c.file.steps.get(position=1)
    c.piece = desk_file_piece_add(
        file=c.file,
        upload=SimpleUploadedFile("statuts.pdf", PDF, content_type="application/pdf"),
        label="Statuts",
        by=c.owner,
    )

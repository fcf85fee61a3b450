"""The import and export page: upload, dry run report or preview, confirm, download."""

from __future__ import annotations

import csv
import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.csv_export import BOM, csv_row
from technopark.core.errors import DomainError
from technopark.interchange.exporter import export_xlsx, export_zip
from technopark.interchange.forms import corrections_from_post, mapping_from_post, value_options
from technopark.interchange.guess import CONFIDENT
from technopark.interchange.models import ImportJob
from technopark.interchange.permissions import visible_jobs
from technopark.interchange.report import ImportReport
from technopark.interchange.services import (
    import_mapping_keep,
    import_upload_cancel,
    import_upload_confirm,
    import_upload_create,
    import_upload_remap,
    import_upload_retry,
)
from technopark.interchange.tables import SHEET_TABLES as TABLES
from technopark.interchange.tables import SHEET_TABLES_BY_NAME as TABLES_BY_NAME
from technopark.interchange.tables import table_label
from technopark.interchange.tasks import is_stalled, read_progress
from technopark.network.models import Operator, Site

ERRORS_SHOWN = 500


def _upload_operators(user):
    """The operators an upload may be restricted to: a partner admin's own, or any."""
    p = principal(user)
    if p.is_network_admin:
        return Operator.objects.order_by("name")
    return Operator.objects.filter(pk__in=p.partner_admin_operator_ids).order_by("name")


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "interchange.import", view_perm="interchange.import")
    operators = list(_upload_operators(request.user))
    unrestricted = can(request.user, "interchange.import_unrestricted")
    if request.method == "POST":
        operator = None
        slug = request.POST.get("operator", "").strip()
        if slug:
            operator = next((o for o in operators if o.slug == slug), None)
        try:
            if operator is None and not unrestricted:
                raise DomainError(_("Choose the partner whose records you upload."))
            if slug and operator is None:
                raise DomainError(_("Choose a partner from the list."))
            job = import_upload_create(
                files=request.FILES.getlist("files"), operator=operator, by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("interchange:job", pk=job.pk)
    return render(
        request,
        "interchange/index.html",
        {
            "operators": operators,
            "unrestricted": unrestricted,
            "can_export": can(request.user, "interchange.export"),
            "jobs": visible_jobs(request.user)[:20],
            "max_mb": _max_mb(),
            # Each table by its name in the reader's language, its file name beside it.
            "formats": [(table_label(name), name) for name in FORMAT_TABLES],
        },
    )


# The interchange format's tables, in the order of an import.
FORMAT_TABLES = (
    "sites", "spaces", "startups", "programs", "enrollments", "leases", "followups",
    "headcounts", "exports", "patents", "groupings", "satisfaction", "budgets", "fundings",
)  # fmt: skip


def _max_mb() -> float:
    from django.conf import settings

    return settings.TECHNOPARK_MAX_UPLOAD_BYTES / 1e6


def _job_context(job: ImportJob, user) -> dict:
    data = job.report_data
    report = ImportReport.from_dict(data) if data else None
    return {
        "job": job,
        "report": report,
        "errors": report.errors[:ERRORS_SHOWN] if report else [],
        "errors_hidden": max(len(report.errors) - ERRORS_SHOWN, 0) if report else 0,
        "progress": read_progress(job.pk) if job.running else None,
        "stalled": is_stalled(job),
        "can_confirm": can(user, "interchange.confirm_job", job),
        "can_remap": can(user, "interchange.remap_job", job),
        "mapping": _mapping_rows(report.mapping) if report and report.mapping else None,
        "grid": _grid_rows(report.grid) if report else [],
        "tables": [t.name for t in TABLES],
        "sites": _mapping_sites(user, job),
    }


def _mapping_sites(user, job: ImportJob):
    """The sites a kept mapping may be filed under: any for the network, else the
    partner's own."""
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.order_by("name")
    return Site.objects.filter(operator_id=job.operator_id).order_by("name")


def _mapping_rows(mapping: dict) -> list[dict]:
    """The proposed mapping laid out for the form: the choices of each select."""
    sheets = []
    for i, sheet in enumerate(mapping.get("sheets", [])):
        table = TABLES_BY_NAME.get(sheet.get("table") or "")
        columns = []
        for j, column in enumerate(sheet.get("columns", [])):
            sure = column.get("score", 0) >= CONFIDENT
            columns.append(
                {
                    "name": f"col:{i}:{j}",
                    "header": column["header"],
                    "chosen": column.get("field") if sure else "",
                    "suggested": column.get("field") if not sure else "",
                    "score": column.get("score", 0),
                }
            )
        values = []
        for field, found in (sheet.get("values") or {}).items():
            options = value_options(table.name, field) if table else []
            for k, (raw, value) in enumerate(found.items()):
                sure = value.get("score", 0) >= CONFIDENT
                values.append(
                    {
                        "name": f"val:{i}:{field}:{k}",
                        "field": field,
                        "raw": raw,
                        "chosen": value.get("code") if sure else "",
                        "suggested": value.get("code") if not sure else "",
                        "score": value.get("score", 0),
                        "options": options,
                    }
                )
        sheets.append(
            {
                "index": i,
                "sheet": sheet["sheet"],
                "table": sheet.get("table") or "",
                "score": sheet.get("score", 0),
                "header_row": sheet.get("header_row", 0),
                "fields": table.names if table else (),
                "columns": columns,
                "values": values,
            }
        )
    return sheets


def _grid_rows(grid: list[dict]) -> list[dict]:
    """The rows in error laid out for the grid: each cell its input's name and choices."""
    out = []
    for i, sheet in enumerate(grid):
        columns = sheet["columns"]
        rows = []
        for row in sheet["rows"]:
            cells = []
            for j, column in enumerate(columns):
                kind = column["kind"]
                options = []
                if kind in ("region", "choice", "bool"):
                    options = value_options(sheet["table"], column["field"])
                cells.append(
                    {
                        "name": f"fix:{i}:{row['line']}:{j}",
                        "value": row["cells"][j],
                        "bad": column["header"] in row["bad"],
                        "header": column["header"],
                        "options": options,
                        "kind": kind,
                    }
                )
            rows.append({"line": row["line"], "cells": cells})
        out.append({"sheet": sheet["sheet"], "columns": columns, "rows": rows})
    return out


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "interchange.import", view_perm="interchange.import")
    job = get_visible_or_404(visible_jobs(request.user), pk=pk)
    return render(request, "interchange/job_detail.html", _job_context(job, request.user))


def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx; asks for a full reload once the job has ended."""
    require(request.user, "interchange.import", view_perm="interchange.import")
    job = get_visible_or_404(visible_jobs(request.user), pk=pk)
    response = render(request, "interchange/_progress.html", _job_context(job, request.user))
    if not job.running:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "interchange.import", view_perm="interchange.import")
    job = get_visible_or_404(visible_jobs(request.user), pk=pk)
    require(request.user, "interchange.confirm_job", job, view_perm="interchange.view_job")
    try:
        import_upload_confirm(job=job, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("interchange:job", pk=job.pk)


def sheets_help(request: HttpRequest) -> HttpResponse:
    """The staff's help page "Bringing your spreadsheets in", with the words understood."""
    from technopark.interchange.vocabulary import words_understood

    require(request.user, "interchange.import", view_perm="interchange.import")
    tables: list[dict] = []
    for table, column, words in words_understood():
        if not column:
            tables.append({"name": table, "words": words, "columns": []})
        else:
            tables[-1]["columns"].append({"name": column, "words": words})
    return render(request, "interchange/sheets_help.html", {"tables": tables})


@require_POST
def job_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    """The mapping the person confirmed and the cells they fixed: checked again, from the
    file kept on the server (no second upload)."""
    require(request.user, "interchange.import", view_perm="interchange.import")
    job = get_visible_or_404(visible_jobs(request.user), pk=pk)
    require(request.user, "interchange.remap_job", job, view_perm="interchange.view_job")
    report = ImportReport.from_dict(job.report_data or {})
    try:
        mapping = job.mapping
        if report.mapping and request.POST.get("mapping") == "1":
            mapping = mapping_from_post(report.mapping, request.POST)
        corrections = corrections_from_post(report.grid, request.POST, job.corrections)
        site = None
        if request.POST.get("keep") and mapping is not None:
            slug = request.POST.get("site", "")
            site = _mapping_sites(request.user, job).filter(code=slug).first() if slug else None
            if slug and site is None:
                raise DomainError(_("Choose a site from the list."))
        import_upload_remap(job=job, mapping=mapping, corrections=corrections, by=request.user)
        if request.POST.get("keep") and mapping is not None:
            import_mapping_keep(
                job=job,
                mapping=mapping,
                fingerprint=(report.mapping or {}).get("fingerprint", ""),
                shared=bool(request.POST.get("shared")),
                site=site,
                by=request.user,
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("interchange:job", pk=job.pk)


@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue again a check or an import whose worker stopped in the middle."""
    require(request.user, "interchange.import", view_perm="interchange.import")
    job = get_visible_or_404(visible_jobs(request.user), pk=pk)
    require(request.user, "interchange.view_job", job, view_perm="interchange.view_job")
    try:
        import_upload_retry(job=job, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The upload was queued again."))
    return redirect("interchange:job", pk=job.pk)


@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "interchange.import", view_perm="interchange.import")
    job = get_visible_or_404(visible_jobs(request.user), pk=pk)
    try:
        import_upload_cancel(job=job, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The upload was cancelled and its file deleted."))
    return redirect("interchange:index")


def job_errors_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every error and warning of an upload, to fix the file in a spreadsheet."""
    require(request.user, "interchange.import", view_perm="interchange.import")
    job = get_visible_or_404(visible_jobs(request.user), pk=pk)
    report = ImportReport.from_dict(job.report_data or {})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    response.write(BOM)
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("kind"), _("table"), _("line"), _("column"), _("message")])
    for kind, issues in ((_("error"), report.errors), (_("warning"), report.warnings)):
        for issue in issues:
            # a message quotes the uploaded cell: it must not run as a formula here
            writer.writerow(csv_row([kind, *issue.as_row()]))
    return response


def export_download(request: HttpRequest) -> HttpResponse:
    """Every table of the network: a .zip of CSV files, or one .xlsx workbook."""
    require(request.user, "interchange.export", view_perm="interchange.export")
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "zip"
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    (export_xlsx if kind == "xlsx" else export_zip)(spool)
    spool.seek(0)
    stamp = timezone.localdate().isoformat()
    return FileResponse(spool, as_attachment=True, filename=f"technopark-{stamp}.{kind}")

"""Daily jobs of the federation: forget unconfirmed partner uploads, report late milestones."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from django.conf import settings

from technopark.federation.models import Milestone

UPLOAD_TTL_SECONDS = 24 * 3600


def discard_stale_uploads(*, now: float | None = None) -> int:
    """Uploads previewed but neither confirmed nor cancelled within a day are deleted."""
    folder = Path(settings.MEDIA_ROOT) / "partner-uploads"
    if not folder.is_dir():
        return 0
    limit = (now or time.time()) - UPLOAD_TTL_SECONDS
    removed = 0
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def daily(today: dt.date) -> str:
    removed = discard_stale_uploads()
    late = (
        Milestone.objects.filter(planned_on__lt=today, project__site__opened_on__isnull=True)
        .exclude(status=Milestone.Status.DONE)
        .select_related("project__site")
        .order_by("planned_on")
    )
    names = ", ".join(f"{m.project.site.code} {m.kind}" for m in late)
    return f"{removed} stale uploads removed; late milestones: {names or 'none'}"

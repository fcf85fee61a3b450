"""How the programs app tells people: through `notification_send`, unless the demo is
writing history (`programs.notifications.quiet`)."""

from __future__ import annotations

from collections.abc import Sequence

from technopark.notifications.services import notification_send
from technopark.programs.notifications import is_quiet


def notify(
    *,
    to,
    kind: str,
    context: dict,
    url: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    language: str | None = None,
    by=None,
) -> None:
    if is_quiet():
        return
    notification_send(
        to=to,
        kind=kind,
        context=context,
        url=url,
        attachments=attachments,
        language=language,
        by=by,
    )

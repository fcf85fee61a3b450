"""Background work of the programs app: none of its own yet (its e-mails go through
`notification_send`, its daily job is in daily.py).

`quiet()` stays importable from here for the demos of the apps that call programs' services.
"""

from __future__ import annotations

from technopark.programs.notifications import quiet

__all__ = ["quiet"]

"""Keeps `User.access_version` in step with the person's roles and memberships.

The principal (`permissions.principal`) and the menu (`core.navigation`) are computed once
per process for each (user, access version): a role granted or removed, a membership
added or dropped, bumps the version in the database in the same transaction, so the
person's next request, whichever worker serves it, computes them afresh. This process's
own copies are dropped at once too.

Every change goes through `save()`/`delete()` (services, admin, cascades), which send the
signals below; a bulk write of roles or memberships (`QuerySet.update`, `bulk_create`)
must call `access_changed(user_id)` itself.
"""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from technopark.accounts.permissions import forget_user_id


def access_changed(user_id: int | None) -> None:
    """The roles or memberships of this user changed."""
    if user_id is None:
        return
    from technopark.accounts.models import User

    User.objects.filter(pk=user_id).update(access_version=F("access_version") + 1)
    forget_user_id(user_id)


def _on_scope_change(sender, instance, **kwargs) -> None:
    access_changed(instance.user_id)


def _on_user_change(sender, instance, created: bool = False, **kwargs) -> None:
    # A new user (or one deleted) may reuse the id of one rolled back in a test
    # transaction: never hand them that one's principal.
    if created or kwargs.get("signal") is post_delete:
        forget_user_id(instance.pk)


def connect() -> None:
    # Memberships belong to startups, above accounts: named, not imported.
    for sender in ("accounts.Role", "startups.Membership"):
        post_save.connect(_on_scope_change, sender=sender, dispatch_uid=f"access-{sender}-save")
        post_delete.connect(_on_scope_change, sender=sender, dispatch_uid=f"access-{sender}-del")
    post_save.connect(_on_user_change, sender="accounts.User", dispatch_uid="access-user-save")
    post_delete.connect(_on_user_change, sender="accounts.User", dispatch_uid="access-user-del")

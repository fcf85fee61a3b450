"""What the admin site shares across apps."""

from __future__ import annotations


class ServiceOwnedAdmin:
    """For records that services own: the admin shows them and never writes them.

    Their writes go through the owning app's services (validation, the audit trail with
    its actor, e-mails), so the admin may not add, change or delete them behind their back.
    Put it before `admin.ModelAdmin` (or an inline) in the bases.
    """

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

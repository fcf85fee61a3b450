"""allauth adapter: no open sign-up (accounts come from applications, invitations, staff);
the client's address as the rest of the platform reads it (behind the trusted proxies)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from technopark.core.client_address import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("The server gave no client address.")
        return ip

"""allauth adapter: no open sign-up (accounts come from applications, invitations, staff);
an address used only once verified and never one of another account; the client's
address as the rest of the platform reads it (behind the trusted proxies); its e-mails
(password reset, address verification) say they are automatic (RFC 3834)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from technopark.core.client_address import client_ip


def address_of_another_account(email: str, user) -> bool:
    """Whether `email` is the address of an account other than `user` (its login, or an
    address it verified)."""
    from allauth.account.models import EmailAddress

    from technopark.accounts.models import User

    return (
        User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True)
        .exclude(user_id=user.pk)
        .exists()
    )


# As every automatic e-mail of the platform (notifications/unsubscribe.py): no robot answers it.
AUTO_SUBMITTED = {"Auto-Submitted": "auto-generated"}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def render_mail(self, template_prefix, email, context, headers=None):
        return super().render_mail(
            template_prefix, email, context, headers={**AUTO_SUBMITTED, **(headers or {})}
        )

    def get_client_ip(self, request) -> str:
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("The server gave no client address.")
        return ip

    def confirm_email(self, request, email_address) -> bool:
        # The add form refuses another account's address; this holds when the address was
        # given to another account between the request and the click on the link.
        if address_of_another_account(email_address.email, email_address.user):
            messages.error(
                request, _("This address belongs to another account: it cannot be yours.")
            )
            return False
        return super().confirm_email(request, email_address)

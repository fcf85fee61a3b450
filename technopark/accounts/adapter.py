"""allauth adapter: no open sign-up (accounts come from applications, invitations, staff);
its e-mails (password reset, address verification) say they are automatic (RFC 3834)."""

from allauth.account.adapter import DefaultAccountAdapter

# As every automatic e-mail of the platform (notifications/unsubscribe.py): no robot answers it.
AUTO_SUBMITTED = {"Auto-Submitted": "auto-generated"}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def render_mail(self, template_prefix, email, context, headers=None):
        return super().render_mail(
            template_prefix, email, context, headers={**AUTO_SUBMITTED, **(headers or {})}
        )

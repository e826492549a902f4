"""Accounts are created by a school or trust, so open sign-up is closed."""

from allauth.account.adapter import DefaultAccountAdapter


class InviteOnlyAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

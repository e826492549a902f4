"""Second-factor sign-in for the roles that read or sign statutory records or see across
schools. Until such a person has set up an authenticator app, every page sends them to do
so; allauth then asks for a code at every sign-in.

Checked once per session at most: once the person has an authenticator, the session says so
and no query is made again (allauth's sign-in asked for the code, or the person has just set
the app up in this session).
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from people.models import Role
from tandem import permissions

MFA_ROLES = (Role.INDUCTION_TUTOR, Role.HEADTEACHER, Role.COORDINATOR)
SESSION_FLAG = "tandem_mfa"
# What a person without a second factor may still open: setting one up, signing out.
OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/", "/static/")


def needs_mfa(user) -> bool:
    return user.is_superuser or user.is_staff or permissions.access_for(user).has_any(*MFA_ROLES)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            not settings.MFA_REQUIRED
            or not user.is_authenticated
            or request.session.get(SESSION_FLAG)
            or request.path_info.startswith(OPEN_PREFIXES)
            or not needs_mfa(user)
        ):
            return self.get_response(request)
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[SESSION_FLAG] = True
            return self.get_response(request)
        messages.info(
            request,
            "Your role gives you statutory records or more than one school, so Tandem asks for "
            "a code from an authenticator app as well as your password. Set it up to go on.",
        )
        return redirect(reverse("mfa_activate_totp"))

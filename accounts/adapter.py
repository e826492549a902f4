"""Accounts are created by a school or trust, so open sign-up is closed, by password, code
or single sign-on alike; sign-in emails are rendered here and sent through the task queue."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import render

from accounts.tasks import send_email


class InviteOnlyAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, extra: dict) -> None:
        request = context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **extra,
            },
        )
        alternatives = getattr(message, "alternatives", [])
        html = next((body for body, kind in alternatives if kind == "text/html"), None)
        send_email.enqueue(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            from_email=message.from_email,
            html=html,
        )


class OrganisationSSOAdapter(DefaultSocialAccountAdapter):
    """Single sign-on through a school's or trust's own Microsoft Entra ID or Google
    Workspace (docs/sso.md). Nobody is created by signing in: the address the organisation's
    identity provider gives must be one of its domains and belong to someone Tandem already
    knows at that organisation, and that person is then signed in."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.is_existing:
            return
        app = sociallogin.provider.app
        email = (sociallogin.user.email or "").strip().lower()
        domains = [d.lower() for d in app.settings.get("domains", [])]
        if not email or email.rsplit("@", 1)[-1] not in domains:
            self._refuse(
                request,
                f"{app.name} gave the address '{email or 'none'}', which is not one of its "
                "organisation's domains.",
            )
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None or not _works_for(person, app.settings.get("trust_id")):
            self._refuse(
                request,
                f"Tandem has no account for {email} at this organisation. Ask your induction "
                "tutor or trust coordinator to add you.",
            )
        sociallogin.connect(request, person)

    @staticmethod
    def _refuse(request, message: str) -> None:
        response = render(request, "account/sso_refused.html", {"message": message}, status=403)
        raise ImmediateHttpResponse(response)


def _works_for(person, trust_id) -> bool:
    from people.models import RolePeriod

    if trust_id is None:
        return False
    current = RolePeriod.objects.current().filter(person=person)
    return (
        current.filter(school__trust_id=trust_id).exists()
        or current.filter(trust_id=trust_id).exists()
    )

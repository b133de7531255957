"""The e-mail a new staff account gets: a link for choosing a password (Django's password-reset token)."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_url(request, user) -> str:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def send_set_password_email(request, user, consultation) -> None:
    context = {
        "user": user,
        "consultation": consultation,
        "url": set_password_url(request, user),
        "inviter": request.user,
    }
    subject = render_to_string("accounts/email/invite_subject.txt", context).strip()
    body = render_to_string("accounts/email/invite.txt", context)
    send_mail(subject, body, None, [user.email])

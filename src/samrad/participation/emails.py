"""E-mails to registrants: confirmation, moved up from the waiting list, the personal link again.

Sent in the language the person signed up in. Sending never breaks the page: a failure is logged and the
caller shows the personal link on screen instead.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Registration

log = logging.getLogger(__name__)

KINDS = ("confirmation", "moved_up", "link")


def personal_url(registration: Registration, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("participation:personal", args=[registration.token])


def send(registration: Registration, kind: str, base_url: str) -> bool:
    """Send one e-mail of the given kind; returns False (and logs) when it could not be sent."""
    assert kind in KINDS, kind
    if not registration.participant.email:
        return False
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "registration": registration,
            "participant": registration.participant,
            "event": registration.event,
            "consultation": registration.event.consultation,
            "url": personal_url(registration, base_url),
        }
        subject = render_to_string(f"participation/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"participation/email/{kind}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.participant.email])
    except Exception:  # a mail server problem must not lose the registration
        log.exception("could not send the %s e-mail for registration %s", kind, registration.pk)
        return False
    return True

"""The consent text shown on the sign-up page. Its SHA-256 is the version stored with each registration
(ConsentText keeps the full text once per version), so one can always show exactly what a person agreed to."""

from django.utils.translation import gettext as _

from samrad.consultations.models import Event


def consent_text(event: Event) -> str:
    return _(
        "%(organiser)s stores your name, e-mail address, organisation, role, municipality, culture area and any "
        "needs you write, in order to organise “%(title)s”, form the discussion groups and contact you about the "
        "dialogue. Only the people who organise the dialogue see the information; it is not published. It is "
        "deleted when the consultation has been concluded. You can cancel at any time with your personal link, "
        "and you can ask %(organiser)s to show you or delete your data."
    ) % {"organiser": event.consultation.organiser, "title": event.title}

"""The consent text shown on the sign-up page. Its SHA-256 is the version stored with each registration
(ConsentText keeps the full text once per version), so one can always show exactly what a person agreed to.

It is the page's one statement about personal data: what is kept, why and for how long, from the
consultation's record of processing (written by samrad.privacy.notice, asked for through
core.personaldata), so a change in the record makes a new version.
"""

from django.utils.translation import gettext as _

from samrad.consultations.models import Event
from samrad.core.personaldata import notice_paragraphs


def kept(event: Event) -> list[str]:
    """What the sign-up form asks for, in the words of the form."""
    items = [_("your name"), _("your e-mail address"), _("organisation"), _("role"), _("municipality")]
    if event.kind == Event.Kind.AREA_DIALOGUE:
        items.append(_("culture area"))
    return [*items, _("any needs you write")]


def consent_text(event: Event) -> str:
    """Paragraphs separated by a blank line."""
    lines = notice_paragraphs(event.consultation, what=kept(event))
    lines.append(_("With the same link you can also cancel your registration."))
    return "\n\n".join(lines)

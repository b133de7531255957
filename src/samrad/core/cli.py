"""What the `samrad` subcommands share: console output (rich on a terminal, plain text otherwise), the
exception for bad input, and finding the consultation a command names."""

import sys

from rich.console import Console

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 2) -> int:
    """Print a message for the user (never a traceback) and return the exit code."""
    sys.stderr.write(message.rstrip() + "\n")
    return code


def is_interactive() -> bool:
    return sys.stderr.isatty()


class UserError(Exception):
    """Bad input from the person running the command: `samrad` prints the message and exits with code 2."""


def get_consultation(slug: str):
    """The consultation with this slug, or a UserError that lists the slugs there are."""
    from django.utils.translation import gettext as _

    from samrad.consultations.models import Consultation

    consultation = Consultation.objects.filter(slug=slug).first()
    if consultation is None:
        known = ", ".join(Consultation.objects.values_list("slug", flat=True)) or "–"
        raise UserError(_("There is no consultation %(slug)r. Known: %(known)s.") % {"slug": slug, "known": known})
    return consultation

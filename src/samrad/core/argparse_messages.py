"""argparse's own words, so that `samrad --help` reads well in Swedish too (samrad/cli.py hands argparse
Django's gettext). Listed here only so that makemessages finds them."""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("expected one argument"),
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("not allowed with argument %s"),
]

"""The `samrad` command.

    samrad init examples/orebro-2022/consultation.toml
    samrad demo [--no-serve]
    samrad serve [--host H] [--port P] [--production]

Every subcommand is a module with `help`, `add_arguments(parser)` and `run(args)`, listed in COMMANDS: the
project's own in samrad/commands/<name>.py, an app's in samrad/<app>/cli.py. What they share is in
samrad/core/cli.py.
Anything else is passed to Django's management commands: `samrad migrate`, `samrad createsuperuser`,
`samrad check --deploy`.
"""

import argparse
import importlib
import os
import sys

# name -> module; the order is the order in --help.
COMMANDS = {
    "init": "samrad.commands.init",
    "reference": "samrad.commands.reference",
    "demo": "samrad.commands.demo",
    "serve": "samrad.commands.serve",
    "publish": "samrad.publication.cli",
    "followup": "samrad.followup.cli",
    "backup": "samrad.commands.backup",
    "restore": "samrad.commands.restore",
    "purge": "samrad.privacy.cli",
    "groups": "samrad.participation.cli",
    "import": "samrad.intake.cli",
    "analyze": "samrad.review.cli",
    "review": "samrad.review.workflow",
    "themes": "samrad.commands.themes",
    "eval": "samrad.commands.evaluate",
}


def _language(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    env = os.environ.get("SAMRAD_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if env.lower().startswith("en") else "sv"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samrad.settings")
    import django

    django.setup()


def build_parser(lang: str) -> argparse.ArgumentParser:
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    # argparse's own words ("usage:", "options", …) through Django's catalogues: see core/argparse_messages.py
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]

    parser = argparse.ArgumentParser(
        prog="samrad",
        description=_(
            "samrad runs a consultation from the first invitation to the published result and the follow-up."
        ),
        epilog=_(
            "Django's management commands also work, e.g. `samrad migrate`, `samrad createsuperuser`, "
            "`samrad check --deploy`."
        ),
    )
    parser.add_argument(
        "--lang",
        choices=["sv", "en"],
        default=lang,
        help=_("language of messages (default: from SAMRAD_LANG or LANG, else Swedish)"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        # Pass-through commands parse their own arguments (and their own --help).
        own_parser = getattr(module, "PASS_THROUGH", False)
        p = sub.add_parser(name, help=module.help(), description=module.help(), add_help=not own_parser)
        p.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def _command_index(argv: list[str]) -> int | None:
    """Where the subcommand is: the first word that is neither an option nor the value of --lang."""
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return i
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    at = _command_index(argv)
    first = argv[at] if at is not None else None
    # A pass-through command's own --lang (the language of its texts) is not the language of messages.
    passes_through = first in COMMANDS and getattr(importlib.import_module(COMMANDS[first]), "PASS_THROUGH", False)
    lang = _language(argv[:at] if passes_through else argv)
    try:
        setup_django()
    except Exception as exc:  # settings that cannot work (e.g. no secret key in production): say why, no traceback
        from django.core.exceptions import ImproperlyConfigured

        if not isinstance(exc, ImproperlyConfigured) or os.environ.get("SAMRAD_TRACEBACK"):
            raise
        sys.stderr.write(f"{exc}\n")
        return 2
    from django.utils import translation

    translation.activate(lang)
    if first is not None and first not in COMMANDS:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["samrad", *_without_lang(argv)])
        return 0
    parser = build_parser(lang)
    if passes_through:
        assert at is not None
        args = argparse.Namespace(lang=lang, argv=argv[at + 1 :], run=importlib.import_module(COMMANDS[first]).run)
    else:
        args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0
    translation.activate(args.lang)
    from samrad.core.cli import UserError, fail

    try:
        return int(args.run(args) or 0)
    except UserError as exc:
        return fail(str(exc), 2)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the user gets a message, not a traceback (unless they ask for it)
        if os.environ.get("SAMRAD_TRACEBACK"):
            raise
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    from django.db import DatabaseError
    from django.utils.translation import gettext as _

    from samrad.core.cli import fail

    if isinstance(exc, DatabaseError):
        return fail(
            _(
                "samrad could not use the database: %(error)s\nCheck SAMRAD_DATABASE_URL and that the "
                "database server is running."
            )
            % {"error": exc},
            1,
        )
    if isinstance(exc, (OSError, ValueError)):
        return fail(_("samrad stopped: %(error)s") % {"error": exc}, 1)
    return fail(
        _(
            "samrad stopped because of an unexpected error (%(kind)s: %(error)s). Run again with "
            "SAMRAD_TRACEBACK=1 to see the details, and report it."
        )
        % {"kind": type(exc).__name__, "error": exc},
        1,
    )


def _without_lang(argv: list[str]) -> list[str]:
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


if __name__ == "__main__":
    sys.exit(main())

"""`samrad themes`: the synthesis engine on any CSV, XLSX or JSONL file, without a database."""

import argparse

from django.utils.translation import gettext as _

PASS_THROUGH = True  # the engine's own parser reads the arguments (samrad.synthesis.cli)


def help() -> str:
    return _("find themes, points and quotes in a CSV, XLSX or JSONL file (no database needed)")


def add_arguments(parser) -> None:
    parser.add_argument("argv", nargs=argparse.REMAINDER)


def reference_parser():
    """The engine's parser, for docs/cli.md (scripts/cli_reference.py)."""
    from samrad.synthesis.cli import _themes_parser

    return _themes_parser()


def run(args) -> int:
    from samrad.synthesis.cli import themes_main

    return themes_main(args.argv, lang=args.lang)

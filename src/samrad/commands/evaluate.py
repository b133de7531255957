"""`samrad eval`: how well themes match known labels (adjusted Rand index, NMI, share in the rest)."""

import argparse

from django.utils.translation import gettext as _

PASS_THROUGH = True  # the engine's own parser reads the arguments (samrad.synthesis.cli)


def help() -> str:
    return _("compare themes with known labels: adjusted Rand index, NMI and the share left in the rest")


def add_arguments(parser) -> None:
    parser.add_argument("argv", nargs=argparse.REMAINDER)


def reference_parser():
    """The engine's parser, for docs/cli.md (scripts/cli_reference.py)."""
    from samrad.synthesis.cli import _eval_parser

    return _eval_parser()


def run(args) -> int:
    from samrad.synthesis.cli import eval_main

    return eval_main(args.argv, lang=args.lang)

from pathlib import Path

from django.utils.translation import gettext as _

from samrad.core.cli import console


def help() -> str:
    return _("write the consultation file's reference (every key, its type, allowed values and an example)")


def add_arguments(parser) -> None:
    parser.add_argument(
        "--out", metavar=_("FILE"), help=_("where to write it, e.g. docs/consultation-file.md (default: print it)")
    )


def run(args) -> int:
    from samrad.consultations.loader.reference import render

    text = render()
    if not args.out:
        console.out(text, end="", highlight=False)
        return 0
    Path(args.out).write_text(text, encoding="utf-8")
    console.print(_("Wrote %(path)s.") % {"path": args.out}, markup=False)
    return 0

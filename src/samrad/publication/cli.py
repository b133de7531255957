"""`samrad publish CONSULTATION --out DIR`: the static site and every export of the published summary."""

from pathlib import Path

from django.utils.translation import gettext as _

from samrad.core.cli import console, get_consultation


def help() -> str:
    return _("write the published results: a static site, DOCX, PDF and open data (JSON, CSV)")


def add_arguments(parser) -> None:
    parser.add_argument("consultation", metavar=_("CONSULTATION"), help=_("the consultation's slug, e.g. orebro-2022"))
    parser.add_argument("--out", required=True, metavar=_("DIR"), help=_("folder to write to (created if missing)"))
    parser.add_argument("--base-url", default="", help=_("address of the live site, for links the copy cannot hold"))


def run(args) -> int:

    consultation = get_consultation(args.consultation)
    out = Path(args.out)
    written = write_all(consultation, out, base_url=args.base_url)
    console.print(_("Wrote %(count)d files to %(dir)s") % {"count": len(written), "dir": out}, markup=False)
    for path in written:
        if path.parent == out:
            console.print(f"  {path.name}", markup=False)
    return 0


def write_all(consultation, out: Path, *, base_url: str = "") -> list[Path]:
    from .exports import document, opendata, printed, site
    from .summary import build

    summary = build(consultation)
    written = site.publish_site(consultation, out, base_url=base_url)
    files = {
        "sammanfattning.json": opendata.as_json(summary).encode(),
        "sammanfattning.csv": opendata.as_csv(summary).encode("utf-8-sig"),  # BOM: Excel reads UTF-8 correctly
        "sammanfattning.docx": document.as_docx(summary),
        "sammanfattning.pdf": printed.as_pdf(summary),
    }
    for name, content in files.items():
        (out / name).write_bytes(content)
        written.append(out / name)
    return written

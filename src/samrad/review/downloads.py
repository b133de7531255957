"""Staff downloads of the exports. They are made from the published summary only (samrad.publication), so they
hold exactly what the public page shows."""

import io
import tempfile
import zipfile
from pathlib import Path

from samrad.publication.exports import document, opendata, printed, site
from samrad.publication.summary import build

# url part → (content type, file name after the slug)
FORMATS = {
    "webbplats.zip": ("application/zip", "webbplats.zip"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "sammanfattning.docx"),
    "pdf": ("application/pdf", "sammanfattning.pdf"),
    "json": ("application/json; charset=utf-8", "sammanfattning.json"),
    "csv": ("text/csv; charset=utf-8", "sammanfattning.csv"),
}


def make(consultation, fmt: str) -> tuple[bytes, str, str]:
    content_type, suffix = FORMATS[fmt]
    filename = f"{consultation.slug}-{suffix}"
    if fmt == "webbplats.zip":
        return static_site_zip(consultation), content_type, filename
    summary = build(consultation)
    content = {
        "docx": lambda: document.as_docx(summary),
        "pdf": lambda: printed.as_pdf(summary),
        "json": lambda: opendata.as_json(summary).encode(),
        "csv": lambda: opendata.as_csv(summary).encode("utf-8-sig"),  # BOM: Excel reads UTF-8 correctly
    }[fmt]()
    return content, content_type, filename


def static_site_zip(consultation) -> bytes:
    out = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / consultation.slug
        files = site.publish_site(consultation, root)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(files):
                archive.write(path, path.relative_to(Path(tmp)).as_posix())
    return out.getvalue()

"""The organiser's logo: a file beside the consultation file, checked by content, never by name.

A logo is served to anyone at /<slug>/logotyp/, so a path in the consultation file must not reach outside the
file's folder (`../../etc/passwd`, an absolute path, a symlink out), and what is served must be an image: PNG,
JPEG, WebP, or an SVG without scripts, event handlers, external references or entities.
"""

import re
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
CONTENT_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "svg": "image/svg+xml",
}
# Anything in an SVG that runs code or fetches something when the image is opened on its own.
_SVG_DANGER = re.compile(
    rb"<\s*script|<\s*foreignObject|<!ENTITY|<!DOCTYPE|\son[a-z]+\s*=|javascript:|data:text/html"
    rb"|(?:xlink:)?href\s*=\s*[\"']\s*(?!#)",
    re.IGNORECASE,
)
_SVG_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<svg[\s>]", re.DOTALL)


def image_kind(data: bytes) -> str | None:
    """'png', 'jpeg', 'webp' or 'svg' when `data` is such an image (by its first bytes), else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if _SVG_START.match(data.removeprefix(b"\xef\xbb\xbf")):
        return "svg"
    return None


def svg_is_safe(data: bytes) -> bool:
    return _SVG_DANGER.search(data) is None


def check_logo(value: str, base_dir: Path | None) -> tuple[Path | None, str | None]:
    """(the file, None) for a usable logo, or (None, what is wrong and what to do) in the user's language."""
    if base_dir is None:
        return None, _("a logo file can only be given in a consultation file on disk. Give a web address instead.")
    if Path(value).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", value) or value.startswith("~"):
        return None, _(
            "%(path)s is an absolute path. Put the logo in the consultation file's folder and give its name, "
            'e.g. logo = "logo.svg".'
        ) % {"path": value}
    folder = base_dir.resolve()
    try:
        file = (folder / value).resolve()
    except (OSError, RuntimeError, ValueError):
        file = None
    if file is None or (folder != file and folder not in file.parents):
        return None, _(
            "%(path)s lies outside the consultation file's folder. Put the logo in that folder (or below it) "
            'and give its name, e.g. logo = "logo.svg".'
        ) % {"path": value}
    if not file.is_file():
        return None, _(
            "the file %(path)s does not exist. Give a path relative to the consultation file, or a web address."
        ) % {"path": value}
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, _("%(path)s is %(size)s MB; a logo may be at most 2 MB. Use a smaller image.") % {
            "path": value,
            "size": f"{size / 1024 / 1024:.1f}",
        }
    data = file.read_bytes()
    kind = image_kind(data)
    if kind is None:
        return None, _("%(path)s is not a PNG, JPEG, WebP or SVG image. Give the logo as one of those.") % {
            "path": value
        }
    if kind == "svg" and not svg_is_safe(data):
        return None, _(
            "%(path)s is an SVG with scripts, event handlers, entities or links to other files. Save it as a plain "
            "SVG (or PNG) without them."
        ) % {"path": value}
    return file, None


def servable(file: Path) -> str | None:
    """The content type to serve a stored logo with, or None when the file is not a safe, bounded image."""
    try:
        if not file.is_file() or file.stat().st_size > MAX_BYTES:
            return None
        data = file.read_bytes()
    except OSError:
        return None
    kind = image_kind(data)
    if kind is None or (kind == "svg" and not svg_is_safe(data)):
        return None
    return CONTENT_TYPES[kind]

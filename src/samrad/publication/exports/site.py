"""A static copy of the public pages that works from any web server or a file share.

The pages are rendered by the same views the live site uses (so the same publication rules apply), then
internal links are rewritten to relative file paths. Forms that need a server (feedback) are left out.
"""

import os
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from samrad.consultations.models import Consultation

# (url name, file) of the pages in the static site, per language. Other apps may append to this list.
PAGES: list[tuple[str, str]] = [
    ("results:results", "index.html"),
    ("results:consultation", "samrad/index.html"),
    ("results:accessibility", "tillganglighet/index.html"),
    ("followup:collaborations", "samverkan/index.html"),
    ("followup:index", "uppfoljning/index.html"),
    ("followup:calendar", "kalender/index.html"),
    ("followup:participation", "deltagande/index.html"),
]
LANGUAGE_DIRS = {"sv": "", "en": "en/"}
_LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>/[^"#]*)(?P<frag>#[^"]*)?"')


def publish_site(consultation: Consultation, out: Path, *, base_url: str = "") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rendered: dict[str, tuple[str, str]] = {}  # output file → (site path, html)
    site_paths: dict[str, str] = {}  # site path → output file
    for lang, prefix in LANGUAGE_DIRS.items():
        with translation.override(lang):
            for name, file in PAGES:
                path = reverse(name, kwargs={"consultation": consultation.slug})
                html = _render(path, lang, base_url)
                rendered[prefix + file] = (path, html)
                site_paths[path] = prefix + file
    written = []
    assets: dict[str, str] = {}
    for file, (_path, html) in rendered.items():
        html = _rewrite(html, file, site_paths, assets, consultation, base_url)
        target = out / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
    for url, file in assets.items():
        source = _asset_source(url, consultation)
        if source:
            target = out / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(target)
    return written


def _host(base_url: str) -> str:
    """A host the site accepts, for pages that build absolute links (e.g. the calendar feed's address)."""
    from urllib.parse import urlsplit

    if base_url:
        return urlsplit(base_url).netloc
    return next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h and h != "*"), "localhost")


def _render(path: str, lang: str, base_url: str = "") -> str:
    scheme = "https" if base_url.startswith("https://") else "http"
    request = RequestFactory(HTTP_HOST=_host(base_url)).get(path, secure=scheme == "https")
    request.LANGUAGE_CODE = lang
    request.user = AnonymousUser()
    request.session = {}
    request.static_export = True
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response.content.decode()


def _rewrite(html: str, current: str, site_paths: dict, assets: dict, consultation, base_url: str) -> str:
    here = os.path.dirname(current) or "."

    def replace(m: re.Match) -> str:
        url, frag = m.group("url"), m.group("frag") or ""
        target = site_paths.get(url)
        if target is None and url.startswith(settings.STATIC_URL):
            target = assets.setdefault(url, "static/" + url[len(settings.STATIC_URL) :])
        if target is None and url == reverse("results:logo", kwargs={"consultation": consultation.slug}):
            target = assets.setdefault(url, "logo" + Path(consultation.logo).suffix)
        if target is None:
            return f'{m.group("attr")}="{base_url.rstrip("/") + url if base_url else url}{frag}"'
        return f'{m.group("attr")}="{os.path.relpath(target, here)}{frag}"'

    return _LINK.sub(replace, html)


def _asset_source(url: str, consultation) -> str | None:
    if url.startswith(settings.STATIC_URL):
        return finders.find(url[len(settings.STATIC_URL) :])
    if not consultation.logo:
        return None
    from samrad.consultations.loader.logo import servable

    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / consultation.logo).resolve()
    # As the logo view: only a bounded image inside MEDIA_ROOT, whatever the stored path names.
    return str(path) if root in path.parents and servable(path) else None

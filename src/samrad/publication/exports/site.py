"""A static copy of the public pages that works from any web server or a file share.

The pages are rendered by the same views the live site uses (so the same publication rules apply), then
internal links are rewritten to relative file paths, so the copy works from a sub-path or over file://.
Public pages and files the copied pages link to (a goal, an activity, the open data) are copied too; a link to
anything that needs a server (sign-up, survey, login) points to the live site with --base-url, else is removed.
Forms that need a server (feedback) are left out.
"""

import os
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import Http404
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
# Public, read-only pages and files that are copied when a copied page links to them.
LINKED: set[str] = {
    "followup:goal",
    "followup:sector",
    "followup:activity",
    "followup:data_json",
    "followup:activities_csv",
    "followup:calendar_feed",
    "followup:event_ics",
    "privacy:record",
}
LANGUAGE_DIRS = {"sv": "", "en": "en/"}
_LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>/[^"#]*)(?P<frag>#[^"]*)?"')
# An <a> whose target is not in the copy loses its href (and stays readable as text).
_ANCHOR_HREF = re.compile(r'(<a\b[^>]*?)\s+href="(?P<url>/[^"#]*)(?:#[^"]*)?"')


def publish_site(consultation: Consultation, out: Path, *, base_url: str = "") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rendered: dict[str, tuple[str, str, bytes]] = {}  # output file → (language, content type, content)
    site_paths: dict[str, str] = {}  # site path → output file
    queue: list[tuple[str, str]] = []  # (site path, language) still to render
    for lang, prefix in LANGUAGE_DIRS.items():
        with translation.override(lang):
            for name, file in PAGES:
                path = reverse(name, kwargs={"consultation": consultation.slug})
                site_paths[path] = prefix + file
                queue.append((path, lang))
    while queue:  # the fixed pages, then whatever public page or file they link to, breadth first
        path, lang = queue.pop(0)
        with translation.override(lang):
            content_type, content = _render(path, lang, base_url)
            if content_type.startswith("text/html") and not base_url:
                content = _own_links(content.decode()).encode()
            rendered[site_paths[path]] = (lang, content_type, content)
            if content_type.startswith("text/html"):
                for url in _links(content.decode()):
                    linked = None if url in site_paths else _linked_file(url, consultation, lang)
                    if linked:
                        site_paths[url] = linked
                        queue.append((url, lang))
    written = []
    assets: dict[str, str] = {}
    for file, (lang, content_type, content) in rendered.items():
        if content_type.startswith("text/html"):
            with translation.override(lang):  # the page's own URLs resolve in its language
                html = _rewrite(content.decode(), file, site_paths, assets, consultation, base_url)
            content = html.encode()
        target = out / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    for url, file in assets.items():
        source = _asset_source(url, consultation)
        if source and out / file not in written:  # the logo has one address per language, one file
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


def _own_links(html: str) -> str:
    """Absolute links the views build for the live site (the calendar's feed): into the copy where they can
    go, and a subscription (webcal://), which a copy cannot serve, away."""
    own = re.escape(_host(""))
    html = re.sub(rf'(<a\b[^>]*?)\s+href="webcal://{own}/[^"]*"', r"\1", html)
    return re.sub(rf'\b(href|src)="https?://{own}/', r'\1="/', html)


def _links(html: str) -> list[str]:
    return [m.group("url") for m in _LINK.finditer(html) if m.group("attr") == "href"]


def _linked_file(url: str, consultation, lang: str) -> str | None:
    """The file a linked public page or file is copied to, or None when the copy cannot hold it."""
    try:
        match = resolve(url.split("?")[0])
    except Http404:
        return None
    if "?" in url or match.view_name not in LINKED or match.kwargs.get("consultation") != consultation.slug:
        return None
    prefix = "/" + ("" if lang == settings.LANGUAGE_CODE else lang + "/") + consultation.slug + "/"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :]
    return LANGUAGE_DIRS[lang] + (rest + "index.html" if rest.endswith("/") or not rest else rest)


def _render(path: str, lang: str, base_url: str = "") -> tuple[str, bytes]:
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
    content = b"".join(response) if response.streaming else response.content
    return response.get("Content-Type", "text/html"), content


def _rewrite(html: str, current: str, site_paths: dict, assets: dict, consultation, base_url: str) -> str:
    """Every link relative to the page's own folder; a link to what the copy does not hold goes to the live
    site (base_url) or, without one, loses its href."""
    here = os.path.dirname(current) or "."

    def target(url: str) -> str | None:
        if url in site_paths:
            return site_paths[url]
        if url.startswith(settings.STATIC_URL):
            return assets.setdefault(url, "static/" + url[len(settings.STATIC_URL) :])
        if _is_logo(url, consultation):
            return assets.setdefault(url, "logo" + Path(consultation.logo).suffix)
        return None

    def replace(m: re.Match) -> str:
        url, frag = m.group("url"), m.group("frag") or ""
        file = target(url)
        if file is None:
            return m.group(0) if not base_url else f'{m.group("attr")}="{base_url.rstrip("/") + url}{frag}"'
        return f'{m.group("attr")}="{os.path.relpath(file, here)}{frag}"'

    html = _LINK.sub(replace, html)
    return _ANCHOR_HREF.sub(lambda m: m.group(1), html) if not base_url else html


def _is_logo(url: str, consultation) -> bool:
    try:
        match = resolve(url)
    except Http404:
        return False
    return match.view_name == "results:logo" and match.kwargs.get("consultation") == consultation.slug


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

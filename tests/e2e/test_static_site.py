"""The static site from `samrad publish` works from a file share: opened over file:// in Chromium, every page
reachable from index.html loads without a console error, and every link, stylesheet, image and script it
names is in the copy."""

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from samrad.results.cli import write_all
from tests.e2e.console import assert_clean, watch
from tests.results.conftest import published  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

_TARGETS = """() => [
  ...[...document.querySelectorAll('a[href], link[href]')].map(e => e.href),
  ...[...document.querySelectorAll('img[src], script[src], source[src], iframe[src]')].map(e => e.src),
]"""


def _local(url: str, root: Path) -> Path | None:
    """The file a file:// URL names, or None for a link to the web (e.g. the region's own site)."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "mailto", "tel"):
        return None
    assert parts.scheme == "file", f"a link that is neither to the copy nor to the web: {url}"
    return Path(unquote(parts.path))


def crawl(browser, root: Path) -> dict[str, list[str]]:
    """Every page reachable from index.html; returns page → the problems found there."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(30_000)
    failed: list[str] = []
    # ERR_ABORTED: a load cut short by going to the next page, not a missing file (ERR_FILE_NOT_FOUND).
    page.on(
        "requestfailed",
        lambda r: None if "ERR_ABORTED" in (r.failure or "") else failed.append(f"could not load {r.url}: {r.failure}"),
    )
    problems_by_page: dict[str, list[str]] = {}
    problems = watch(page)
    seen = {root / "index.html"}
    queue = [root / "index.html"]
    try:
        while queue:
            path = queue.pop(0)
            problems.clear()
            failed.clear()
            page.goto(path.as_uri())
            found = []
            try:
                assert_clean(page, problems)
            except AssertionError as e:
                found.append(str(e))
            found += failed
            for url in page.evaluate(_TARGETS):
                target = _local(urldefrag(url).url, root)
                if target is None:
                    continue
                if target.is_dir():
                    found.append(f"links to a folder, which a file share shows as a listing: {url}")
                    continue
                if not target.is_file() or root not in target.parents:
                    found.append(f"links to a file outside the copy or missing: {url}")
                    continue
                if target.suffix == ".html" and target not in seen:
                    seen.add(target)
                    queue.append(target)
            if found:
                problems_by_page[str(path.relative_to(root))] = found
    finally:
        context.close()
    return problems_by_page, seen


def test_static_site_works_over_file_urls(browser, published, tmp_path):  # noqa: F811
    root = tmp_path / "site"
    write_all(published, root)
    problems, seen = crawl(browser, root)
    assert not problems, problems
    pages = {str(p.relative_to(root)) for p in seen}
    # The crawl reached both languages and the pages the copy holds besides the fixed ones.
    assert {"index.html", "en/index.html", "samrad/index.html", "uppfoljning/index.html"} <= pages
    assert any(p.startswith("uppfoljning/mal/") for p in pages)
    assert len(pages) > 20

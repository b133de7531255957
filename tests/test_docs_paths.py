"""The docs name files that exist: every repository path and every relative link in the Markdown docs, and the
architecture sketch's table of which app has which file."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted(
    [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "bench").glob("*.md"),
        *(ROOT / "src" / "samrad").glob("*/README.md"),
    ]
)
# A path from the repository root (src/…, tests/…) or from src/ (samrad/…), as docs and comments write them.
REPO_PATH = re.compile(r"(?<![\w./-])((?:src|tests|scripts|bench|examples|docs|requirements|samrad)/[\w./-]*[\w/])")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _missing(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    missing = []
    for path in REPO_PATH.findall(text):
        base = ROOT / "src" if path.startswith("samrad/") else ROOT
        target = base / path
        # `samrad-maintenance.*` stands for several files; the pattern stops before the star.
        if not target.exists() and not list(target.parent.glob(target.name + ".*")):
            missing.append(path)
    for link in LINK.findall(text):
        if "://" not in link and not link.startswith("mailto:") and not (doc.parent / link).exists():
            missing.append(link)
    return missing


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_paths_named_in_docs_exist(doc):
    assert _missing(doc) == [], f"{doc.relative_to(ROOT)} names files that do not exist"


def test_the_check_finds_a_dangling_path(tmp_path):
    gone = "src/samrad/grouping/rules/" + "mixed.py"  # split, so the source check below does not see it
    doc = tmp_path / "x.md"
    doc.write_text(f"See {gone} and [this](nowhere.md).\n", encoding="utf-8")
    assert _missing(doc) == [gone, "nowhere.md"]


def _app_table() -> dict[str, dict[str, str]]:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = [line.strip() for line in text.splitlines() if line.strip().startswith("| ")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header[0] == "app", "the first table in ARCHITECTURE.md is the one of app files"
    table = {}
    for row in rows[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) != len(header):
            break
        table[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
    return table


def test_the_table_of_app_files_is_true():
    table = _app_table()
    assert table, "no table of app files in docs/ARCHITECTURE.md"
    for app, files in table.items():
        folder = ROOT / "src" / "samrad" / app
        for name, said in files.items():
            actual = "x" if (folder / f"{name}.py").exists() else "dir" if (folder / name).is_dir() else "-"
            assert said == actual, f"docs/ARCHITECTURE.md says {app}/{name} is {said!r}, the tree has {actual!r}"


SOURCE_PATH = re.compile(r"(?<![\w./-])([\w-]+(?:/[\w.-]+)*/[\w-]+\.py)\b")


def _resolves(path: str, source: Path) -> bool:
    """A path in a comment may be written from the repository root, from src/, from src/samrad/ or from the
    file's own package (or one above it)."""
    bases = [ROOT, ROOT / "src", ROOT / "src" / "samrad", *list(source.parents)[:3]]
    return any((base / path).exists() for base in bases)


def test_paths_named_in_source_comments_exist():
    missing = []
    sources = [*(ROOT / "src").rglob("*.py"), *(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").glob("*.py")]
    for source in sorted(sources):
        text = source.read_text(encoding="utf-8")
        missing += [
            f"{source.relative_to(ROOT)}: {path}" for path in SOURCE_PATH.findall(text) if not _resolves(path, source)
        ]
    assert missing == []


def test_readme_stays_a_short_tour():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= 200, f"README.md has {lines} lines (at most 200): move detail into docs/<audience>.md"

"""Small text helpers shared by templates and document exports."""

import re


def join_points(points) -> str:
    """'Exempelvis:' points as one sentence, as the region's page lists them: "a, b, c." — or "a; b; c." when a
    point holds a comma of its own (each point's own trailing full stop dropped)."""
    parts = [p.strip().rstrip(".").strip() for p in points if p and p.strip()]
    separator = "; " if any("," in p for p in parts) else ", "
    return separator.join(parts) + "." if parts else ""


def sentence(text: str) -> str:
    """Make a line read like a sentence: a capital first letter and a closing full stop."""
    text = (text or "").strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…:" else text + "."


_KEEP = re.compile(rb"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(rb"\n[ \t]+")


def without_indentation(html: bytes) -> bytes:
    """Drop the templates' indentation from a page (about 6 % of the results page). A line break still
    separates the words, so the page renders the same; <pre> and <textarea> keep every space."""
    parts = _KEEP.split(html)
    # split() with two groups yields: text, whole kept block, tag name, text, …
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:
            out.append(_INDENT.sub(b"\n", part))
        elif i % 3 == 1:
            out.append(part)
    return b"".join(out)

"""Make raw answer text analysable while remembering where every character came from.

Answers arrive as typed, pasted from Word (HTML), with control characters or entities. Analysis needs
plain text, but provenance needs spans into the *raw* text, so cleaning produces the plain text plus
an offset map: ``offsets[i]`` is the raw index of clean character ``i``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

# Tags whose boundaries end a line of text (a paragraph, a list item, a line break …).
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "section",
    "article",
    "hr",
    "pre",
}
# Whole elements whose content is never answer text.
_DROP_ELEMENTS = ("script", "style", "head", "xml", "title")
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*?(/?)>|<!--.*?-->|<!\[if.*?<!\[endif\]>|<![^<>]*>", re.S)
_DROP_RE = re.compile(r"<(" + "|".join(_DROP_ELEMENTS) + r")\b[^>]*>.*?</\1\s*>", re.S | re.I)
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_HTML_HINT_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*\b[^<>]*>|&[#a-zA-Z0-9]{2,32};")

# Any character clean() must look at: controls, odd spaces, invisibles, surrogates, private use.
_ODD_CHAR_RE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\xa0\xad\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2060\u3000"
    "\ufeff\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
# Zero-width and bidi marks that survive copy-paste and break tokenisation.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f"}


@dataclass
class CleanText:
    """Plain text for analysis and the raw index of each of its characters."""

    raw: str
    text: str
    offsets: list[int] | None = None  # None: identity map (nothing was changed)
    had_html: bool = False
    control_chars: int = 0
    notes: list[str] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean half-open span [start, end) to the raw text."""
        if self.offsets is None:
            return start, end
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def looks_like_html(raw: str) -> bool:
    return "<" in raw or ("&" in raw and _HTML_HINT_RE.search(raw) is not None)


def clean(raw: str) -> CleanText:
    """Strip HTML, decode entities, drop control and invisible characters; keep an offset map.

    Whitespace is not collapsed here (segmentation needs line breaks), only tabs/odd spaces become
    plain spaces so that downstream regular expressions stay simple.
    """
    is_html = bool(_HTML_HINT_RE.search(raw))
    needs_work = is_html or _ODD_CHAR_RE.search(raw) is not None
    if not needs_work:
        return CleanText(raw=raw, text=raw)

    out: list[str] = []
    offsets: list[int] = []
    controls = 0
    spans = _markup_spans(raw) if is_html else []
    si = 0
    i = 0
    n = len(raw)
    while i < n:
        if si < len(spans) and spans[si][0] == i:
            start, end, kind, value = spans[si]
            si += 1
            if kind == "block":
                out.append("\n")
                offsets.append(start)
            elif kind == "entity":
                for ch in value:
                    out.append(" " if ch == "\xa0" else ch)
                    offsets.append(start)
            i = end
            continue
        c = raw[i]
        if c in "\r":
            # \r\n → one line break; a lone \r is a line break too.
            if i + 1 < n and raw[i + 1] == "\n":
                i += 1
                continue
            out.append("\n")
            offsets.append(i)
        elif c in _INVISIBLE:
            pass
        elif c in "\t\xa0\u2007\u202f" or (c != "\n" and unicodedata.category(c) == "Zs"):
            out.append(" ")
            offsets.append(i)
        elif c in "\u2028\u2029\x0b\x0c\x85":
            out.append("\n")
            offsets.append(i)
        elif c != "\n" and unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn"):
            controls += 1
        else:
            out.append(c)
            offsets.append(i)
        i += 1
    text = "".join(out)
    notes = []
    if is_html:
        notes.append("html")
    if controls:
        notes.append("control_chars")
    return CleanText(raw=raw, text=text, offsets=offsets, had_html=is_html, control_chars=controls, notes=notes)


def _markup_spans(raw: str) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, kind, value) spans for tags, dropped elements and entities."""
    spans: list[tuple[int, int, str, str]] = []
    taken = bytearray(len(raw))

    def add(start: int, end: int, kind: str, value: str = "") -> None:
        if any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        spans.append((start, end, kind, value))

    for m in _DROP_RE.finditer(raw):
        add(m.start(), m.end(), "drop")
    for m in _TAG_RE.finditer(raw):
        name = (m.group(2) or "").lower()
        add(m.start(), m.end(), "block" if name in _BLOCK_TAGS else "drop")
    for m in _ENTITY_RE.finditer(raw):
        value = html.unescape(m.group(0))
        if value == m.group(0):
            continue  # unknown entity: keep the text as typed
        add(m.start(), m.end(), "entity", value)
    spans.sort()
    return spans

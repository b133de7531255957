"""Split one answer into statements, keeping (start, end) spans into the raw text.

People answer with bullet lists, numbered lists, one idea per line, "dels … dels" or long paragraphs.
Themes are built from statements, so one answer that makes three points must count three times —
but every statement must still point back to exactly where it stood in the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import CleanText, clean

# A list marker at the start of a line: •, -, *, –, —, ·, ▪, "1.", "1)", "a)", "(2)".
_BULLET_RE = re.compile(r"[ \t]*(?:[•·▪◦‣⁃●○■□➢➤►\-\*–—]+|\(?\d{1,3}[.)](?!\d)|\(?[a-zA-Z][)])[ \t]+")
# Sentence end: . ! ? … followed by space and something that starts a sentence.
_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-ZÅÄÖÜÉ0-9])")
# Abbreviations that end with a period but rarely end a sentence.
_ABBREV = {
    "t.ex", "bl.a", "m.m", "osv", "dvs", "etc", "ca", "resp", "s.k", "t.o.m", "fr.o.m", "p.g.a", "pga",
    "o.s.v", "d.v.s", "mfl", "m.fl", "kl", "nr", "jfr", "e.g", "i.e", "dr", "mr", "mrs", "ms", "prof",
    "vs", "z.b", "bzw", "usw", "ggf", "evtl", "inkl", "exkl", "st", "jan", "feb", "aug", "sep", "okt",
    "nov", "dec", "u.a", "d.h", "ev", "el", "f.d", "tf", "fil", "mag", "kand", "doc", "hr", "fr",
}
# "dels X, dels Y" / "dels X och dels Y": two statements.
_DELS_RE = re.compile(r"(?:,|;|\s)\s*(?:och\s+)?(?=dels\b)", re.I)


@dataclass(frozen=True)
class Segment:
    """A statement candidate: clean text and its half-open span into the raw answer."""

    text: str
    start: int
    end: int


@dataclass
class Segmenter:
    """Split answers into statements.

    Parameters
    ----------
    long_chars:
        A paragraph longer than this is split at sentence boundaries into chunks of about this size.
    max_chars:
        No statement is longer than this; longer runs without sentence ends are cut at whitespace.
    max_segments:
        At most this many statements per answer (a 50,000-character paste stays bounded); the rest of
        the answer is reported as truncated.
    """

    long_chars: int = 320
    max_chars: int = 1200
    max_segments: int = 200

    def split(self, raw: str) -> tuple[list[Segment], CleanText, bool]:
        """Return (segments, cleaned text, truncated?)."""
        ct = clean(raw)
        segments: list[Segment] = []
        truncated = False
        for a, b in self._clean_spans(ct.text):
            if len(segments) >= self.max_segments:
                truncated = True
                break
            a, b = _strip_span(ct.text, a, b)
            if a >= b:
                continue
            text = _squash(ct.text[a:b])
            if not any(ch.isalnum() for ch in text):
                continue
            ra, rb = ct.raw_span(a, b)
            segments.append(Segment(text=text, start=ra, end=rb))
        return segments, ct, truncated

    # -- spans in the clean text -----------------------------------------------------------------
    def _clean_spans(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for a, b in _blocks(text):
            for c, d in _split_dels(text, a, b):
                if d - c > self.long_chars:
                    spans.extend(self._split_long(text, c, d))
                else:
                    spans.append((c, d))
        return spans

    def _split_long(self, text: str, a: int, b: int) -> list[tuple[int, int]]:
        """Group sentences into chunks of about ``long_chars``; hard-cut runs longer than max_chars."""
        sentences = _sentences(text, a, b)
        chunks: list[tuple[int, int]] = []
        cur_a, cur_b = sentences[0]
        for s, e in sentences[1:]:
            if e - cur_a <= self.long_chars:
                cur_b = e
            else:
                chunks.append((cur_a, cur_b))
                cur_a, cur_b = s, e
        chunks.append((cur_a, cur_b))
        out: list[tuple[int, int]] = []
        for s, e in chunks:
            while e - s > self.max_chars:
                cut = text.rfind(" ", s + self.max_chars // 2, s + self.max_chars)
                cut = cut if cut > s else s + self.max_chars
                out.append((s, cut))
                s = cut
            out.append((s, e))
        return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines → blocks: each bullet/numbered item or paragraph is a block.

    A line break ends a block, except a hard-wrapped line: one that ends without punctuation and is
    followed by a line starting in lower case (a sentence broken by the e-mail client or Word).
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    blocks: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for a, b in lines:
        content = text[a:b]
        if not content.strip():
            if cur:
                blocks.append(cur)
            cur = None
            continue
        m = _BULLET_RE.match(content)
        is_item = m is not None and any(ch.isalnum() for ch in content[m.end():])
        start = a + m.end() if (m and is_item) else a
        if cur and not is_item and _continues(text[cur[0]:cur[1]], content):
            cur = (cur[0], b)
            continue
        if cur:
            blocks.append(cur)
        cur = (start, b)
    if cur:
        blocks.append(cur)
    return blocks


def _continues(previous: str, line: str) -> bool:
    prev = previous.rstrip()
    nxt = line.lstrip()
    return bool(prev) and bool(nxt) and prev[-1] not in ".!?:;…" and nxt[0].islower()


def _split_dels(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """'Vi behöver dels lokaler, dels pengar' → two statements (the second starts at 'dels')."""
    chunk = text[a:b]
    if chunk.lower().count("dels ") < 2:
        return [(a, b)]
    cuts = [m.end() for m in _DELS_RE.finditer(chunk)]
    first = re.search(r"\bdels\b", chunk, re.I)
    cuts = [c for c in cuts if first is not None and c > first.start()]
    if not cuts:
        return [(a, b)]
    out = []
    s = a
    for c in cuts:
        out.append((s, a + c))
        s = a + c
    out.append((s, b))
    return out


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    spans = []
    s = a
    for m in _SENT_END_RE.finditer(text, a, b):
        before = text[s:m.start()].rstrip()
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before else ""
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        spans.append((s, m.start()))
        s = m.end()
    spans.append((s, b))
    return [(x, y) for x, y in spans if y > x] or [(a, b)]


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim whitespace and leading/trailing joiners (",", ";", "och") from a span."""
    while a < b and (text[a].isspace() or text[a] in ",;"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def _squash(s: str) -> str:
    return " ".join(s.split())

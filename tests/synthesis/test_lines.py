"""Shape rules for every theme line the engine writes, on the example consultation and on Pol.is:
a headline of one complete sentence of at most 20 words, "Exempelvis:" items of 2–8 words from distinct
statements, each traceable to a span of its statement, no cut, no redaction token, the page's language."""

import re

import pytest

from samrad.synthesis import Params, synthesise
from samrad.synthesis.lang import detect
from samrad.synthesis.redact import PLACEHOLDER

from .example import example_records
from .test_polis import POLIS, _load

WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
SHORTHAND = re.compile(r"(?:^|\s)(?:o|m|el|ev|pga|enl|pers|mkt)\.?(?=\s|$)|!!|\s=\s|->|→", re.I)


def words(text: str) -> int:
    return len(WORD.findall(text))


def check_lines(result, lang: str, max_items: int = 4) -> list[str]:
    """Every broken rule, as text (empty: all lines hold)."""
    problems = []
    by_id = {s.id: s for s in result.statements}
    for section in result.sections:
        for t in section.themes:
            where = f"{section.area}/{section.question} {t.id}"
            problems += [f"{where}: {p}" for p in _line_problems(t, max_items)]
            for p in [t.headline, *t.points]:
                problems += [f"{where}: {q}" for q in _phrase_problems(p, t, by_id[p.statement_id], lang)]
    return problems


def _line_problems(t, max_items: int) -> list[str]:
    """The headline, the items and the line as a whole."""
    head, items = t.headline, t.points
    problems = []
    if not (1 <= words(head.text) <= 20):
        problems.append(f"headline of {words(head.text)} words: {head.text}")
    if "…" in head.text or not head.text.endswith((".", "?")):
        problems.append(f"headline cut or unfinished: {head.text}")
    if head.text[:1].islower():
        problems.append(f"headline starts in lower case: {head.text}")
    if items and not (2 <= len(items) <= max_items):
        problems.append(f"{len(items)} items")
    if len({p.statement_id for p in items}) != len(items):
        problems.append("two items from one statement")
    if words(head.text) + sum(words(p.text) for p in items) > 25:
        problems.append("line of more than 25 words")
    for p in items:
        if not (2 <= words(p.text) <= 8):
            problems.append(f"item of {words(p.text)} words: {p.text}")
        if p.text.rstrip(".").lower() == head.text.rstrip(".").lower():
            problems.append("item repeats the headline")
        if p.text.endswith("…"):
            problems.append(f"item cut: {p.text}")
    return problems


def _phrase_problems(p, t, s, lang: str) -> list[str]:
    """One headline or item: no redaction token or shorthand, from its theme, a span of its statement, the
    page's language."""
    problems = []
    if any(tok in p.text for tok in PLACEHOLDER.values()):
        problems.append(f"redaction token in {p.text}")
    if SHORTHAND.search(" " + p.text + " "):
        problems.append(f"shorthand in {p.text}")
    if p.statement_id not in t.statement_ids:
        problems.append(f"{p.statement_id} is not a member of its theme")
    if p.span is not None:
        a, b = p.span
        if not (0 <= a < b <= len(s.text)):
            problems.append(f"span {p.span} outside statement {s.id}")
        if s.lang != lang:
            problems.append(f"worded from a statement in {s.lang}: {p.text}")
        elif words(p.text) >= 4 and detect(p.text, default=lang) != lang:
            problems.append(f"not in {lang}: {p.text}")
    return problems


@pytest.fixture(scope="module")
def example_result():
    return synthesise(example_records(), Params(lang="sv", backend="tfidf"))


def test_every_line_of_the_example_keeps_the_shape_rules(example_result):
    assert example_result.sections and sum(len(s.themes) for s in example_result.sections) >= 40
    problems = check_lines(example_result, "sv")
    assert problems == [], "\n".join(problems[:40])


def test_the_example_lines_are_short(example_result):
    lines = [
        words(t.headline.text) + sum(words(p.text) for p in t.points)
        for s in example_result.sections
        if s.question == "utmaningar"
        for t in s.themes
    ]
    items = [words(p.text) for s in example_result.sections for t in s.themes for p in t.points]
    assert sorted(lines)[len(lines) // 2] <= 25
    assert items and sorted(items)[len(items) // 2] <= 6


def test_english_answers_count_but_never_word_a_line(example_result):
    english = {s.id for s in example_result.statements if s.lang == "en"}
    assert english, "the example has English answers, and they are recognised as English"
    used = set()
    for section in example_result.sections:
        for t in section.themes:
            used |= {t.headline.statement_id, *(p.statement_id for p in t.points)} if t.headline.span else set()
            assert t.other_languages.get("en", 0) == sum(1 for i in t.statement_ids if i in english)
        used |= {p.statement_id for p in section.rest_points}
        used |= {i for q in section.quotes for i in q.statement_ids}
    assert not used & english
    warning = [w for w in example_result.warnings if w.code == "other_languages"]
    assert warning and warning[0].count == len(english)


def test_quotes_are_whole_sentences_and_never_asides(example_result):
    for section in example_result.sections:
        for q in section.quotes:
            for part in q.text.split(" /…/ "):
                assert part.strip() in q.original or "[" in part, (part, q.original)
            assert not re.search(r"se ovan|forts\.|skrivet av|ohörbart", q.text, re.I)


def test_polis_lines_keep_the_shape_rules():
    folders = sorted(p.name for p in POLIS.glob("austria-climate.*")) if POLIS.exists() else []
    if not folders:
        pytest.skip("Pol.is data not available")
    from samrad.synthesis import Record

    recs = [
        Record(f"{f}-{i}", r["comment-body"], f, "kommentar")
        for f in folders
        for i, r in enumerate(_load(f, 150))
        if r.get("comment-body")
    ]
    result = synthesise(recs, Params(lang="de", backend="tfidf"))
    problems = [p for p in check_lines(result, "de") if "shorthand" not in p]  # Swedish shorthand list
    assert problems == [], "\n".join(problems[:40])

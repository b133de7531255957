"""Plain data in and out of the engine: records, statements, parameters, themes, result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 2
LANGUAGES = ("sv", "en", "de", "fr", "fi")


@dataclass(frozen=True)
class Record:
    """One answer as received: never altered, everything derived points back to it by ``id``."""

    id: str
    text: str
    area: str | None = None
    question: str | None = None
    author: str | None = None
    lang: str | None = None  # sv|en|de|fr|fi, or None to detect


@dataclass
class Statement:
    """A part of one record's text that makes one point; ``raw[start:end]`` is where it stood."""

    id: str
    record_id: str
    start: int
    end: int
    text: str  # cleaned text (HTML stripped, whitespace collapsed), not redacted
    lang: str
    section: int  # index into Result.sections
    author: str | None = None
    theme_id: str | None = None  # None: in the rest ("Övrigt") or a duplicate of another statement
    duplicate_of: str | None = None
    terms: list[str] = field(default_factory=list, repr=False)  # analysis terms (not serialised)
    continued: bool = False  # a later chunk of a long paragraph (not serialised)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "record_id": self.record_id,
            "span": [self.start, self.end],
            "text": self.text,
            "lang": self.lang,
            "theme_id": self.theme_id,
            "duplicate_of": self.duplicate_of,
        }


@dataclass
class LLMConfig:
    """An OpenAI-compatible chat endpoint; nothing is ever sent unless one is given."""

    url: str  # e.g. http://127.0.0.1:8080/v1/chat/completions
    model: str
    api_key: str | None = None
    timeout: float = 30.0
    max_themes: int = 50  # at most this many calls per run


@dataclass
class Params:
    """Everything that changes the output. Same records + same Params → same Result."""

    lang: str = "auto"  # sv|en|de|fr|fi|auto
    backend: str = "auto"  # auto | tfidf | tfidf+e5 | e5 | st:PATH (auto: e5, tfidf+e5 for large runs)
    max_themes: int | None = None  # None: chosen from the data
    min_theme_size: int | None = None  # None: chosen from the section size
    max_points: int = 4
    max_quotes: int = 3
    quote_max_chars: int = 400
    near_duplicate_threshold: float = 0.7
    compound_budget: int = 500  # hunspell look-ups per run (~20 ms each), most frequent forms first
    hunspell_dir: str | None = None  # None: $SAMRAD_HUNSPELL_DIR or /usr/share/hunspell
    random_state: int = 0
    # BLAS threads during the numeric stages (None: library default). The matrices are small and a
    # server runs several jobs at once; more threads mostly add contention there.
    blas_threads: int | None = 1
    messages: str = "sv"  # language of warning messages: sv|en
    llm: LLMConfig | None = None
    # Names that are not persons though they look like names: the consultation's own places, venues and
    # institutions (the redactor knows the country's; these are added).
    protected: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.llm is not None:
            d["llm"] = {"url": self.llm.url, "model": self.llm.model}  # never the key
        return d


@dataclass
class Point:
    """A headline or "Exempelvis:" item: a phrase cut from one statement (``span`` into its text) and tidied.
    ``span`` is None for a headline made of the theme's keywords, when no statement offered a clean one."""

    statement_id: str
    text: str  # display text: trimmed, certain shorthand expanded; never holds personal data
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement_id": self.statement_id,
            "span": list(self.span) if self.span is not None else None,
            "text": self.text,
        }


@dataclass
class Support:
    statements: int  # incl. duplicates
    records: int
    authors: int  # distinct authors; records when authors are unknown

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Theme:
    id: str
    label: str
    keywords: list[str]
    headline: Point
    points: list[Point]
    statement_ids: list[str]
    support: Support
    coherence: float
    wording: dict[str, Any] | None = None  # language-model proposal, when asked for (see llm.py)
    # Statements in another language than the page's: they count towards support, never word the line.
    other_languages: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "keywords": self.keywords,
            "headline": self.headline.to_dict(),
            "points": [p.to_dict() for p in self.points],
            "statement_ids": self.statement_ids,
            "support": self.support.to_dict(),
            "coherence": round(self.coherence, 4),
            "wording": self.wording,
            "other_languages": self.other_languages,
        }


@dataclass
class Redaction:
    kind: str  # namn|personnummer|e-post|telefon|adress
    start: int  # span in the quote's original text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quote:
    id: str
    statement_id: str  # the first statement quoted
    statement_ids: list[str]  # all statements quoted (adjacent parts of one answer)
    record_id: str
    theme_id: str | None
    text: str  # redacted and possibly shortened with "/…/"
    original: str  # the statement text as written
    span: tuple[int, int]  # into the record's raw text
    shortened: bool
    redactions: list[Redaction]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement_id": self.statement_id,
            "statement_ids": self.statement_ids,
            "record_id": self.record_id,
            "theme_id": self.theme_id,
            "text": self.text,
            "original": self.original,
            "span": list(self.span),
            "shortened": self.shortened,
            "redactions": [r.to_dict() for r in self.redactions],
            "score": round(self.score, 4),
        }


@dataclass
class Section:
    """All statements answering one question in one area (the unit themes are formed in)."""

    id: str
    area: str | None
    question: str | None
    statements: int = 0  # incl. duplicates
    unique_statements: int = 0
    records: int = 0
    authors: int = 0
    themes: list[Theme] = field(default_factory=list)
    rest_ids: list[str] = field(default_factory=list)  # unique statements that fit no theme
    rest_statements: int = 0  # incl. duplicates
    rest_points: list[Point] = field(default_factory=list)  # a few short phrases for the "Övrigt:" line
    quotes: list[Quote] = field(default_factory=list)

    @property
    def rest_share(self) -> float:
        return self.rest_statements / self.statements if self.statements else 0.0

    def to_dict(self) -> dict[str, Any]:
        themed = self.statements - self.rest_statements
        return {
            "id": self.id,
            "area": self.area,
            "question": self.question,
            "counts": {
                "statements": self.statements,
                "unique_statements": self.unique_statements,
                "records": self.records,
                "authors": self.authors,
                "themed": themed,
                "rest": self.rest_statements,
                "rest_share": round(self.rest_share, 4),
            },
            "themes": [t.to_dict() for t in self.themes],
            "rest": {
                "label": "Övrigt",
                "statement_ids": self.rest_ids,
                "statements": self.rest_statements,
                "share": round(self.rest_share, 4),
                "points": [p.to_dict() for p in self.rest_points],
            },
            "quotes": [q.to_dict() for q in self.quotes],
        }


@dataclass
class ResultWarning:
    code: str
    message: str
    count: int | None = None
    record_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.count is not None:
            d["count"] = self.count
        if self.record_ids:
            d["record_ids"] = self.record_ids[:50]
        return d


@dataclass
class DuplicateSet:
    statement_id: str  # the one kept
    member_ids: list[str]  # the collapsed ones (not incl. the kept one)
    kind: str  # exact|near

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement_id": self.statement_id,
            "members": self.member_ids,
            "count": len(self.member_ids) + 1,
            "kind": self.kind,
        }


@dataclass
class NonAnswer:
    record_id: str
    kind: str  # empty|non_answer|no_text
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Result:
    params: Params
    backend: str  # the backend actually used
    sections: list[Section]
    statements: list[Statement]
    duplicates: list[DuplicateSet]
    non_answers: list[NonAnswer]
    warnings: list[ResultWarning]
    counts: dict[str, int | float]
    languages: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self, *, timings: bool = False) -> dict[str, Any]:
        """The JSON document described in SCHEMA.md (timings off by default: they are not stable)."""
        from . import __version__

        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "generator": {"name": "samrad.synthesis", "version": __version__},
            "params": self.params.to_dict(),
            "backend": self.backend,
            "counts": self.counts,
            "languages": self.languages,
            "sections": [g.to_dict() for g in self.sections],
            "statements": [s.to_dict() for s in self.statements],
            "duplicates": [d.to_dict() for d in self.duplicates],
            "non_answers": [n.to_dict() for n in self.non_answers],
            "warnings": [w.to_dict() for w in self.warnings],
        }
        if timings:
            d["timings"] = {k: round(v, 3) for k, v in self.timings.items()}
        return d

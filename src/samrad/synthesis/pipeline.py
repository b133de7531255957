"""``synthesise(records, params)``: named stages, each a small object with one job and a typed result.

    segment      records → statements; non-answers set aside; language detected   → Segmented
    normalise    statements → analysis terms (lemmas, compound parts)               (Statement.terms)
    deduplicate  per section (area × question): copies collapsed, counted           → Deduplicated
    represent    distinct statements → vectors (tfidf | e5 | tfidf+e5 | st:PATH)    → Represented
    cluster      per section: themes and a rest                                     → Clustering
    describe     per theme: a headline and "Exempelvis:" items; a few rest items    → Line
    quote        per section: "Utvalda exempel" candidates                          → Quote
    redact       every text meant for publication checked once more                 → warnings

A caller can replace a stage with its own object (``Pipeline(describer=MyDescriber())``), the way
scikit-learn pipelines and BERTopic (``hdbscan_model=``) take their parts. Deterministic: the same records
(in the same order) and params give the same result.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from .cluster import REST, Clustering, ThemeClusterer
from .dedup import Deduplicated, DeduplicateStage, Deduplicator
from .describe import SectionText, ThemeDescriber, class_tfidf, distinct
from .messages import msg
from .model import LANGUAGES, Params, Point, Record, Result, ResultWarning, Section, Statement, Support, Theme
from .normalise import Normaliser
from .phrases import Tidier, dictionary_known, vocabulary_completer
from .publishable import RedactStage
from .quote import DEPENDENT_RE, QuoteMaker, select_quotes
from .redact import Redactor
from .report import report
from .represent import RepresentStage
from .segment import Segmented, SegmentStage

Progress = Callable[[str, int, int], None]


def synthesise(
    records: Iterable[Record],
    params: Params | None = None,
    progress: Progress | None = None,
    embedder: Callable[[list[str]], Any] | None = None,
    pipeline: Pipeline | None = None,
    cache: Any = None,
) -> Result:
    """Theme the records' free text.

    ``progress(stage, done, total)`` is called now and then; ``embedder`` (texts → array of row vectors)
    replaces the model call of the e5/st backends, e.g. to put an embedding cache in front of it;
    ``pipeline`` replaces stages (the defaults follow ``params``); ``cache`` (an ``embcache.EmbeddingCache``)
    keeps e5 vectors between runs, so only text not seen before is embedded.
    """
    p = params or Params()
    run = (pipeline or Pipeline()).run
    if p.blas_threads is None:
        return run(records, p, progress, embedder, cache)
    with threadpool_limits(limits=p.blas_threads, user_api="blas"):
        return run(records, p, progress, embedder, cache)


@dataclass
class Pipeline:
    """The stages; a stage left as None is built from the run's Params."""

    segmenter: SegmentStage | None = None
    normaliser: Normaliser | None = None
    deduplicator: DeduplicateStage | None = None
    representer: RepresentStage | None = None
    clusterer: ThemeClusterer | None = None
    describer: ThemeDescriber | None = None
    quoter: QuoteMaker | None = None
    redactor: Redactor | None = None
    timings: dict[str, float] = field(default_factory=dict, init=False)
    _centrality: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def run(
        self,
        records: Iterable[Record],
        p: Params,
        progress: Progress | None = None,
        embedder: Callable[[list[str]], Any] | None = None,
        cache: Any = None,
    ) -> Result:
        if p.lang != "auto" and p.lang not in LANGUAGES:
            raise ValueError(f"lang must be auto or one of {', '.join(LANGUAGES)}, not {p.lang!r}")
        self.timings = {}
        self._centrality = {}
        t0 = time.perf_counter()
        warn: list[ResultWarning] = []

        seg = self._timed("segment", lambda: (self.segmenter or SegmentStage(lang=p.lang)).run(records, progress))
        statements = seg.statements
        normaliser = self.normaliser or Normaliser(compound_budget=p.compound_budget, hunspell_dir=p.hunspell_dir)
        self._timed("normalise", lambda: _normalise(normaliser, statements, progress))
        dedup = self._timed(
            "dedup",
            lambda: (
                self.deduplicator
                or DeduplicateStage(Deduplicator(threshold=p.near_duplicate_threshold, random_state=p.random_state))
            ).run(statements, seg.sections),
        )
        flat = [i for kept in dedup.kept for i in kept]
        offsets = np.cumsum([0] + [len(k) for k in dedup.kept])
        local = [list(range(offsets[g], offsets[g + 1])) for g in range(len(dedup.kept))]
        representer = self.representer or RepresentStage(
            backend=p.backend,
            random_state=p.random_state,
            messages=p.messages,
            progress=progress,
            encoder=embedder,
            cache=cache,
        )
        rep = self._timed(
            "represent",
            lambda: representer.run([statements[i].text for i in flat], [statements[i].terms for i in flat], local),
        )
        warn.extend(rep.warnings)

        t = time.perf_counter()
        lang = _page_language(p, statements)
        redactor = self.redactor or Redactor(lang=lang, protected=p.protected)
        sections = self._sections(seg, dedup, rep.vectors, rep.backend, normaliser, redactor, lang, p, warn, progress)
        self.timings["cluster"] = time.perf_counter() - t

        if p.llm is not None:
            from .llm import propose

            t = time.perf_counter()
            centrality = self._centrality

            def central(statement_id: str) -> float:
                return centrality.get(statement_id, 0.0)

            warn.extend(propose(sections, statements, normaliser, redactor, p.llm, lang, p.messages, central))
            self.timings["llm"] = time.perf_counter() - t

        warn.extend(self._timed("redact", lambda: RedactStage(redactor, p.messages, lang).run(sections)))
        counts, languages = report(
            warn,
            p.messages,
            statements,
            seg.non_answers,
            dedup.duplicates,
            seg.flags,
            sections,
            normaliser.splitter,
            n_records=seg.n_records,
            unique=len(flat),
            max_segments=seg.max_segments,
            budget=p.compound_budget,
            lang=lang,
        )
        self.timings["total"] = time.perf_counter() - t0
        return Result(
            params=p,
            backend=rep.backend,
            sections=sections,
            statements=statements,
            duplicates=dedup.duplicates,
            non_answers=seg.non_answers,
            warnings=warn,
            counts=counts,
            languages=languages,
            timings=dict(self.timings),
        )

    def _timed(self, name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        out = fn()
        self.timings[name] = time.perf_counter() - t
        return out

    # -- per section: cluster, describe, quote ---------------------------------------------------------
    def _sections(
        self,
        seg: Segmented,
        dedup: Deduplicated,
        vectors: list[np.ndarray],
        backend: str,
        normaliser: Normaliser,
        redactor: Redactor,
        lang: str,
        p: Params,
        warn: list[ResultWarning],
        progress: Progress | None,
    ) -> list[Section]:
        statements = seg.statements
        clusterer = self.clusterer or ThemeClusterer(
            max_themes=p.max_themes, min_theme_size=p.min_theme_size, random_state=p.random_state
        )
        describer = self.describer or ThemeDescriber(max_items=p.max_points)
        quoter = self.quoter or QuoteMaker(max_chars=p.quote_max_chars, redactor=redactor)
        tidier = _tidier(statements, lang, redactor)
        out: list[Section] = []
        for si, work in enumerate(seg.sections):
            if progress:
                progress("cluster", si, len(seg.sections))
            kept = dedup.kept[si]
            area, question = work.key
            section = Section(
                id=f"s{si + 1}",
                area=area,
                question=question,
                statements=len(work.statements),
                unique_statements=len(kept),
                records=len(work.records),
                authors=len({seg.record_author[r] for r in work.records}),
            )
            terms = [statements[i].terms for i in kept]
            cl = clusterer.fit(vectors[si], dedup.weights[si], terms if backend == "tfidf" else None)
            if len(kept) < clusterer.min_statements and kept:
                name = _section_name(area, question, section.id)
                warn.append(ResultWarning("too_few", msg("too_few", p.messages, group=name, n=len(work.statements))))
            theme_of_label = self._themes(section, si, seg, dedup, cl, normaliser, describer, tidier, lang)
            rest = np.where(cl.labels == REST)[0]
            # Rest statements ordered by how well they fit anywhere (best first), then input order.
            rest = rest[np.lexsort((rest, -cl.similarity[rest]))] if len(rest) else rest
            section.rest_ids = [statements[kept[j]].id for j in rest]
            section.rest_statements = len(dedup.with_duplicates(si, rest))
            keywords = class_tfidf(terms, dedup.weights[si], cl.labels, cl.centroids.shape[0])
            section.quotes = select_quotes(
                section,
                work.statements,
                statements,
                kept,
                cl,
                theme_of_label,
                quoter,
                normaliser,
                keywords,
                p.max_quotes,
                lang,
            )
            if section.statements >= 20 and section.rest_share > 0.25:
                name = _section_name(area, question, section.id)
                text = msg("rest_high", p.messages, share=round(100 * section.rest_share), group=name)
                warn.append(ResultWarning("rest_high", text))
            out.append(section)
        return out

    def _themes(
        self,
        section: Section,
        si: int,
        seg: Segmented,
        dedup: Deduplicated,
        cl: Clustering,
        normaliser: Normaliser,
        describer: ThemeDescriber,
        tidier: Tidier,
        lang: str,
    ) -> dict[int, str]:
        """Describe the section's themes, order them by support and add them to ``section``."""
        statements = seg.statements
        kept = dedup.kept[si]
        w = dedup.weights[si]
        k = cl.centroids.shape[0]
        self._centrality.update((statements[i].id, float(cl.similarity[j])) for j, i in enumerate(kept))
        terms = [statements[i].terms for i in kept]
        keyword_terms = class_tfidf(terms, w, cl.labels, k)
        keywords = [distinct([normaliser.display(x) for x in kws]) for kws in keyword_terms]
        text = SectionText(
            texts=[statements[i].text for i in kept],
            terms=terms,
            langs=[statements[i].lang for i in kept],
            authors=[seg.record_author[statements[i].record_id] for i in kept],
            weights=w,
            labels=cl.labels,
            similarity=cl.similarity
            - 0.2 * np.array([_leans(statements[i]) for i in kept], dtype=float).reshape(len(kept)),
            keywords=keywords,
            keyword_terms=keyword_terms,
        )
        lines, rest = describer.describe(text, lang, tidier, normaliser.transform_one) if k else ([], [])
        drafts = []
        for tix, line in enumerate(lines):
            members = np.where(cl.labels == tix)[0]
            if not len(members):
                continue
            sids = dedup.with_duplicates(si, members)
            drafts.append((_support(statements, sids, seg.record_author), tix, line, sids))
        drafts.sort(key=lambda x: (-x[0].authors, -x[0].statements, x[1]))
        theme_of_label: dict[int, str] = {}
        for rank, (support, tix, line, sids) in enumerate(drafts, start=1):
            tid = f"{section.id}-t{rank}"
            theme_of_label[tix] = tid
            for i in sids:
                statements[i].theme_id = tid
            pos, span, headline = line.headline
            section.themes.append(
                Theme(
                    id=tid,
                    label=", ".join(keywords[tix][:3]),
                    keywords=keywords[tix],
                    headline=Point(statements[kept[pos]].id, headline, span),
                    points=[Point(statements[kept[j]].id, item, sp) for j, sp, item in line.items],
                    statement_ids=[statements[i].id for i in sids],
                    support=support,
                    coherence=float(cl.coherence[tix]),
                    other_languages=dict(
                        sorted(Counter(statements[i].lang for i in sids if statements[i].lang != lang).items())
                    ),
                )
            )
        section.rest_points = [Point(statements[kept[j]].id, item, sp) for j, sp, item in rest]
        return theme_of_label


def _normalise(normaliser: Normaliser, statements: list[Statement], progress: Progress | None) -> None:
    if progress:
        progress("normalise", 0, len(statements))
    terms = normaliser.fit_transform([s.text for s in statements], [s.lang for s in statements])
    for s, s_terms in zip(statements, terms, strict=True):
        s.terms = s_terms


def _page_language(p: Params, statements: list[Statement]) -> str:
    """The language theme lines are written in: the consultation's, or the majority of the answers'."""
    if p.lang != "auto":
        return p.lang
    return Counter(s.lang for s in statements).most_common(1)[0][0] if statements else "sv"


def _tidier(statements: list[Statement], lang: str, redactor: Redactor) -> Tidier:
    words = [w for s in statements if s.lang == lang for w in s.text.split()]
    lower = Counter(w.strip('.,;:!?()"”“') for w in words if w[:1].islower())
    # Capitalised inside a sentence more often than written in lower case: a name ("Bergslagsbibblan", "Nora").
    mid = Counter(
        b.strip('.,;:!?()"”“')
        for s in statements
        if s.lang == lang
        for a, b in zip(s.text.split(), s.text.split()[1:], strict=False)
        if b[:1].isupper() and not a.endswith((".", "!", "?", ":"))
    )
    proper_forms = {w for w, n in mid.items() if len(w) >= 3 and n >= lower[w.lower()]}

    known = dictionary_known(lang)

    return Tidier(
        known=known,
        complete=vocabulary_completer([w.strip('.,;:!?()"”“') for w in words], known),
        personal=redactor.contains_personal_data,
        proper=lambda word: word in proper_forms or word.isupper(),
    )


def _leans(s: Statement) -> bool:
    """A later chunk of a long answer, or a sentence leaning on an earlier one."""
    return s.continued or bool(DEPENDENT_RE.match(s.text))


def _section_name(area: str | None, question: str | None, sid: str) -> str:
    parts = [x for x in (area, question) if x]
    return " / ".join(parts) if parts else sid


def _support(statements: list[Statement], sids: list[int], record_author: dict[str, str]) -> Support:
    recs = {statements[i].record_id for i in sids}
    return Support(statements=len(sids), records=len(recs), authors=len({record_author[r] for r in recs}))

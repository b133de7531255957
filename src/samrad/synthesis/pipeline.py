"""``synthesise(records, params)``: the stages in order, per (area, question) group.

records → clean + segment → non-answers out → language → normalise → deduplicate (per group) →
represent → cluster (per group) → describe themes → quotes → optional language-model wording → Result.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from . import lang as langmod
from .cluster import REST, ThemeClusterer
from .dedup import Deduplicator
from .describe import Describer, class_tfidf, distinct
from .messages import msg
from .model import (
    LANGUAGES,
    DuplicateSet,
    Group,
    NonAnswer,
    Params,
    Point,
    Record,
    Result,
    ResultWarning,
    Statement,
    Support,
    Theme,
)
from .nonanswer import classify
from .normalise import Normaliser
from .quote import DEPENDENT_RE, QuoteMaker, select_quotes
from .redact import Redactor
from .report import report
from .represent import (
    BackendError,
    EmbeddingRepresenter,
    ProjectedRepresenter,
    TfidfRepresenter,
    check_backend,
    resolve_backend,
)
from .segment import Segmenter

Progress = Callable[[str, int, int], None]


@dataclass
class _GroupWork:
    key: tuple[str | None, str | None]
    statements: list[int] = field(default_factory=list)  # indices into the run's statement list
    records: set[str] = field(default_factory=set)


def synthesise(
    records: Iterable[Record],
    params: Params | None = None,
    progress: Progress | None = None,
    embedder: Callable[[list[str]], Any] | None = None,
) -> Result:
    """Theme the records' free text.

    Deterministic: the same records (in the same order) and params give the same result.

    ``progress(stage, done, total)`` is called now and then; ``embedder`` (texts → array of row vectors)
    replaces the model call of the e5/st backends, e.g. to put an embedding cache in front of it.
    """
    p = params or Params()
    if p.blas_threads is None:
        return _run(records, p, progress, embedder)
    with threadpool_limits(limits=p.blas_threads, user_api="blas"):
        return _run(records, p, progress, embedder)


def _run(
    records: Iterable[Record],
    p: Params,
    progress: Progress | None,
    embedder: Callable[[list[str]], Any] | None,
) -> Result:
    if p.lang != "auto" and p.lang not in LANGUAGES:
        raise ValueError(f"lang must be auto or one of {', '.join(LANGUAGES)}, not {p.lang!r}")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    warn: list[ResultWarning] = []
    say = p.messages

    # -- segment, filter, detect language --------------------------------------------------------
    segmenter = Segmenter()
    statements: list[Statement] = []
    non_answers: list[NonAnswer] = []
    groups: dict[tuple[str | None, str | None], _GroupWork] = {}
    record_author: dict[str, str] = {}
    flags: dict[str, list[str]] = {"html": [], "control_chars": [], "truncated": []}
    n_records = 0
    default_lang = p.lang if p.lang != "auto" else "sv"
    seen_ids: set[str] = set()
    for rec in records:
        n_records += 1
        if rec.id in seen_ids:
            raise ValueError(f"record ids must be unique; {rec.id!r} occurs twice")
        seen_ids.add(rec.id)
        if progress and n_records % 2000 == 0:
            progress("segment", n_records, 0)
        text = rec.text if isinstance(rec.text, str) else ("" if rec.text is None else str(rec.text))
        segs, ct, truncated = segmenter.split(text)
        if ct.had_html:
            flags["html"].append(rec.id)
        if ct.control_chars:
            flags["control_chars"].append(rec.id)
        if truncated:
            flags["truncated"].append(rec.id)
        kind = classify(ct.text)
        if kind is None and not segs:
            kind = "no_text"
        if kind is not None:
            non_answers.append(NonAnswer(record_id=rec.id, kind=kind, text=text[:200]))
            continue
        segs = [s for s in segs if classify(s.text) is None] or segs
        lang = (
            rec.lang if rec.lang in LANGUAGES else (p.lang if p.lang != "auto" else langmod.detect(ct.text, default=""))
        )
        key = (rec.area, rec.question)
        gw = groups.setdefault(key, _GroupWork(key=key))
        gw.records.add(rec.id)
        record_author[rec.id] = rec.author if rec.author not in (None, "") else f"record:{rec.id}"
        for k, seg in enumerate(segs, start=1):
            gw.statements.append(len(statements))
            statements.append(
                Statement(
                    id=f"{rec.id}:{k}",
                    record_id=rec.id,
                    start=seg.start,
                    end=seg.end,
                    text=seg.text,
                    lang=lang,
                    group=0,
                    author=rec.author,
                    continued=seg.continued,
                )
            )
    # Answers too short to tell get the run's majority language (not always Swedish: an English
    # consultation's "More parks" is English).
    told = Counter(s.lang for s in statements if s.lang)
    fallback = told.most_common(1)[0][0] if told else default_lang
    for s in statements:
        if not s.lang:
            s.lang = fallback
    timings["segment"] = time.perf_counter() - t0

    # -- normalise -------------------------------------------------------------------------------
    t = time.perf_counter()
    if progress:
        progress("normalise", 0, len(statements))
    normaliser = Normaliser(compound_budget=p.compound_budget, hunspell_dir=p.hunspell_dir)
    all_terms = normaliser.fit_transform([s.text for s in statements], [s.lang for s in statements])
    for s, s_terms in zip(statements, all_terms, strict=True):
        s.terms = s_terms
    timings["normalise"] = time.perf_counter() - t

    # -- deduplicate per group ----------------------------------------------------------------------
    t = time.perf_counter()
    group_list = list(groups.values())
    dedup = Deduplicator(threshold=p.near_duplicate_threshold, random_state=p.random_state)
    duplicates: list[DuplicateSet] = []
    unique_idx: list[list[int]] = []  # per group: statement indices kept
    weights: list[np.ndarray] = []
    members_of: dict[int, list[int]] = {}  # kept statement → collapsed ones
    for gi, gw in enumerate(group_list):
        idx = gw.statements
        for i in idx:
            statements[i].group = gi
        dr = dedup.fit([statements[i].text for i in idx], [statements[i].terms for i in idx])
        kept = [idx[j] for j in range(len(idx)) if dr.rep[j] == j]
        unique_idx.append(kept)
        for rep, coll in dr.sets.items():
            collapsed_idx = [idx[c] for c in coll]
            members_of[idx[rep]] = collapsed_idx
            for m in collapsed_idx:
                statements[m].duplicate_of = statements[idx[rep]].id
            kinds = {dr.kind[c] for c in coll}
            duplicates.append(
                DuplicateSet(
                    statement_id=statements[idx[rep]].id,
                    member_ids=[statements[m].id for m in collapsed_idx],
                    kind="exact" if kinds == {"exact"} else "near",
                )
            )
        weights.append(np.array([1 + len(members_of.get(i, [])) for i in kept], dtype=float))
    timings["dedup"] = time.perf_counter() - t

    # -- represent ---------------------------------------------------------------------------------
    t = time.perf_counter()
    flat = [i for kept in unique_idx for i in kept]
    offsets = np.cumsum([0] + [len(k) for k in unique_idx])
    local_groups = [list(range(offsets[g], offsets[g + 1])) for g in range(len(unique_idx))]
    texts = [statements[i].text for i in flat]
    terms = [statements[i].terms for i in flat]
    backend = resolve_backend(p.backend)
    vectors: list[np.ndarray]
    if progress:
        progress("represent", 0, len(texts))
    embed_progress = (lambda d, n: progress("represent", d, n)) if progress else None
    try:
        if embedder is None or backend == "tfidf":  # a caller's embedder stands in for the model
            check_backend(backend)
        if not texts:
            vectors = [np.zeros((0, 1), dtype=np.float32) for _ in local_groups]
        elif backend == "tfidf":
            vectors, _ = TfidfRepresenter(random_state=p.random_state).fit_transform(texts, terms, local_groups)
        elif backend == "tfidf+e5":
            vectors, _ = ProjectedRepresenter(
                random_state=p.random_state, progress=embed_progress, encoder=embedder
            ).fit_transform(texts, terms, local_groups)
        else:
            E = EmbeddingRepresenter(backend, progress=embed_progress, encoder=embedder).embed(texts)
            vectors = [E[np.asarray(g, dtype=np.int64)] for g in local_groups]
    except BackendError as e:
        if not p.backend.startswith("st:") and p.backend not in ("e5", "tfidf+e5"):
            raise
        warn.append(
            ResultWarning("backend_fallback", msg("backend_fallback", say, wanted=p.backend, why=str(e), used="tfidf"))
        )
        backend = "tfidf"
        vectors, _ = TfidfRepresenter(random_state=p.random_state).fit_transform(texts, terms, local_groups)
    timings["represent"] = time.perf_counter() - t

    # -- cluster, describe, quote per group --------------------------------------------------------------
    t = time.perf_counter()
    clusterer = ThemeClusterer(max_themes=p.max_themes, min_theme_size=p.min_theme_size, random_state=p.random_state)
    describer = Describer(max_points=p.max_points)
    main_lang = Counter(s.lang for s in statements).most_common(1)[0][0] if statements else default_lang
    redactor = Redactor(lang=main_lang)
    quoter = QuoteMaker(max_chars=p.quote_max_chars, redactor=redactor)
    out_groups: list[Group] = []
    for gi, gw in enumerate(group_list):
        if progress:
            progress("cluster", gi, len(group_list))
        kept = unique_idx[gi]
        V = vectors[gi]
        w = weights[gi]
        gid = f"g{gi + 1}"
        area, question = gw.key
        group = Group(
            id=gid,
            area=area,
            question=question,
            statements=len(gw.statements),
            unique_statements=len(kept),
            records=len(gw.records),
            authors=len({record_author[r] for r in gw.records}),
        )
        g_terms = [statements[i].terms for i in kept]
        cl = clusterer.fit(V, w, g_terms if backend == "tfidf" else None)
        if len(kept) < clusterer.min_statements and kept:
            warn.append(
                ResultWarning(
                    "too_few",
                    msg("too_few", say, group=_group_name(area, question, gid), n=len(gw.statements)),
                )
            )
        k = cl.centroids.shape[0]
        g_texts = [statements[i].text for i in kept]
        penalty = [float(statements[i].continued or bool(DEPENDENT_RE.match(statements[i].text))) for i in kept]
        keywords = class_tfidf(g_terms, w, cl.labels, k)
        drafts = []
        for tix in range(k):
            members = np.where(cl.labels == tix)[0]
            if not len(members):
                continue
            d = describer.describe(cl.vectors, g_texts, g_terms, members, cl.centroids[tix], keywords[tix], penalty)
            sids = _with_duplicates(kept, members, members_of)
            support = _support(statements, sids, record_author)
            drafts.append((support, tix, d, sids))
        drafts.sort(key=lambda x: (-x[0].authors, -x[0].statements, x[1]))
        theme_of_label: dict[int, str] = {}
        for rank, (support, tix, d, sids) in enumerate(drafts, start=1):
            tid = f"{gid}-t{rank}"
            theme_of_label[tix] = tid
            for i in sids:
                statements[i].theme_id = tid
            group.themes.append(
                Theme(
                    id=tid,
                    label=", ".join(distinct([normaliser.display(x) for x in d.keywords])[:3]),
                    keywords=distinct([normaliser.display(x) for x in d.keywords]),
                    headline=_point(statements[kept[d.headline]], redactor, HEADLINE_CHARS),
                    points=[_point(statements[kept[j]], redactor, POINT_CHARS) for j in d.points],
                    statement_ids=[statements[i].id for i in sids],
                    support=support,
                    coherence=float(cl.coherence[tix]),
                )
            )
        rest_members = np.where(cl.labels == REST)[0]
        # Rest statements ordered by how well they fit anywhere (best first), then input order.
        rest_members = (
            rest_members[np.lexsort((rest_members, -cl.similarity[rest_members]))]
            if len(rest_members)
            else rest_members
        )
        group.rest_ids = [statements[kept[j]].id for j in rest_members]
        group.rest_statements = len(_with_duplicates(kept, rest_members, members_of))
        group.quotes = select_quotes(
            group,
            gw.statements,
            statements,
            kept,
            cl,
            theme_of_label,
            quoter,
            normaliser,
            keywords,
            p.max_quotes,
        )
        if group.statements >= 20 and group.rest_share > 0.25:
            warn.append(
                ResultWarning(
                    "rest_high",
                    msg(
                        "rest_high",
                        say,
                        share=round(100 * group.rest_share),
                        group=_group_name(area, question, gid),
                    ),
                )
            )
        out_groups.append(group)
    timings["cluster"] = time.perf_counter() - t

    # -- optional wording by a language model ------------------------------------------------------------
    if p.llm is not None:
        from .llm import reword_themes

        t = time.perf_counter()
        warn.extend(reword_themes(out_groups, statements, normaliser, p.llm, say))
        timings["llm"] = time.perf_counter() - t

    # -- warnings and counts -------------------------------------------------------------------------
    counts, languages = report(
        warn,
        say,
        statements,
        non_answers,
        duplicates,
        flags,
        out_groups,
        normaliser.splitter,
        n_records=n_records,
        unique=len(flat),
        max_segments=segmenter.max_segments,
        budget=p.compound_budget,
    )
    timings["total"] = time.perf_counter() - t0
    return Result(
        params=p,
        backend=backend,
        groups=out_groups,
        statements=statements,
        duplicates=duplicates,
        non_answers=non_answers,
        warnings=warn,
        counts=counts,
        languages=languages,
        timings=timings,
    )


def _group_name(area: str | None, question: str | None, gid: str) -> str:
    parts = [x for x in (area, question) if x]
    return " / ".join(parts) if parts else gid


def _with_duplicates(kept: list[int], members: np.ndarray, members_of: dict[int, list[int]]) -> list[int]:
    out = []
    for j in members:
        i = kept[int(j)]
        out.append(i)
        out.extend(members_of.get(i, []))
    return sorted(out)


def _support(statements: list[Statement], sids: list[int], record_author: dict[str, str]) -> Support:
    recs = {statements[i].record_id for i in sids}
    return Support(statements=len(sids), records=len(recs), authors=len({record_author[r] for r in recs}))


# A line of the summary reads like the region's: a headline sentence, short "Exempelvis:" points. The whole
# statement stays one click away through statement_id.
HEADLINE_CHARS = 200
POINT_CHARS = 140
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÉ0-9\"“(])")


def brief(text: str, limit: int) -> str:
    """The leading whole sentences of ``text`` that fit in ``limit`` characters; a single over-long first
    sentence is cut at a word boundary and marked with "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + " …"


def _point(s: Statement, redactor: Redactor, limit: int) -> Point:
    return Point(statement_id=s.id, text=brief(redactor.redact(s.text)[0], limit))

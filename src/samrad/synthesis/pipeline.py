"""``synthesise(records, params)``: the stages in order, per (area, question) group.

records → clean + segment → non-answers out → language → normalise → deduplicate (per group) →
represent → cluster (per group) → describe themes → quotes → optional language-model wording → Result.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from . import lang as langmod
from .cluster import REST, ThemeClusterer
from .dedup import Deduplicator
from .describe import Describer, class_tfidf
from .messages import msg
from .model import (
    LANGUAGES,
    DuplicateSet,
    Group,
    NonAnswer,
    Params,
    Point,
    Quote,
    Record,
    Result,
    Statement,
    Support,
    Theme,
    Warning_,
)
from .nonanswer import classify
from .normalise import Normaliser
from .quote import QuoteMaker, sentence_texts
from .redact import Redactor
from .represent import BackendError, EmbeddingRepresenter, ProjectedRepresenter, TfidfRepresenter, check_backend
from .segment import Segmenter

Progress = Callable[[str, int, int], None]


@dataclass
class _GroupWork:
    key: tuple[str | None, str | None]
    statements: list[int] = field(default_factory=list)  # indices into the run's statement list
    records: set[str] = field(default_factory=set)


def synthesise(records: Iterable[Record], params: Params | None = None,
               progress: Progress | None = None) -> Result:
    """Theme the records' free text. Deterministic: same records (in the same order) and params → same result."""
    p = params or Params()
    if p.lang != "auto" and p.lang not in LANGUAGES:
        raise ValueError(f"lang must be auto or one of {', '.join(LANGUAGES)}, not {p.lang!r}")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    warn: list[Warning_] = []
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
    for rec in records:
        n_records += 1
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
        lang = rec.lang if rec.lang in LANGUAGES else (
            p.lang if p.lang != "auto" else langmod.detect(ct.text, default=default_lang))
        key = (rec.area, rec.question)
        gw = groups.setdefault(key, _GroupWork(key=key))
        gw.records.add(rec.id)
        record_author[rec.id] = rec.author if rec.author not in (None, "") else f"record:{rec.id}"
        for k, seg in enumerate(segs, start=1):
            gw.statements.append(len(statements))
            statements.append(Statement(id=f"{rec.id}:{k}", record_id=rec.id, start=seg.start, end=seg.end,
                                        text=seg.text, lang=lang, group=0, author=rec.author))
    timings["segment"] = time.perf_counter() - t0

    # -- normalise -------------------------------------------------------------------------------
    t = time.perf_counter()
    if progress:
        progress("normalise", 0, len(statements))
    normaliser = Normaliser(compound_budget=p.compound_budget, hunspell_dir=p.hunspell_dir)
    all_terms = normaliser.fit_transform([s.text for s in statements], [s.lang for s in statements])
    for s, terms in zip(statements, all_terms, strict=True):
        s.terms = terms
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
            members = [idx[c] for c in coll]
            members_of[idx[rep]] = members
            for m in members:
                statements[m].duplicate_of = statements[idx[rep]].id
            kinds = {dr.kind[c] for c in coll}
            duplicates.append(DuplicateSet(statement_id=statements[idx[rep]].id,
                                           member_ids=[statements[m].id for m in members],
                                           kind="exact" if kinds == {"exact"} else "near"))
        weights.append(np.array([1 + len(members_of.get(i, [])) for i in kept], dtype=float))
    timings["dedup"] = time.perf_counter() - t

    # -- represent ---------------------------------------------------------------------------------
    t = time.perf_counter()
    flat = [i for kept in unique_idx for i in kept]
    offsets = np.cumsum([0] + [len(k) for k in unique_idx])
    local_groups = [list(range(offsets[g], offsets[g + 1])) for g in range(len(unique_idx))]
    texts = [statements[i].text for i in flat]
    terms = [statements[i].terms for i in flat]
    backend = p.backend
    vectors: list[np.ndarray]
    if progress:
        progress("represent", 0, len(texts))
    embed_progress = (lambda d, n: progress("represent", d, n)) if progress else None
    try:
        check_backend(backend)
        if backend == "tfidf" or not texts:
            vectors, _ = TfidfRepresenter(random_state=p.random_state).fit_transform(texts, terms, local_groups)
        elif backend == "tfidf+e5":
            vectors, _ = ProjectedRepresenter(random_state=p.random_state,
                                              progress=embed_progress).fit_transform(texts, terms, local_groups)
        else:
            E = EmbeddingRepresenter(backend, progress=embed_progress).embed(texts)
            vectors = [E[np.asarray(g, dtype=np.int64)] for g in local_groups]
    except BackendError as e:
        if not p.backend.startswith("st:") and p.backend not in ("e5", "tfidf+e5"):
            raise
        warn.append(Warning_("backend_fallback", msg("backend_fallback", say, wanted=p.backend, why=str(e),
                                                       used="tfidf")))
        backend = "tfidf"
        vectors, _ = TfidfRepresenter(random_state=p.random_state).fit_transform(texts, terms, local_groups)
    timings["represent"] = time.perf_counter() - t

    # -- cluster, describe, quote per group --------------------------------------------------------------
    t = time.perf_counter()
    clusterer = ThemeClusterer(max_themes=p.max_themes, min_theme_size=p.min_theme_size,
                               random_state=p.random_state)
    describer = Describer(max_points=p.max_points)
    redactor = Redactor()
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
        group = Group(id=gid, area=area, question=question, statements=len(gw.statements),
                      unique_statements=len(kept), records=len(gw.records),
                      authors=len({record_author[r] for r in gw.records}))
        cl = clusterer.fit(V, w)
        if len(kept) < clusterer.min_statements and kept:
            warn.append(Warning_("too_few", msg("too_few", say, group=_group_name(area, question, gid),
                                                n=len(gw.statements))))
        k = cl.centroids.shape[0]
        g_terms = [statements[i].terms for i in kept]
        g_texts = [statements[i].text for i in kept]
        keywords = class_tfidf(g_terms, w, cl.labels, k)
        drafts = []
        for tix in range(k):
            members = np.where(cl.labels == tix)[0]
            if not len(members):
                continue
            d = describer.describe(V, g_texts, g_terms, members, cl.centroids[tix], keywords[tix])
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
            group.themes.append(Theme(
                id=tid,
                label=", ".join(normaliser.display(x) for x in d.keywords[:3]),
                keywords=[normaliser.display(x) for x in d.keywords],
                headline=_point(statements[kept[d.headline]], redactor),
                points=[_point(statements[kept[j]], redactor) for j in d.points],
                statement_ids=[statements[i].id for i in sids],
                support=support,
                coherence=float(cl.coherence[tix]),
            ))
        rest_members = np.where(cl.labels == REST)[0]
        # Rest statements ordered by how well they fit anywhere (best first), then input order.
        rest_members = rest_members[np.lexsort((rest_members, -cl.similarity[rest_members]))] \
            if len(rest_members) else rest_members
        group.rest_ids = [statements[kept[j]].id for j in rest_members]
        group.rest_statements = len(_with_duplicates(kept, rest_members, members_of))
        group.quotes = _quotes(group, gw, statements, kept, cl, theme_of_label, quoter, normaliser,
                               keywords, p.max_quotes)
        if group.statements >= 20 and group.rest_share > 0.25:
            warn.append(Warning_("rest_high", msg("rest_high", say, share=round(100 * group.rest_share),
                                                  group=_group_name(area, question, gid))))
        out_groups.append(group)
    timings["cluster"] = time.perf_counter() - t

    # -- optional wording by a language model ------------------------------------------------------------
    if p.llm is not None:
        from .llm import reword_themes

        t = time.perf_counter()
        warn.extend(reword_themes(out_groups, statements, normaliser, p.llm, say))
        timings["llm"] = time.perf_counter() - t

    # -- warnings and counts -------------------------------------------------------------------------
    kinds = Counter(n.kind for n in non_answers)
    for kind in ("empty", "non_answer", "no_text"):
        if kinds.get(kind):
            warn.append(Warning_(kind, msg(kind, say, n=kinds[kind]), count=kinds[kind],
                                 record_ids=[n.record_id for n in non_answers if n.kind == kind]))
    for key, ids in flags.items():
        if ids:
            warn.append(Warning_(key, msg(key, say, n=len(ids), max=segmenter.max_segments), count=len(ids),
                                 record_ids=ids))
    short = sum(1 for s in statements if len(s.text.split()) == 1)
    if short:
        warn.append(Warning_("short", msg("short", say, n=short), count=short))
    collapsed = sum(len(d.member_ids) for d in duplicates)
    if collapsed:
        warn.append(Warning_("duplicates", msg("duplicates", say, n=collapsed, sets=len(duplicates)),
                             count=collapsed))
        for d in sorted(duplicates, key=lambda d: (-len(d.member_ids), d.statement_id)):
            if len(d.member_ids) + 1 < 5:
                break
            text = next(s.text for s in statements if s.id == d.statement_id)
            warn.append(Warning_("campaign", msg("campaign", say, n=len(d.member_ids) + 1, text=text[:80]),
                                 count=len(d.member_ids) + 1))
    languages = dict(sorted(Counter(s.lang for s in statements).items()))
    if len([x for x, c in languages.items() if c >= max(2, 0.02 * len(statements))]) > 1:
        warn.append(Warning_("mixed_languages", msg("mixed_languages", say,
                                                    langs=", ".join(f"{k} {v}" for k, v in languages.items()))))
    sp = normaliser.splitter
    if sp.missing_dictionary and "sv" in languages:
        warn.append(Warning_("hunspell_missing", msg("hunspell_missing", say, path=sp.missing_dictionary)))
    if sp.over_budget:
        warn.append(Warning_("compound_budget", msg("compound_budget", say, n=sp.over_budget,
                                                    budget=p.compound_budget), count=sp.over_budget))
    rest_total = sum(g.rest_statements for g in out_groups)
    counts: dict[str, int | float] = {
        "records": n_records,
        "answered": n_records - len(non_answers),
        "empty": kinds.get("empty", 0),
        "non_answers": kinds.get("non_answer", 0),
        "no_text": kinds.get("no_text", 0),
        "statements": len(statements),
        "unique_statements": len(flat),
        "duplicates_collapsed": collapsed,
        "themed": len(statements) - rest_total,
        "rest": rest_total,
        "rest_share": round(rest_total / len(statements), 4) if statements else 0.0,
        "short": short,
        "groups": len(out_groups),
        "themes": sum(len(g.themes) for g in out_groups),
        "hunspell_lookups": sp.hunspell_calls,
    }
    timings["total"] = time.perf_counter() - t0
    return Result(params=p, backend=backend, groups=out_groups, statements=statements, duplicates=duplicates,
                  non_answers=non_answers, warnings=warn, counts=counts, languages=languages, timings=timings)


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


def _point(s: Statement, redactor: Redactor) -> Point:
    return Point(statement_id=s.id, text=redactor.redact(s.text)[0])


def _quotes(group: Group, gw: _GroupWork, statements: list[Statement], kept: list[int], cl: object,
            theme_of_label: dict[int, str], quoter: QuoteMaker, normaliser: Normaliser,
            keywords: list[list[str]], max_quotes: int) -> list[Quote]:
    """Best quotable statement per theme (largest themes first), then the next best, up to max_quotes.

    Adjacent statements of one answer that landed in the same theme are quoted together (the answer's
    argument, not a fragment of it), shortened with "/…/" when long.
    """
    labels = cl.labels  # type: ignore[attr-defined]
    sim = cl.similarity  # type: ignore[attr-defined]
    by_record: dict[str, list[int]] = {}
    for i in gw.statements:
        by_record.setdefault(statements[i].record_id, []).append(i)
    pos_of = {i: j for j, i in enumerate(kept)}
    theme_rank = {tid: r for r, tid in enumerate(t.id for t in group.themes)}
    cands: list[tuple[float, int, str | None, list[int]]] = []
    for j, i in enumerate(kept):
        lab = int(labels[j])
        tid = theme_of_label.get(lab) if lab != REST else None
        if group.themes and tid is None:
            continue
        run = _run_in_theme(statements, by_record[statements[i].record_id], i, pos_of, labels)
        text = " ".join(statements[x].text for x in run)
        q = quoter.quality(text, sum(len(statements[x].terms) for x in run))
        if q < 0:
            continue
        score = 0.5 * q + 0.5 * float(sim[j])
        cands.append((score, i, tid, run))
    cands.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[tuple[float, int, str | None, list[int]]] = []
    seen_runs: set[int] = set()
    # First pass: one per theme in support order; second: fill with the best remaining.
    best_per_theme: dict[str | None, tuple[float, int, str | None, list[int]]] = {}
    for c in cands:
        best_per_theme.setdefault(c[2], c)
    for c in sorted(best_per_theme.values(), key=lambda c: (theme_rank.get(c[2] or "", 10**6), c[1])):
        if len(chosen) < max_quotes:
            chosen.append(c)
            seen_runs.add(c[3][0])
    for c in cands:
        if len(chosen) >= max_quotes:
            break
        if c[3][0] not in seen_runs:
            chosen.append(c)
            seen_runs.add(c[3][0])
    quotes = []
    for n, (score, _i, tid, run) in enumerate(chosen, start=1):
        first, last = statements[run[0]], statements[run[-1]]
        original = " ".join(statements[x].text for x in run)
        kws = set(keywords[next((lab for lab, t in theme_of_label.items() if t == tid), 0)]) if tid else set()
        rel = [len(kws.intersection(normaliser.transform_one(s, first.lang))) for s in sentence_texts(original)]
        qc = quoter.make(original, rel)
        quotes.append(Quote(id=f"{group.id}-q{n}", statement_id=first.id,
                            statement_ids=[statements[x].id for x in run], record_id=first.record_id,
                            theme_id=tid, text=qc.text, original=original, span=(first.start, last.end),
                            shortened=qc.shortened, redactions=qc.redactions, score=score))
    return quotes


def _run_in_theme(statements: list[Statement], record_stmts: list[int], i: int, pos_of: dict[int, int],
                  labels: np.ndarray) -> list[int]:
    """The statements next to ``i`` in its answer that share its theme (at most 1,500 characters)."""
    lab = labels[pos_of[i]]
    k = record_stmts.index(i)
    run = [i]
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(record_stmts):
            x = record_stmts[j]
            if x not in pos_of or labels[pos_of[x]] != lab or \
                    sum(len(statements[y].text) for y in run) + len(statements[x].text) > 1500:
                break
            run.insert(0, x) if step < 0 else run.append(x)
            j += step
    return run

"""Counts and warnings for a run: everything that was filtered, collapsed or skipped is said out loud."""

from __future__ import annotations

from collections import Counter

from .compound import CompoundSplitter
from .messages import msg
from .model import DuplicateSet, NonAnswer, ResultWarning, Section, Statement

CAMPAIGN_MIN = 5  # identical statements from this many answers are flagged as a possible campaign


def report(
    warn: list[ResultWarning],
    say: str,
    statements: list[Statement],
    non_answers: list[NonAnswer],
    duplicates: list[DuplicateSet],
    flags: dict[str, list[str]],
    sections: list[Section],
    splitter: CompoundSplitter,
    *,
    n_records: int,
    unique: int,
    max_segments: int,
    budget: int,
    lang: str | None = None,
) -> tuple[dict[str, int | float], dict[str, int]]:
    """Append warnings to ``warn``; return (counts, statements per language)."""
    kinds = Counter(n.kind for n in non_answers)
    for kind in ("empty", "non_answer", "no_text"):
        if kinds.get(kind):
            ids = [n.record_id for n in non_answers if n.kind == kind]
            warn.append(ResultWarning(kind, msg(kind, say, n=kinds[kind]), count=kinds[kind], record_ids=ids))
    for flag, ids in flags.items():
        if ids:
            text = msg(flag, say, n=len(ids), max=max_segments)
            warn.append(ResultWarning(flag, text, count=len(ids), record_ids=ids))

    short = sum(1 for s in statements if len(s.text.split()) == 1)
    if short:
        warn.append(ResultWarning("short", msg("short", say, n=short), count=short))

    collapsed = sum(len(d.member_ids) for d in duplicates)
    if collapsed:
        text = msg("duplicates", say, n=collapsed, sets=len(duplicates))
        warn.append(ResultWarning("duplicates", text, count=collapsed))
        by_id = {s.id: s for s in statements}
        for dup in sorted(duplicates, key=lambda x: (-len(x.member_ids), x.statement_id)):
            n = len(dup.member_ids) + 1
            if n < CAMPAIGN_MIN:
                break
            text = msg("campaign", say, n=n, text=by_id[dup.statement_id].text[:80])
            warn.append(ResultWarning("campaign", text, count=n))

    languages = dict(sorted(Counter(s.lang for s in statements).items()))
    if len([x for x, c in languages.items() if c >= max(2, 0.02 * len(statements))]) > 1:
        langs = ", ".join(f"{k} {v}" for k, v in languages.items())
        warn.append(ResultWarning("mixed_languages", msg("mixed_languages", say, langs=langs)))
    foreign = [s for s in statements if lang and s.lang != lang]
    if foreign:
        ids = list(dict.fromkeys(s.record_id for s in foreign))
        text = msg("other_languages", say, n=len(foreign), page=lang)
        warn.append(ResultWarning("other_languages", text, count=len(foreign), record_ids=ids))
    if splitter.missing_dictionary and "sv" in languages:
        warn.append(ResultWarning("hunspell_missing", msg("hunspell_missing", say, path=splitter.missing_dictionary)))
    if splitter.over_budget:
        text = msg("compound_budget", say, n=splitter.over_budget, budget=budget)
        warn.append(ResultWarning("compound_budget", text, count=splitter.over_budget))

    rest_total = sum(g.rest_statements for g in sections)
    counts: dict[str, int | float] = {
        "records": n_records,
        "answered": n_records - len(non_answers),
        "empty": kinds.get("empty", 0),
        "non_answers": kinds.get("non_answer", 0),
        "no_text": kinds.get("no_text", 0),
        "statements": len(statements),
        "unique_statements": unique,
        "duplicates_collapsed": collapsed,
        "themed": len(statements) - rest_total,
        "rest": rest_total,
        "rest_share": round(rest_total / len(statements), 4) if statements else 0.0,
        "short": short,
        "sections": len(sections),
        "themes": sum(len(g.themes) for g in sections),
        "hunspell_lookups": splitter.hunspell_calls,
    }
    return counts, languages

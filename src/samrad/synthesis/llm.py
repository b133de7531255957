"""Optional: a language model the organisation runs itself proposes each theme's headline and examples.

Off unless an endpoint is given (``LLMConfig``; in the web app ``SAMRAD_LLM_ENDPOINT``): nothing leaves the
machine otherwise. Any OpenAI-compatible ``/chat/completions`` endpoint works (llama.cpp server, Ollama,
vLLM), called with the standard library. The model sees the theme's statements, redacted, each with a short
id ("S1" …), and must answer JSON: a headline and examples, each citing the ids it rests on.

A proposal is advice beside the offline draft, never a replacement: the analyst takes it or leaves it. Every
proposed phrase is checked before it is shown as usable —
- it cites at least one id, and only ids of this theme's statements (an invented id drops it);
- it is supported: at least ``SUPPORT`` of its content words (lemmas and compound parts) occur in the
  statements it cites;
- it holds no personal data, keeps the shape rules (headline ≤ 20 words, example 2–8 words) and the page's
  language.
A phrase that fails is kept with its reason, so the analyst sees what was dropped and why.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any

from . import lang as langmod
from .messages import msg
from .model import LLMConfig, ResultWarning, Section, Statement
from .normalise import Normaliser
from .phrases import word_count
from .redact import Redactor

# Share of a phrase's content words that must occur in the statements it cites. Measured with
# bench/llm_support.py on the example (2026-12-03): the engine's own items against their statements score
# 0.88–1.00 (all ≥ 0.6), the same items against three statements of another theme of the area × question
# score a median 0.00, 90th percentile 0.33, and 1 % reach 0.6.
SUPPORT = 0.6
MAX_STATEMENTS = 30  # the most central statements of a theme go into the prompt

SYSTEM = {
    "sv": (
        "Du sammanfattar synpunkter från ett offentligt samråd, som en handläggare på en region skriver. "
        "Du får ett temas påståenden, vart och ett med ett id (S1, S2 …). Skriv en rubrik: EN saklig mening på "
        "svenska, högst 20 ord, som säger vad temat handlar om. Skriv 2–6 exempel: korta fraser på 2–8 ord, "
        "utan inledande versal, som konkreta exempel ur påståendena. Använd bara innehåll som finns i "
        "påståendena, inga namn eller personuppgifter, inga värderingar. Ange för varje fras vilka id den "
        "bygger på. Svara ENDAST med JSON: "
        '{"headline": {"text": "…", "sources": ["S1"]}, "examples": [{"text": "…", "sources": ["S2"]}]}'
    ),
    "en": (
        "You summarise comments from a public consultation, as a public official writes. You get a theme's "
        "statements, each with an id (S1, S2 …). Write a headline: ONE factual sentence, at most 20 words, "
        "saying what the theme is about. Write 2–6 examples: short phrases of 2–8 words, concrete examples "
        "taken from the statements. Use only content found in the statements, no names or personal data, no "
        "judgements. For each phrase give the ids it rests on. Answer ONLY with JSON: "
        '{"headline": {"text": "…", "sources": ["S1"]}, "examples": [{"text": "…", "sources": ["S2"]}]}'
    ),
}


class LLMError(RuntimeError):
    """The endpoint could not be reached or did not answer in time: the whole run goes on without it."""


class Malformed(ValueError):
    """The endpoint answered, but not with the JSON asked for: this theme's proposal is dropped."""


def chat(cfg: LLMConfig, system: str, user: str) -> str:
    body = json.dumps(
        {
            "model": cfg.model,
            "temperature": 0,
            "max_tokens": 400,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        }
    ).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if cfg.api_key:
        headers["Authorization"] = f"Bearer {cfg.api_key}"
    req = urllib.request.Request(cfg.url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=cfg.timeout) as resp:
            raw = resp.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        raise LLMError(str(getattr(e, "reason", e))) from e
    try:
        return str(json.loads(raw)["choices"][0]["message"]["content"]).strip()
    except (json.JSONDecodeError, KeyError, IndexError, TypeError) as e:
        raise Malformed("the response is not an OpenAI-compatible chat completion") from e


def parse(content: str) -> dict[str, Any]:
    """The model's JSON answer (also when wrapped in a code fence or surrounded by a sentence)."""
    m = re.search(r"\{.*\}", content, re.S)
    if not m:
        raise Malformed("no JSON object in the answer")
    try:
        data = json.loads(m.group(0))
    except json.JSONDecodeError as e:
        raise Malformed(f"invalid JSON: {e.msg}") from e
    if not isinstance(data, dict) or not isinstance(data.get("headline"), dict | str):
        raise Malformed("no headline in the answer")
    return data


def support(text: str, cited: Sequence[Statement], normaliser: Normaliser, lang: str) -> float:
    """Share of the phrase's content terms found among the cited statements' terms."""
    terms = set(normaliser.transform_one(text, lang))
    if not terms:
        return 0.0
    seen: set[str] = set()
    for s in cited:
        seen.update(s.terms)
    return len(terms & seen) / len(terms)


def check(
    text: Any,
    sources: Any,
    ids: dict[str, Statement],
    kind: str,
    normaliser: Normaliser,
    redactor: Redactor,
    lang: str,
) -> dict[str, Any]:
    """One proposed phrase, with ``accepted`` and, when refused, a ``reason`` the analyst can read."""
    text = " ".join(str(text or "").split()).strip()
    cited = [str(x) for x in sources] if isinstance(sources, list) else []
    out: dict[str, Any] = {"text": text, "statement_ids": [], "accepted": False, "reason": None, "support": 0.0}
    known = [ids[c] for c in cited if c in ids]
    out["statement_ids"] = [s.id for s in known]
    lo, hi = (1, 20) if kind == "headline" else (2, 8)
    if not text:
        out["reason"] = "empty"
    elif not cited:
        out["reason"] = "no_sources"
    elif len(known) < len(cited):
        out["reason"] = "invented_source"
    elif redactor.find(text):
        out["reason"] = "personal_data"
    elif not lo <= word_count(text) <= hi:
        out["reason"] = "length"
    elif word_count(text) >= 4 and langmod.detect(text, default=lang) != lang:
        out["reason"] = "language"
    else:
        out["support"] = round(support(text, known, normaliser, lang), 3)
        out["reason"] = None if out["support"] >= SUPPORT else "unsupported"
    out["accepted"] = out["reason"] is None
    return out


def propose(
    sections: list[Section],
    statements: list[Statement],
    normaliser: Normaliser,
    redactor: Redactor,
    cfg: LLMConfig,
    lang: str,
    say: str,
    central: Callable[[str], float] | None = None,
) -> list[ResultWarning]:
    """Ask the model about each theme (at most ``cfg.max_themes`` calls) and attach its checked proposal as
    ``Theme.wording``. ``central(statement_id)`` orders the statements shown (most central first)."""
    by_id = {s.id: s for s in statements}
    calls = refused = malformed = 0
    for section in sections:
        for theme in section.themes:
            if calls >= cfg.max_themes:
                break
            members = [by_id[i] for i in theme.statement_ids if by_id[i].duplicate_of is None and by_id[i].lang == lang]
            if central is not None:
                members.sort(key=lambda s: -central(s.id))
            members = members[:MAX_STATEMENTS]
            if not members:
                continue
            ids = {f"S{n}": s for n, s in enumerate(members, start=1)}
            user = "\n".join(f"{key}: {redactor.redact(s.text)[0]}" for key, s in ids.items())
            calls += 1
            try:
                data = parse(chat(cfg, SYSTEM.get(lang, SYSTEM["en"]), user))
            except LLMError as e:
                return [ResultWarning("llm_failed", msg("llm_failed", say, why=str(e)))]
            except Malformed as e:
                malformed += 1
                theme.wording = {"model": cfg.model, "error": "malformed", "detail": str(e), "headline": None}
                continue
            head = data["headline"] if isinstance(data["headline"], dict) else {"text": data["headline"]}
            raw_examples = data.get("examples")
            headline = check(head.get("text"), head.get("sources"), ids, "headline", normaliser, redactor, lang)
            examples = [
                check(x.get("text"), x.get("sources"), ids, "example", normaliser, redactor, lang)
                for x in (raw_examples if isinstance(raw_examples, list) else [])[:6]
                if isinstance(x, dict)
            ]
            refused += (not headline["accepted"]) + sum(not x["accepted"] for x in examples)
            theme.wording = {"model": cfg.model, "error": None, "headline": headline, "examples": examples}
    warnings = []
    if refused:
        warnings.append(ResultWarning("llm_rejected", msg("llm_rejected", say, n=refused), count=refused))
    if malformed:
        warnings.append(ResultWarning("llm_malformed", msg("llm_malformed", say, n=malformed), count=malformed))
    return warnings

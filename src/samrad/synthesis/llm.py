"""Optional: let a language model word a theme's headline as one neutral Swedish sentence.

Off unless an endpoint is passed (LLMConfig). Talks to any OpenAI-compatible ``/chat/completions``
endpoint with the standard library. A sentence is only used when it is grounded: its content words
must occur (as lemmas or compound parts) in the theme's own statements; otherwise the extractive
headline stays. Nothing else about the theme is changed.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence

from .messages import msg
from .model import LLMConfig, ResultWarning, Section, Statement
from .normalise import Normaliser

SYSTEM = (
    "Du sammanfattar synpunkter från ett offentligt samråd. Skriv EN neutral, saklig mening på svenska "
    "som sammanfattar temat. Använd bara innehåll som finns i påståendena. Inga namn, inga värderingar, "
    "ingen inledning. Svara bara med meningen."
)


class LLMError(RuntimeError):
    pass


def chat(cfg: LLMConfig, user: str) -> str:
    body = json.dumps(
        {
            "model": cfg.model,
            "temperature": 0,
            "max_tokens": 120,
            "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        }
    ).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if cfg.api_key:
        headers["Authorization"] = f"Bearer {cfg.api_key}"
    req = urllib.request.Request(cfg.url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=cfg.timeout) as resp:  # noqa: S310 - URL given by the operator
            data = json.loads(resp.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, json.JSONDecodeError) as e:
        raise LLMError(str(getattr(e, "reason", e))) from e
    try:
        return str(data["choices"][0]["message"]["content"]).strip()
    except (KeyError, IndexError, TypeError) as e:
        raise LLMError("unexpected response shape") from e


def grounded(
    sentence: str,
    statements: Sequence[Statement],
    normaliser: Normaliser,
    lang: str,
    min_support: float = 0.8,
) -> bool:
    """True when at least ``min_support`` of the sentence's content terms occur in the statements."""
    terms = set(normaliser.transform_one(sentence, lang))
    if not terms:
        return False
    seen: set[str] = set()
    for s in statements:
        seen.update(s.terms)
    return len(terms & seen) / len(terms) >= min_support


def clean_sentence(text: str) -> str:
    s = " ".join(text.strip().strip('"“”').split())
    first_line = s.split("\n", 1)[0]
    return first_line if first_line.endswith((".", "!", "?")) else first_line + "."


def reword_themes(
    sections: list[Section], statements: list[Statement], normaliser: Normaliser, cfg: LLMConfig, say: str
) -> list[ResultWarning]:
    by_id = {s.id: s for s in statements}
    rejected = 0
    calls = 0
    for g in sections:
        for th in g.themes:
            if calls >= cfg.max_themes:
                break
            members = [by_id[i] for i in th.statement_ids if by_id[i].duplicate_of is None]
            shown = [th.headline.text, *[p.text for p in th.points]]
            prompt = "Tema: " + th.label + "\nPåståenden:\n" + "\n".join(f"- {x}" for x in shown)
            calls += 1
            try:
                raw = chat(cfg, prompt)
            except LLMError as e:
                return [ResultWarning("llm_failed", msg("llm_failed", say, why=str(e)))]
            sentence = clean_sentence(raw)
            lang = members[0].lang if members else "sv"
            ok = grounded(sentence, members, normaliser, lang)
            th.wording = {
                "text": sentence if ok else None,
                "model": cfg.model,
                "grounded": ok,
                "proposed": sentence,
            }
            if not ok:
                rejected += 1
    return [ResultWarning("llm_rejected", msg("llm_rejected", say, n=rejected), count=rejected)] if rejected else []

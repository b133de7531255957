"""A result document as plain text, in the shape of a published summary: per section (area × question) the
themes (headline, "Exempelvis:" points, support), "Övrigt", then "Utvalda exempel". For reading, not publishing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def to_text(doc: Mapping[str, Any], max_points: int = 4, width: int = 160) -> str:
    by_id = {s["id"]: s for s in doc["statements"]}
    lines: list[str] = []
    for g in doc["sections"]:
        title = " / ".join(x for x in (g["area"], g["question"]) if x) or g["id"]
        c = g["counts"]
        lines.append(
            f"## {title}  ({c['statements']} påståenden, {c['authors']} personer, "
            f"{round(100 * c['rest_share'])} % övrigt)"
        )
        lines.append("Utmaningar / teman")
        for t in g["themes"]:
            s = t["support"]
            head = t["headline"]["text"]
            lines.append(f" • {_cut(head, width)}  [{s['authors']} pers., {s['statements']} påst.; {t['label']}]")
            if t["points"]:
                pts = "; ".join(_cut(p["text"], 90) for p in t["points"][:max_points])
                lines.append(f"   Exempelvis: {pts}")
            proposal = t.get("wording") or {}
            if (proposal.get("headline") or {}).get("accepted"):
                examples = [x["text"] for x in proposal.get("examples", []) if x.get("accepted")]
                lines.append(f"   Förslag ({proposal.get('model')}): {proposal['headline']['text']}")
                if examples:
                    lines.append(f"   Förslag, exempel: {'; '.join(examples)}")
        if g["rest"]["statement_ids"]:
            rest = "; ".join(_cut(by_id[i]["text"], 60) for i in g["rest"]["statement_ids"][:5])
            more = len(g["rest"]["statement_ids"]) - 5
            lines.append(f" • Övrigt: {rest}" + (f" (+{more})" if more > 0 else ""))
        if g["quotes"]:
            lines.append("Utvalda exempel")
            for q in g["quotes"]:
                lines.append(f" • {q['text']}")
        lines.append("")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"

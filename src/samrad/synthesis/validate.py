"""A small JSON Schema checker for schema.json (type, const, enum, required, properties, items, $ref) and
the provenance rules a schema cannot express: every id a theme, point or quote names must exist.
No third-party validator needed."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("samrad.synthesis").joinpath("schema.json").read_text(encoding="utf-8"))


def validate(doc: Any) -> list[str]:
    """Problems found (empty: valid)."""
    errors: list[str] = []
    root = schema()
    _check(doc, root, root, "$", errors)
    if not errors:
        errors.extend(_provenance(doc))
    return errors


def _check(value: Any, sch: dict[str, Any], root: dict[str, Any], path: str, errors: list[str]) -> None:
    if "$ref" in sch:
        node: Any = root
        for part in sch["$ref"].lstrip("#/").split("/"):
            node = node[part]
        sch = node
    if "const" in sch and value != sch["const"]:
        errors.append(f"{path}: expected {sch['const']!r}")
    if "enum" in sch and value not in sch["enum"]:
        errors.append(f"{path}: {value!r} not in {sch['enum']}")
    if "type" in sch:
        types = sch["type"] if isinstance(sch["type"], list) else [sch["type"]]
        ok = any(
            isinstance(value, _TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool)) for t in types
        )
        if not ok:
            errors.append(f"{path}: expected {'/'.join(types)}, got {type(value).__name__}")
            return
    if isinstance(value, dict):
        for key in sch.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key!r}")
        props = sch.get("properties", {})
        for key, v in value.items():
            if key in props:
                _check(v, props[key], root, f"{path}.{key}", errors)
            elif isinstance(sch.get("additionalProperties"), dict):
                _check(v, sch["additionalProperties"], root, f"{path}.{key}", errors)
    if isinstance(value, list) and "items" in sch:
        for i, v in enumerate(value):
            _check(v, sch["items"], root, f"{path}[{i}]", errors)


def _provenance(doc: dict[str, Any]) -> list[str]:
    errors = []
    ids = {s["id"]: s for s in doc["statements"]}
    for g in doc["sections"]:
        for t in g["themes"]:
            for sid in [
                t["headline"]["statement_id"],
                *[p["statement_id"] for p in t["points"]],
                *t["statement_ids"],
            ]:
                if sid not in ids:
                    errors.append(f"theme {t['id']}: unknown statement {sid}")
        for sid in g["rest"]["statement_ids"]:
            if sid not in ids:
                errors.append(f"section {g['id']} rest: unknown statement {sid}")
        for q in g["quotes"]:
            for sid in q["statement_ids"]:
                if sid not in ids or ids[sid]["record_id"] != q["record_id"]:
                    errors.append(f"quote {q['id']}: statement {sid} not in record {q['record_id']}")
    return errors

"""Read answers from CSV (any common encoding, "," or ";"), XLSX or JSONL into Records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Record


class InputError(Exception):
    """A problem with the input file the user can fix; ``key`` and ``kwargs`` select the message."""

    def __init__(self, key: str, **kwargs: Any) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


@dataclass
class Columns:
    text: str
    id: str | None = None
    area: str | None = None
    question: str | None = None
    author: str | None = None
    lang: str | None = None


def read_table(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """Header and rows of a CSV, XLSX or JSONL file."""
    if not path.exists():
        raise InputError("cli_no_file", path=path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            return _read_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        if suffix in (".jsonl", ".ndjson", ".json"):
            return _read_jsonl(path)
    except InputError:
        raise
    except (OSError, ValueError, KeyError, csv.Error) as e:
        raise InputError("cli_unreadable", path=path, why=str(e) or type(e).__name__) from e
    except Exception as e:
        raise InputError("cli_unreadable", path=path, why=f"{type(e).__name__}: {e}") from e
    raise InputError("cli_format", path=path)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel on Swedish Windows saves "CSV" as cp1252; every byte decodes, so this never fails.
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    text = _decode(path.read_bytes())
    if not text.strip():
        raise InputError("cli_empty", path=path)
    first = text.split("\n", 1)[0]
    delim = max([",", ";", "\t"], key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows = list(reader)
    header = [h.strip() for h in rows[0]]
    out = []
    for r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        out.append({h: (r[i] if i < len(r) else "") for i, h in enumerate(header)})
    return header, out


def _read_xlsx(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    try:
        header = ["" if h is None else str(h).strip() for h in next(it)]
    except StopIteration:
        raise InputError("cli_empty", path=path) from None
    out = []
    for r in it:
        if r is None or all(c is None or str(c).strip() == "" for c in r):
            continue
        out.append({h: ("" if i >= len(r) or r[i] is None else r[i]) for i, h in enumerate(header)})
    wb.close()
    return header, out


def _read_jsonl(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    text = _decode(path.read_bytes())
    rows: list[dict[str, Any]] = []
    header: dict[str, None] = {}
    stripped = text.lstrip()
    if stripped.startswith("["):
        data = json.loads(stripped)
        rows = [r for r in data if isinstance(r, dict)]
    else:
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError("cli_unreadable", path=path, why=f"line {n}: {e.msg}") from e
            if isinstance(obj, dict):
                rows.append(obj)
    for r in rows:
        header.update(dict.fromkeys(r))
    return list(header), rows


def records_from_rows(header: list[str], rows: list[dict[str, Any]], cols: Columns, path: Path) -> Iterator[Record]:
    """Check that every named column exists, then yield Records (row number as id when no --id)."""
    for opt, col in (
        ("--text", cols.text),
        ("--id", cols.id),
        ("--area", cols.area),
        ("--question", cols.question),
        ("--author", cols.author),
        ("--lang-column", cols.lang),
    ):
        if col is not None and col not in header:
            raise InputError("cli_column", col=col, opt=opt, path=path, cols=", ".join(repr(h) for h in header))
    if not rows:
        raise InputError("cli_empty", path=path)

    def get(row: dict[str, Any], col: str | None) -> str | None:
        if col is None:
            return None
        v = row.get(col)
        return None if v is None or str(v).strip() == "" else str(v)

    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):  # row 1 is the header, as a spreadsheet shows it
        rid = get(row, cols.id) or f"row{n}"
        if rid in seen:  # ids must be unique for provenance; keep the row, make its id unique
            rid = f"{rid}#row{n}"
        seen.add(rid)
        yield Record(
            id=rid,
            text=get(row, cols.text) or "",
            area=get(row, cols.area),
            question=get(row, cols.question),
            author=get(row, cols.author),
            lang=get(row, cols.lang),
        )

"""Outputs shared by the CLI and the web: a rich table, CSV, Zoom and Teams breakout lists, JSON.

Every CSV cell goes through `neutralise`: a cell a spreadsheet would read as a formula (starting with
= + - @, tab or carriage return) gets a leading apostrophe, so a registrant named "=HYPERLINK(...)"
stays text. The Zoom header is exactly what Zoom's import expects; Zoom only pre-assigns people by the
email of their Zoom account, so people without an email are left out and returned in `missing_email`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from .messages import DEFAULT_LANG, message
from .model import EventPlan, Group, Person, RoundResult
from .report import notice_text, unmet_text

ZOOM_HEADER = ("Pre-assign Room Name", "Email Address")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

People = Sequence[Person] | Mapping[str, Person]


@dataclass(frozen=True)
class BreakoutExport:
    text: str
    missing_email: tuple[str, ...]  # ids of people who could not be pre-assigned


def neutralise(value: object) -> str:
    """Text safe to open in a spreadsheet: formula-looking cells get a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def room_name(group: Group, lang: str = DEFAULT_LANG) -> str:
    """'Grupp 3 – Musik' for a same-area group, 'Grupp 3' otherwise."""
    base = f"{message('word_group', lang)} {group.number}"
    return f"{base} – {group.area}" if group.area else base


def _by_id(people: People) -> Mapping[str, Person]:
    return people if isinstance(people, Mapping) else {p.id: p for p in people}


def _csv(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def groups_csv(result: RoundResult, people: People, lang: str = DEFAULT_LANG) -> str:
    """One row per person: group, id, name, area, municipality, role."""
    by_id = _by_id(people)
    header: list[object] = [message(f"word_{w}", lang) for w in ("group", "id", "name", "area", "municipality", "role")]
    rows: list[list[object]] = [header]
    for g in result.groups:
        for pid in g.members:
            p = by_id[pid]
            rows.append([g.number, p.id, p.name, p.area, p.municipality, p.role])
    return _csv(rows)


def _breakout(result: RoundResult, people: People, header: Sequence[str], lang: str) -> BreakoutExport:
    by_id = _by_id(people)
    rows: list[Sequence[object]] = [header]
    missing = []
    for g in result.groups:
        for pid in g.members:
            email = (by_id[pid].email or "").strip()
            if email:
                rows.append([room_name(g, lang), email])
            else:
                missing.append(pid)
    return BreakoutExport(_csv(rows), tuple(missing))


def zoom_csv(result: RoundResult, people: People, lang: str = DEFAULT_LANG) -> BreakoutExport:
    """Zoom breakout-room pre-assignment: header `Pre-assign Room Name,Email Address`."""
    return _breakout(result, people, ZOOM_HEADER, lang)


def teams_csv(result: RoundResult, people: People, lang: str = DEFAULT_LANG) -> BreakoutExport:
    """Plain room name + email list for assigning Teams breakout rooms by hand."""
    return _breakout(result, people, (message("word_room", lang), message("word_email", lang)), lang)


def plan_dict(plan: EventPlan) -> dict[str, Any]:
    """Everything in plain JSON-able types (round specs, groups, reports, people)."""
    return {
        "seed": plan.seed,
        "people": [_person_dict(p) for p in plan.people],
        "rounds": [round_dict(r) for r in plan.rounds],
    }


def round_dict(result: RoundResult) -> dict[str, Any]:
    return {
        "spec": asdict(result.spec),
        "groups": [asdict(g) for g in result.groups],
        "not_taking_part": list(result.not_taking_part),
        "report": asdict(result.report),
    }


def _person_dict(p: Person) -> dict[str, Any]:
    d = asdict(p)
    d["attrs"] = dict(p.attrs)
    return d


def plan_json(plan: EventPlan, indent: int | None = 2) -> str:
    return json.dumps(plan_dict(plan), ensure_ascii=False, indent=indent, default=_jsonable)


def _jsonable(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, frozenset | set | tuple):
        return list(value)
    raise TypeError(type(value).__name__)


def round_table(result: RoundResult, people: People, lang: str = DEFAULT_LANG) -> Table:
    by_id = _by_id(people)
    title = f"{message('word_round', lang)} {result.spec.number} ({result.spec.rule})"
    table = Table(title=title, show_lines=False)
    for word in ("group", "name", "area", "municipality", "role"):
        table.add_column(message(f"word_{word}", lang))
    for g in result.groups:
        for index, pid in enumerate(g.members):
            p = by_id[pid]
            table.add_row(
                room_name(g, lang) if index == 0 else "",
                p.label,
                p.area or "",
                p.municipality or "",
                p.role or "",
                end_section=index == len(g.members) - 1,
            )
    return table


def render_text(result: RoundResult, people: People, lang: str = DEFAULT_LANG, width: int = 110) -> str:
    """The table plus the report's notices and unmet rules, as plain text."""
    by_id = _by_id(people)
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(round_table(result, by_id, lang))
    for notice in result.report.notices:
        console.print(notice_text(notice, lang), markup=False)
    for unmet in result.report.unmet:
        console.print(unmet_text(unmet, by_id, lang), markup=False)
    return console.export_text()

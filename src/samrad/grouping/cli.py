"""File-based run: `python -m samrad.grouping people.csv --round same_area --round mixed --round keep:2`.

The real `samrad groups EVENT` command reads the database; this one reads a CSV or JSON file with the
columns id, name, area, municipality, role, email (other columns become attrs).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .errors import GroupingError, Issue
from .export import groups_csv, plan_json, render_text, teams_csv, zoom_csv
from .messages import DEFAULT_LANG, LANGS
from .model import Person, RoundSpec
from .plan import plan_event
from .report import report_lines

_FIELDS = ("id", "name", "area", "municipality", "role", "email")
_ROUND = re.compile(r"^(same_area|mixed|keep(?:_previous)?)(?::(\d+)(?:-(\d+))?)?$")


def read_people(path: Path, lang: str = DEFAULT_LANG) -> list[Person]:
    """People from a .json file (a list of objects) or a CSV file (UTF-8, comma or semicolon)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GroupingError([Issue("people_file", {"path": path, "reason": exc.strerror})], lang) from exc
    try:
        if path.suffix.lower() == ".json":
            rows = json.loads(text)
            if not isinstance(rows, list):
                raise ValueError("expected a list of objects")
        else:
            dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") if text else csv.excel
            rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    except (ValueError, csv.Error) as exc:
        raise GroupingError([Issue("people_file", {"path": path, "reason": str(exc)})], lang) from exc
    people = []
    for row in rows:
        values = {k.strip().lower(): ("" if v is None else str(v).strip()) for k, v in dict(row).items() if k}
        attrs = {k: v for k, v in values.items() if k not in _FIELDS and v}
        people.append(
            Person(
                id=values.get("id", ""),
                name=values.get("name", ""),
                area=values.get("area") or None,
                municipality=values.get("municipality") or None,
                role=values.get("role") or None,
                email=values.get("email") or None,
                attrs=attrs,
            )
        )
    return people


def parse_round(number: int, value: str, lang: str = DEFAULT_LANG) -> RoundSpec:
    """'same_area', 'mixed', 'mixed:3-5' (sizes), 'mixed:4' (exactly 4), 'keep:2' (keep round 2)."""
    match = _ROUND.match(value.strip())
    if not match:
        raise GroupingError([Issue("bad_round_arg", {"value": value})], lang)
    rule, first, second = match.groups()
    if rule.startswith("keep"):
        if first is None or second is not None:
            raise GroupingError([Issue("bad_round_arg", {"value": value})], lang)
        return RoundSpec(number, "keep_previous", keep_round=int(first))
    if first is None:
        return RoundSpec(number, rule)
    low = int(first)
    return RoundSpec(number, rule, min_size=low, max_size=int(second) if second else low)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m samrad.grouping", description="Form discussion groups.")
    p.add_argument("people", type=Path, help="CSV or JSON file with id,name,area,municipality,role,email")
    p.add_argument(
        "--round",
        action="append",
        dest="rounds",
        metavar="RULE",
        help="same_area | mixed | RULE:MIN-MAX | keep:N, once per round in order (default: same_area mixed keep:2)",
    )
    p.add_argument("--neighbour", action="append", default=[], metavar="AREA=NEIGHBOUR")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--time-limit", type=float, default=10.0, help="seconds for the whole event")
    p.add_argument("--workers", type=int, default=2, help="CP-SAT workers")
    p.add_argument("--format", choices=("table", "csv", "zoom", "teams", "json"), default="table")
    p.add_argument("--show-round", type=int, help="round to output (csv/zoom/teams default: 1)")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    return p


def groups_main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run from arguments; returns the exit status (0 ok, 2 bad input)."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    lang = args.lang
    try:
        people = read_people(args.people, lang)
        rounds = [parse_round(i, v, lang) for i, v in enumerate(args.rounds or ["same_area", "mixed", "keep:2"], 1)]
        neighbours = {}
        for item in args.neighbour:
            area, sep, neighbour = item.partition("=")
            if not sep or not area.strip() or not neighbour.strip():
                raise GroupingError([Issue("bad_neighbour_arg", {"value": item})], lang)
            neighbours[area.strip()] = neighbour.strip()
        plan = plan_event(
            people,
            rounds,
            seed=args.seed,
            time_limit=args.time_limit,
            area_neighbours=neighbours,
            num_workers=args.workers,
            lang=lang,
        )
    except GroupingError as exc:
        print(exc.text(lang), file=err)
        return 2

    by_id = {p.id: p for p in people}
    if args.format == "json":
        out.write(plan_json(plan) + "\n")
        return 0
    if args.format == "table":
        for result in plan.rounds:
            if args.show_round is not None and result.spec.number != args.show_round:
                continue
            out.write(render_text(result, by_id, lang))
            for line in report_lines(result.report, by_id, lang)[:1]:
                out.write(line + "\n")
            out.write("\n")
        return 0
    number = args.show_round or 1
    if number not in {r.spec.number for r in plan.rounds}:
        print(Issue("no_such_round", {"round": number}).text(lang), file=err)
        return 2
    result = plan.round(number)
    if args.format == "csv":
        out.write(groups_csv(result, by_id, lang))
        return 0
    export = zoom_csv(result, by_id, lang) if args.format == "zoom" else teams_csv(result, by_id, lang)
    out.write(export.text)
    if export.missing_email:
        print("no email: " + ", ".join(export.missing_email), file=err)
    return 0

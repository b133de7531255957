"""The blind read of issue 11: are samrad's challenge lines as publishable as the reference page's bullets?

    .venv/bin/python bench/blind_read.py make --lines /tmp/blind/lines.csv --key /tmp/blind-key/key.json
    .venv/bin/python bench/blind_read.py make --published site/sammanfattning.json --lines … --key …
    .venv/bin/python bench/blind_read.py score --ratings /tmp/blind/ratings.csv --key /tmp/blind-key/key.json

`make` mixes samrad's challenge theme lines for its published areas (by default from the example, run in a
throw-away SQLite database as bench/drafts.py does; or from a sammanfattning.json that `samrad publish`
wrote) with the reference page's "Utmaningar" bullets for the same areas, shuffles them and writes them with
random ids to the lines file (CSV: id, area, line), which is all the reader gets, with
bench/blind_read_brief.md. samrad's lines are rendered as the public page shows them (headline as a
sentence, then "Exempelvis:" and the points); the reference bullets as written. Rest lines ("Övrigt:",
"Annat:") are left out on both sides: they would give the source away and are not theme lines. The key
(id → source) must be written to another folder than the lines, kept away from the reader.

`score` reads the reader's ratings (CSV: id, publishable 1–5, coherent 1–5, reason) and prints, per source,
the mean of each scale with a 95 % bootstrap interval (lines resampled with replacement within each source,
10,000 times), the share rated 4–5 for publishable, and samrad − reference with its interval. Done when
(issue 11): samrad's mean publishable rating is at least the reference's.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import drafts_sources as src  # noqa: E402
from drafts_measures import Line  # noqa: E402

SOURCES = ("samrad", "reference")
SCALES = ("publishable", "coherent")
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class InputError(Exception):
    """A problem the person running the script can fix; the message says where and what to do."""


# ---------------------------------------------------------------- make


def render_samrad(line: Line) -> str:
    """As the public page shows a theme line (results/_area.html, Swedish)."""
    from samrad.core.text import join_points, sentence

    text = sentence(line.headline)
    return f"{text} Exempelvis: {join_points(line.examples)}" if line.examples else text


def mix(lines: dict[str, list[tuple[str, str]]], rng: random.Random) -> tuple[list[dict], dict[str, dict]]:
    """Shuffle (area, text) lines of each source into one list with fresh random ids.
    Returns (rows for the reader: id, area, line) and the key (id → source, area)."""
    pooled = [(source, area, text) for source, items in lines.items() for area, text in items]
    rng.shuffle(pooled)
    ids: set[str] = set()
    rows, key = [], {}
    for source, area, text in pooled:
        while (rid := "".join(rng.choice(ID_ALPHABET) for _ in range(6))) in ids:
            pass
        ids.add(rid)
        rows.append({"id": rid, "area": area, "line": text})
        key[rid] = {"source": source, "area": area}
    return rows, key


def samrad_lines(published_path: str | None) -> tuple[src.Lines, str]:
    if published_path:
        path = Path(published_path)
        try:
            published = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot read it as sammanfattning.json ({exc}).") from exc
        challenge = src.example_plan()[1]
        return src.published_lines(published, challenge), str(path)
    print("running the example (demo stages, SQLite) …", file=sys.stderr, flush=True)
    run = src.run_example()
    return src.published_lines(run.published, run.challenge, run.published_areas), "the example, run in-process"


def make(args: argparse.Namespace) -> int:
    lines_path, key_path = Path(args.lines).resolve(), Path(args.key).resolve()
    if lines_path.parent == key_path.parent or lines_path.parent in key_path.parents:
        raise InputError(
            f"--key {key_path} is in the folder of --lines ({lines_path.parent}); put the key in another folder "
            "so the reader never sees it."
        )
    samrad, origin = samrad_lines(args.published)
    areas = list(dict.fromkeys(line.area for line in samrad.lines))
    if not areas:
        raise InputError(f"{origin}: no published challenge lines to read.")
    names = area_names()
    reference = [line for line in src.reference_lines().lines if line.area in areas]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rows, key = mix(
        {
            "samrad": [(names.get(line.area, line.area), render_samrad(line)) for line in samrad.lines],
            "reference": [(names.get(line.area, line.area), line.raw) for line in reference],
        },
        random.Random(seed),
    )
    lines_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    with lines_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "area", "line"])
        writer.writeheader()
        writer.writerows(rows)
    key_doc = {
        "made": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seed": seed,
        "samrad_from": origin,
        "areas": areas,
        "counts": {s: sum(1 for k in key.values() if k["source"] == s) for s in SOURCES},
        "lines": key,
    }
    key_path.write_text(json.dumps(key_doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} lines ({key_doc['counts']['samrad']} samrad, {key_doc['counts']['reference']} reference, "
          f"{len(areas)} areas) → {lines_path}\nkey → {key_path} (keep it away from the reader)")
    return 0


def area_names() -> dict[str, str]:
    import tomllib

    plan = tomllib.loads(src.EXAMPLE.read_text(encoding="utf-8"))
    return {a["slug"]: a["name"] for a in plan["areas"]}


# ---------------------------------------------------------------- score


def read_ratings(path: Path, key: dict[str, dict]) -> tuple[list[dict], list[str]]:
    """The reader's ratings, checked: (rows, warnings). Raises InputError naming the row and column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ("id", *SCALES) if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"{path}: column(s) {', '.join(missing)} missing; "
                    "the header must be id,publishable,coherent,reason."
                )
            raw = list(reader)
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}).") from exc
    rows, errors, seen = [], [], set()
    for n, r in enumerate(raw, start=2):
        rid = (r.get("id") or "").strip()
        if rid not in key:
            errors.append(f"{path}:{n}: id {rid!r} is not in the key; check that the ratings belong to this key.")
            continue
        if rid in seen:
            errors.append(f"{path}:{n}: id {rid} is rated twice; keep one rating per line.")
            continue
        seen.add(rid)
        row = {"id": rid, "source": key[rid]["source"], "reason": (r.get("reason") or "").strip()}
        for scale in SCALES:
            value = (r.get(scale) or "").strip()
            if value not in {"1", "2", "3", "4", "5"}:
                errors.append(f"{path}:{n}: {scale} is {value!r}; write a whole number from 1 to 5.")
            else:
                row[scale] = int(value)
        rows.append(row)
    if errors:
        raise InputError("\n".join(errors))
    unrated = [i for i in key if i not in seen]
    warnings = [f"{len(unrated)} line(s) not rated: {', '.join(unrated[:10])}{' …' if len(unrated) > 10 else ''}"]
    return rows, warnings if unrated else []


def bootstrap_mean(values: list[float], rng, resamples: int) -> tuple[float, float, float]:
    import numpy as np

    a = np.asarray(values, dtype=float)
    means = a[rng.integers(0, len(a), size=(resamples, len(a)))].mean(axis=1)
    return float(a.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def summarise(rows: list[dict], resamples: int = 10_000, seed: int = 0) -> dict:
    """Means per source and scale with 95 % bootstrap intervals; samrad − reference per scale."""
    import numpy as np

    rng = np.random.default_rng(seed)
    out: dict = {}
    for source in SOURCES:
        mine = [r for r in rows if r["source"] == source]
        if not mine:
            continue
        out[source] = {"n": len(mine), "publishable_4_5": sum(r["publishable"] >= 4 for r in mine) / len(mine)}
        for scale in SCALES:
            out[source][scale] = bootstrap_mean([r[scale] for r in mine], rng, resamples)
    if all(s in out for s in SOURCES):
        out["difference"] = {}
        for scale in SCALES:
            a = np.array([r[scale] for r in rows if r["source"] == "samrad"], dtype=float)
            b = np.array([r[scale] for r in rows if r["source"] == "reference"], dtype=float)
            diffs = (a[rng.integers(0, len(a), size=(resamples, len(a)))].mean(axis=1)
                     - b[rng.integers(0, len(b), size=(resamples, len(b)))].mean(axis=1))
            out["difference"][scale] = (
                float(a.mean() - b.mean()), float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))
            )
    return out


def score(args: argparse.Namespace) -> int:
    key_path = Path(args.key)
    try:
        key = json.loads(key_path.read_text(encoding="utf-8"))["lines"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{key_path}: not a key written by `blind_read.py make` ({exc}).") from exc
    rows, warnings = read_ratings(Path(args.ratings), key)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    summary = summarise(rows, args.resamples, args.seed)

    from rich.console import Console
    from rich.table import Table

    def fmt(m: tuple[float, float, float]) -> str:
        return f"{m[0]:.2f} [{m[1]:.2f}, {m[2]:.2f}]"

    t = Table(title="Blind read (means, 95 % bootstrap interval)", title_justify="left")
    for col in ("source", "lines", "publishable", "coherent", "publishable 4–5"):
        t.add_column(col, justify="left" if col == "source" else "right")
    for source in SOURCES:
        if source in summary:
            s = summary[source]
            share = f"{100 * s['publishable_4_5']:.0f} %"
            t.add_row(source, str(s["n"]), fmt(s["publishable"]), fmt(s["coherent"]), share)
    if "difference" in summary:
        d = summary["difference"]
        t.add_row("samrad − reference", "", fmt(d["publishable"]), fmt(d["coherent"]), "")
    console = Console(width=max(Console().width, 100))
    console.print(t)
    if "difference" in summary:
        ok = summary["difference"]["publishable"][0] >= 0
        console.print("Done when (samrad at least as publishable as the reference): "
                      + ("[green]pass[/]" if ok else "[red]fail[/]"))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make", help="write the mixed, unlabelled lines and the key")
    m.add_argument("--lines", required=True, help="the reader's file (CSV: id, area, line)")
    m.add_argument("--key", required=True, help="id → source; in another folder than --lines")
    m.add_argument("--published", help="a sammanfattning.json from `samrad publish` (default: run the example)")
    m.add_argument("--seed", type=int, help="shuffle and ids (default: random, recorded in the key)")
    s = sub.add_parser("score", help="means per source from the reader's ratings")
    s.add_argument("--ratings", required=True, help="CSV: id, publishable, coherent, reason")
    s.add_argument("--key", required=True)
    s.add_argument("--resamples", type=int, default=10_000)
    s.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    s.add_argument("--json", help="also write the summary as JSON here")
    args = ap.parse_args(argv)
    try:
        return make(args) if args.command == "make" else score(args)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""Where bench/drafts.py and bench/blind_read.py get their lines: the reference page, samrad on the example,
samrad's engine on the Austrian Pol.is set.

Shared data (the reference page, Pol.is) is read from $SAMRAD_SHARED_DIR (default /work/shared) and never
copied into the project.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from drafts_measures import Line, sections

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAMRAD_SHARED_DIR", "/work/shared"))
REFERENCE = SHARED / "reference" / "region-orebro-kulturplan-dialoger-2022.txt"
POLIS = SHARED / "data" / "polis"
EXAMPLE = ROOT / "examples" / "orebro-2022" / "consultation.toml"


@dataclass
class Lines:
    lines: list[Line] = field(default_factory=list)  # challenge/theme lines
    rest: list[Line] = field(default_factory=list)  # "Övrigt:"/"Annat:" lines


def example_plan(path: Path = EXAMPLE) -> tuple[list[str], str]:
    """The example's area slugs in page order and the slug of its challenges question."""
    plan = tomllib.loads(path.read_text(encoding="utf-8"))
    areas = [a["slug"] for a in plan["areas"]]
    challenge = next(q["slug"] for q in plan["questions"] if q.get("kind") == "challenges")
    return areas, challenge


# ---------------------------------------------------------------- the reference page

_REST = re.compile(r"^(övrigt|annat)\s*:\s*", re.I)
_EXAMPLES = re.compile(r"^exempelvis\b\s*:?\s*(?:genom\b\s*)?", re.I)
# The page's notice for an area withheld for too few participants takes the area's place in the order.
_WITHHELD = "för få deltagare"


def parse_bullet(text: str, area: str = "") -> tuple[Line, bool]:
    """A bullet as a Line, and whether it is a rest line. Headline: its first sentence. Examples: the
    comma-separated items of a sentence that opens with "Exempelvis" ("Exempelvis:", "Exempelvis genom");
    "exempelvis" inside a sentence is prose. Other sentences: `extra`."""
    from drafts_measures import sentences

    text = " ".join(text.split())
    rest = bool(_REST.match(text))
    body = _REST.sub("", text)
    parts = sentences(body)
    headline, examples, extra = "", [], []
    for i, s in enumerate(parts):
        m = _EXAMPLES.match(s)
        if m and i > 0 and not examples:
            items = s[m.end() :].rstrip(".").split(",")
            examples = [item.strip() for item in items if item.strip()]
        elif not headline:
            headline = s
        else:
            extra.append(s)
    return Line(headline=headline, examples=examples, extra=extra, area=area, raw=text), rest


def reference_lines(path: Path = REFERENCE, areas: list[str] | None = None) -> Lines:
    """The bullets of the page's "Utmaningar" sections. Each section is an area, in the plan's area order;
    a "too few participants" notice between sections stands for a withheld area. A section runs from its
    "Utmaningar" heading to the next line that is not a bullet."""
    areas = areas if areas is not None else example_plan()[0]
    out = Lines()
    order = iter(areas)
    area: str | None = None
    in_section = False
    seen = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        s = raw.strip()
        if not s:
            continue
        if s == "Utmaningar" or (_WITHHELD in s and seen < len(areas)):
            area = next(order, None)
            seen += 1
            if area is None:
                raise ValueError(f"{path}: more challenge sections than the plan's {len(areas)} areas")
            in_section = s == "Utmaningar"
            continue
        if in_section and s.startswith("•"):
            line, rest = parse_bullet(s.lstrip("•").strip(), area or "")
            (out.rest if rest else out.lines).append(line)
        else:
            in_section = False
    if seen != len(areas):
        raise ValueError(f"{path}: {seen} challenge sections or withheld notices, but the plan has {len(areas)} areas")
    return out


# ---------------------------------------------------------------- samrad on the example


def cpu_seconds() -> float:
    """CPU time of this process (all threads) and of its finished children: unlike the wall clock, it hardly
    changes when other jobs share the machine."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@dataclass
class ExampleRun:
    published: dict  # sammanfattning.json (samrad.publication.exports.opendata.as_dict)
    engine: dict  # synthesise(...).to_dict() as the analysis stage ran it
    challenge: str  # the challenges question's slug
    published_areas: list[str]
    analysis_seconds: float  # the demo's analysis stage: engine + merge into the workspace (wall clock)
    analysis_cpu_seconds: float  # the same in CPU time of this process (all threads): steadier under load
    engine_seconds: float  # synthesise() alone (wall clock)
    stage_seconds: dict[str, float]


def run_example() -> ExampleRun:
    """`samrad demo --no-serve`'s stages into a fresh SQLite database in a temporary folder, then the
    published summary as `samrad publish` writes it to sammanfattning.json."""
    home = Path(tempfile.mkdtemp(prefix="samrad-bench-drafts-"))
    os.environ["SAMRAD_HOME"] = str(home)
    os.environ.pop("SAMRAD_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "samrad.settings"
    os.chdir(ROOT)
    import django

    django.setup()
    from django.core.management import call_command

    import samrad.synthesis
    from samrad import demo
    from samrad.commands.demo import run_stages
    from samrad.consultations.loader import load_file
    from samrad.consultations.models import Question
    from samrad.publication.exports import opendata
    from samrad.publication.summary import build

    # Catch the engine's result as the analysis stage calls it (ingest imports synthesise at call time).
    engine_calls: list[tuple[dict, float]] = []
    original = samrad.synthesis.synthesise

    def recording(*args, **kwargs):
        started = time.perf_counter()
        result = original(*args, **kwargs)
        engine_calls.append((result.to_dict(), time.perf_counter() - started))
        return result

    call_command("migrate", verbosity=0)
    consultation, _ = load_file(demo.example_dir() / "consultation.toml")
    stage_seconds: dict[str, float] = {}
    stage_cpu: dict[str, float] = {}
    samrad.synthesis.synthesise = recording
    try:
        for name, target in demo.STAGES:
            started, cpu = time.perf_counter(), cpu_seconds()
            run_stages(consultation, demo.example_dir(), [(name, target)])
            stage_seconds[name] = time.perf_counter() - started
            stage_cpu[name] = cpu_seconds() - cpu
    finally:
        samrad.synthesis.synthesise = original
    if not engine_calls:  # the stage reached the engine another way: run it once more, as the stage does
        from samrad.review import ingest

        records, _pks = ingest.records_for(consultation)
        started = time.perf_counter()
        engine_calls.append((original(records, ingest.default_params()).to_dict(), time.perf_counter() - started))
    engine, engine_seconds = engine_calls[-1]
    published = opendata.as_dict(build(consultation))
    challenge = consultation.questions.get(kind=Question.Kind.CHALLENGES).slug
    return ExampleRun(
        published=published,
        engine=engine,
        challenge=challenge,
        published_areas=[a["slug"] for a in published["areas"] if a["status"] == "published"],
        analysis_seconds=stage_seconds.get("analysis", 0.0),
        analysis_cpu_seconds=stage_cpu.get("analysis", 0.0),
        engine_seconds=engine_seconds,
        stage_seconds=stage_seconds,
    )


def published_lines(published: dict, question: str, areas: list[str] | None = None) -> Lines:
    """The theme lines (headline + examples) and rest lines of one question's sections in sammanfattning.json,
    for the published areas (or the ones named)."""
    out = Lines()
    for area in published["areas"]:
        if area["status"] != "published" or (areas is not None and area["slug"] not in areas):
            continue
        for section in area["sections"]:
            if section["question"] != question:
                continue
            for theme in section["themes"]:
                out.lines.append(Line(theme["headline"], list(theme["examples"]), area=area["slug"]))
            out.rest += [Line(text, area=area["slug"]) for text in section.get("other") or []]
    return out


def engine_lines(result: dict, keep=lambda g: True) -> Lines:
    """Theme lines straight from an engine result (headline + points), for the groups kept."""
    out = Lines()
    for group in sections(result):
        if keep(group):
            for theme in group["themes"]:
                out.lines.append(
                    Line(theme["headline"]["text"], [p["text"] for p in theme.get("points", [])], area=group["area"])
                )
    return out


# ---------------------------------------------------------------- samrad's engine on Pol.is


def polis_records() -> list:
    """Every comment of the five Austrian climate-council conversations: area = conversation, one question,
    author = the conversation's author id (comments.csv: comment-id, author-id, comment-body …)."""
    from samrad.synthesis import Record

    records = []
    for folder in sorted(POLIS.glob("austria-climate.*")):
        conversation = folder.name.split(".")[1]
        with (folder / "comments.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                records.append(
                    Record(
                        id=f"{conversation}:{row['comment-id']}",
                        text=row["comment-body"],
                        area=conversation,
                        question="kommentar",
                        author=f"{conversation}:{row['author-id']}",
                    )
                )
    return records


def run_polis() -> tuple[dict, float, float, int]:
    """(engine result, wall seconds, CPU seconds, records) for the Austrian set: German, default parameters."""
    from samrad.synthesis import Params, synthesise

    records = polis_records()
    started, cpu = time.perf_counter(), cpu_seconds()
    result = synthesise(records, Params(lang="de")).to_dict()
    return result, time.perf_counter() - started, cpu_seconds() - cpu, len(records)

"""Command-line entry points: ``themes`` and ``eval``. Both return an exit code, never raise.

Exit codes: 0 success, 2 a problem with the input or options (message says what to do), 1 an internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .io import Columns, InputError, read_table, records_from_rows
from .messages import msg
from .model import LANGUAGES, SCHEMA_VERSION, LLMConfig, Params


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so the caller gets an exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


def _themes_parser() -> _Parser:
    p = _Parser(prog="samrad themes", description="Theme free-text answers into themes, points and quotes.")
    p.add_argument("input", help="CSV, XLSX or JSONL file")
    p.add_argument("--text", required=True, help="column with the answer text")
    p.add_argument("--id", help="column with a unique answer id (default: row number)")
    p.add_argument("--area", help="column with the area (themes are built per area and question)")
    p.add_argument("--question", help="column with the question")
    p.add_argument("--author", help="column with the author or group (support counts distinct authors)")
    p.add_argument("--lang", default="auto", choices=[*LANGUAGES, "auto"], help="language of the answers")
    p.add_argument(
        "--backend",
        default="auto",
        help="auto (default: e5, or tfidf+e5 above 8,000 statements), tfidf, tfidf+e5, e5 or st:PATH",
    )
    p.add_argument(
        "--cache",
        metavar="DIR",
        help="keep e5 vectors in this folder (hashes and vectors only, no text); a re-run embeds only new text",
    )
    p.add_argument("--out", help="write the JSON result here (default: standard output)")
    p.add_argument("--summary", help="also write a readable text summary (themes, points, quotes) here")
    p.add_argument("--max-themes", type=int, help="at most this many themes per group")
    p.add_argument("--seed", type=int, default=0, help="random seed (same input + seed → same output)")
    p.add_argument("--llm-url", help="OpenAI-compatible chat completions URL for headline wording (off by default)")
    p.add_argument("--llm-model", default="default", help="model name for --llm-url")
    p.add_argument("--llm-key-env", help="name of the environment variable that holds the API key")
    p.add_argument("--messages", default=None, choices=["sv", "en"], help="language of messages")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    return p


def _run(parser: _Parser, argv: list[str] | None, lang: str, command: Callable[[argparse.Namespace, str], int]) -> int:
    """Parse the options and run ``command(args, say)``, ``say`` being the language for messages. Bad options are
    printed with exit code 2, since our parser raises where argparse would exit."""
    try:
        args = parser.parse_args(argv)
    except _UsageError as e:
        print(str(e), file=sys.stderr)
        return 2
    return command(args, args.messages or lang)


def themes_main(argv: list[str] | None = None, lang: str = "sv") -> int:
    """``samrad themes INPUT --text COL …``; returns an exit code."""
    return _run(_themes_parser(), argv, lang, _themes)


def _themes(args: argparse.Namespace, say: str) -> int:
    path = Path(args.input)
    from .represent import BackendError, check_backend

    try:
        check_backend(args.backend)
    except BackendError as e:
        print(msg("cli_backend", say, backend=args.backend, why=str(e)), file=sys.stderr)
        return 2
    progress = None if args.quiet else _Progress(say)
    try:
        if progress:
            progress.stage("read")
        header, rows = read_table(path)
        cols = Columns(text=args.text, id=args.id, area=args.area, question=args.question, author=args.author)
        records = list(records_from_rows(header, rows, cols, path))
    except InputError as e:
        _close(progress)
        print(msg(e.key, say, **e.kwargs), file=sys.stderr)
        return 2
    llm = None
    if args.llm_url:
        import os

        llm = LLMConfig(
            url=args.llm_url,
            model=args.llm_model,
            api_key=os.environ.get(args.llm_key_env) if args.llm_key_env else None,
        )
    params = Params(
        lang=args.lang,
        backend=args.backend,
        max_themes=args.max_themes,
        random_state=args.seed,
        messages=say,
        llm=llm,
    )
    from .pipeline import synthesise

    try:
        cache = None
        if args.cache:
            from .embcache import SqliteEmbeddingCache

            cache = SqliteEmbeddingCache(args.cache)
        result = synthesise(records, params, progress=progress, cache=cache)
    except Exception as e:
        _close(progress)
        print(f"samrad themes: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    _close(progress)
    data = result.to_dict()
    doc = json.dumps(data, ensure_ascii=False, indent=1)
    if args.summary:
        from .render import to_text

        try:
            Path(args.summary).write_text(to_text(data), encoding="utf-8")
        except OSError as e:
            print(msg("cli_write", say, path=args.summary, why=e.strerror or e), file=sys.stderr)
            return 2
    if args.out:
        try:
            Path(args.out).write_text(doc + "\n", encoding="utf-8")
        except OSError as e:
            print(msg("cli_write", say, path=args.out, why=e.strerror or e), file=sys.stderr)
            return 2
        c = result.counts
        print(
            msg(
                "cli_wrote",
                say,
                path=args.out,
                sections=c["sections"],
                themes=c["themes"],
                statements=c["statements"],
                rest=round(100 * float(c["rest_share"]), 1),
            ),
            file=sys.stderr,
        )
    else:
        sys.stdout.write(doc + "\n")
    return 0


def _eval_parser() -> _Parser:
    p = _Parser(prog="samrad eval", description="Score a themes result against gold labels.")
    p.add_argument("pred", help="JSON written by samrad themes")
    p.add_argument("--gold", required=True, help="CSV, XLSX or JSONL with gold labels")
    p.add_argument("--gold-label", required=True, help="column with the gold label")
    p.add_argument("--gold-id", help="column with the record id (default: row number, as themes uses)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--messages", default=None, choices=["sv", "en"])
    return p


def eval_main(argv: list[str] | None = None, lang: str = "sv") -> int:
    """``samrad eval PRED.json --gold FILE --gold-label COL [--gold-id COL]``; returns an exit code."""
    return _run(_eval_parser(), argv, lang, _eval)


def _eval(args: argparse.Namespace, say: str) -> int:
    pred_path = Path(args.pred)
    try:
        if not pred_path.exists():
            raise InputError("cli_no_file", path=pred_path)
        try:
            pred = json.loads(pred_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError("cli_unreadable", path=pred_path, why=str(e)) from e
        if not isinstance(pred, dict) or pred.get("schema_version") != SCHEMA_VERSION or "statements" not in pred:
            v = pred.get("schema_version") if isinstance(pred, dict) else None
            raise InputError("cli_pred", path=pred_path, v=v)
        gold_path = Path(args.gold)
        header, rows = read_table(gold_path)
        for opt, col in (("--gold-label", args.gold_label), ("--gold-id", args.gold_id)):
            if col is not None and col not in header:
                raise InputError(
                    "cli_column", col=col, opt=opt, path=gold_path, cols=", ".join(repr(h) for h in header)
                )
        gold: dict[str, str] = {}
        for n, row in enumerate(rows, start=2):
            rid = str(row.get(args.gold_id, "")).strip() if args.gold_id else f"row{n}"
            label = row.get(args.gold_label)
            if rid and label not in (None, ""):
                gold[rid] = str(label)
        from .evaluate import score

        s = score(pred, gold)
        if s.n == 0:
            raise InputError("cli_no_overlap", gold=gold_path, pred=pred_path)
    except InputError as e:
        print(msg(e.key, say, **e.kwargs), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(s.to_dict()))
    else:
        print(f"ARI  {s.ari:.4f}\nNMI  {s.nmi:.4f}\nrest {100 * s.rest_share:.1f} %\nthemes {s.themes}")
        print(msg("cli_eval", say, n=s.n, missing=s.missing), file=sys.stderr)
    return 0


class _Progress:
    """Progress on stderr with rich; quiet when stderr is not a terminal except for stage lines."""

    def __init__(self, say: str) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.say = say
        self.t0 = time.perf_counter()
        self._status: Any = None
        self._last = ""

    def stage(self, name: str) -> None:
        self(name, 0, 0)

    def __call__(self, stage: str, done: int, total: int) -> None:
        label = {
            "read": msg("progress_read", self.say),
            "segment": msg("progress_analyse", self.say),
            "normalise": msg("progress_analyse", self.say),
            "represent": msg("progress_analyse", self.say),
            "embed": msg("progress_embed", self.say),
            "cluster": msg("progress_cluster", self.say),
        }.get(stage, stage)
        text = f"{label} ({stage}) {done}/{total}" if total else f"{label} ({stage})"
        text += f"  {time.perf_counter() - self.t0:.0f} s"
        if self.console.is_terminal:
            if self._status is None:
                self._status = self.console.status(text)
                self._status.start()
            else:
                self._status.update(text)
        elif stage != self._last:
            self.console.print(text, highlight=False)
        self._last = stage

    def close(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None


def _close(progress: _Progress | None) -> None:
    if progress is not None:
        progress.close()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("themes", "eval"):
        print("usage: python -m samrad.synthesis {themes,eval} …", file=sys.stderr)
        return 2
    return themes_main(argv[1:]) if argv[0] == "themes" else eval_main(argv[1:])

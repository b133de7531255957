"""`samrad analyze CONSULTATION`: run the synthesis over the consultation's contributions and store the
result in the review workspace (analysts' decisions are kept), then print what it found."""

import argparse
import time

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samrad.core.cli import console, errors, fail, get_consultation, is_interactive

LABEL = "samrad analyze"


def help() -> str:
    return _("analyse the contributions into themes, points and quotes for the analysts to review")


def add_arguments(parser) -> None:
    parser.add_argument("consultation", metavar=_("CONSULTATION"), help=_("the consultation's slug, e.g. orebro-2022"))
    # Finish a run the review page recorded as started (samrad.review.background); not for people.
    parser.add_argument("--run", dest="run_pk", type=int, default=None, help=argparse.SUPPRESS)


def run(args) -> int:
    from samrad.intake.models import Contribution

    from . import ingest
    from .actions import Actor

    consultation = get_consultation(args.consultation)
    started_run = None
    if args.run_pk is not None:
        started_run = _started_run(consultation, args.run_pk)
        if started_run is None:
            return fail(
                _("Analysis run %(pk)d of %(name)s is not waiting to be done.")
                % {"pk": args.run_pk, "name": consultation.name}
            )
    total = Contribution.objects.filter(consultation=consultation).count()
    if not total:
        if started_run is not None:  # the page would show it running until it times out
            started_run.error, started_run.finished_at = "no contributions", timezone.now()
            started_run.save(update_fields=["error", "finished_at"])
        return fail(
            _("%(name)s has no contributions to analyse yet. Load or import answers first.")
            % {"name": consultation.name}
        )
    if started_run is None:
        busy = ingest.running(consultation)
        if busy is not None:
            return fail(
                _("An analysis of %(name)s is already running (started %(time)s). Wait for it to finish.")
                % {"name": consultation.name, "time": busy.started_at.strftime("%H:%M")},
                1,
            )
    started = time.perf_counter()
    actor = Actor(user=started_run.started_by, label="") if started_run else Actor(label=LABEL)
    with Progress(_("Analysing %(n)d contributions …") % {"n": total}) as progress:
        run = ingest.analyse(consultation, label=LABEL, progress=progress, run=started_run)
    actor.record(
        "review.analysis.run",
        consultation,
        run,
        counts=run.counts,
        new_statements=run.new_statements,
        new_themes=run.new_themes,
        new_quotes=run.new_quotes,
    )
    for line in summary_lines(run, time.perf_counter() - started):
        console.print(line, markup=False)
    return 0


def _started_run(consultation, pk: int):
    from .models import AnalysisRun

    return AnalysisRun.objects.filter(consultation=consultation, pk=pk, finished_at=None, error="").first()


def summary_lines(run, seconds: float) -> list[str]:
    from . import ingest

    c = run.counts
    lines = [
        "✓ "
        + _(
            "Analysed %(records)d contributions in %(seconds)s s: %(sections)d sections, %(themes)d themes, "
            "%(statements)d statements, %(rest)s %% in the rest (Other)."
        )
        % {
            "records": c.get("records", 0),
            "seconds": number_format(seconds, 1),
            "sections": c.get("sections", c.get("groups", 0)),
            "themes": c.get("themes", 0),
            "statements": c.get("statements", 0),
            "rest": number_format(100 * c.get("rest_share", 0), 1),
        }
    ]
    if ingest.previous_run(run) is None:
        lines.append(_("This was the first run: everything is new."))
    else:
        lines.append(
            _("New since the previous run: %(s)d statements, %(t)d themes, %(q)d quote candidates.")
            % {"s": run.new_statements, "t": run.new_themes, "q": run.new_quotes}
        )
    if run.warnings:
        lines.append(_("Warnings (%(n)d):") % {"n": len(run.warnings)})
        lines += [f"  - {w.get('message', w.get('code', ''))}" for w in run.warnings]
    lines.append(_("Review it at /%(slug)s/granskning/") % {"slug": run.consultation.slug})
    return lines


class Progress:
    """The engine's stages as a rich status line on a terminal; one line per stage otherwise."""

    def __init__(self, title: str):
        self.title = title
        self.started = time.perf_counter()
        self.status = None
        self.last = ""

    def __enter__(self):
        if is_interactive():
            self.status = errors.status(self.title)
            self.status.start()
        else:
            errors.print(self.title, markup=False)
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        text = f"{self.title} {stage}" + (f" {done}/{total}" if total else "")
        text += f" ({time.perf_counter() - self.started:.0f} s)"
        if self.status is not None:
            self.status.update(text)
        elif stage != self.last:
            errors.print(text, markup=False)
        self.last = stage

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.stop()

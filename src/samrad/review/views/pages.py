"""The workspace pages: the overview, one area × question, running the analysis again, downloads, feedback."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samrad.core.guard import guard
from samrad.intake.models import Contribution
from samrad.results.models import Feedback

from .. import background, coverage, downloads, ingest, stash
from .. import workspace as ws
from ..actions import Actor
from ..forms import MergeForm, NewThemeForm, OwnLineForm, PointForm, QuoteForm, SelectionForm, ThemeForm
from ..models import AnalysisRun
from .common import actor, section_of
from .themes import REST

log = logging.getLogger(__name__)


@guard("samrad.review")
def overview(request, consultation):
    rows, unplaced = ws.overview(consultation)
    covered = {(c.area.pk, c.question.pk): c for c in coverage.for_consultation(consultation)}
    for row in rows:
        for cell in row.cells:
            cell.coverage = covered.get((row.area.pk, cell.question.pk))
    latest = ingest.latest_run(consultation)
    return render(
        request,
        "review/overview.html",
        {
            "consultation": consultation,
            "rows": rows,
            "questions": list(consultation.questions.all()),
            "unplaced": unplaced,
            "latest": latest,
            "previous": ingest.previous_run(latest),
            "running": ingest.running(consultation),
            "runs": AnalysisRun.objects.filter(consultation=consultation)[:5],
            "contributions": Contribution.objects.filter(consultation=consultation).count(),
            "downloads": downloads.FORMATS,
            "can_see_feedback": request.user.has_perm("samrad.view_feedback", consultation),
            "can_publish": request.user.has_perm("samrad.publish", consultation),
        },
    )


@guard("samrad.review", methods=("POST",), after_login="review:overview")
def run_analysis(request, consultation):
    back = reverse("review:overview", kwargs={"consultation": consultation.slug}) + "#analys"
    busy = ingest.running(consultation)
    if busy is not None:
        messages.warning(
            request,
            _("An analysis is already running (started %(time)s). Wait for it to finish.")
            % {"time": busy.started_at.strftime("%H:%M")},
        )
        return redirect(back)
    if not Contribution.objects.filter(consultation=consultation).exists():
        messages.error(request, _("There are no contributions to analyse yet. Import or collect answers first."))
        return redirect(back)
    if settings.SAMRAD_ANALYSIS_IN_BACKGROUND:
        try:
            background.start(consultation, request.user)
        except OSError:
            log.exception("could not start the analysis of %s", consultation.slug)
            messages.error(request, _("The analysis could not be started. The error is logged."))
            return redirect(back)
        messages.info(
            request, _("The analysis has started. This page shows its progress and reloads until it is done.")
        )
        return redirect(back)
    by = actor(request)
    try:
        run = ingest.analyse(consultation, user=request.user)
    except Exception:  # the analyst gets a message; the details go to the log
        log.exception("analysis of %s failed", consultation.slug)
        messages.error(request, _("The analysis failed and nothing in the workspace was changed. The error is logged."))
        return redirect(back)
    by.record(
        "review.analysis.run",
        consultation,
        run,
        counts=run.counts,
        new_statements=run.new_statements,
        new_themes=run.new_themes,
        new_quotes=run.new_quotes,
    )
    messages.success(request, run_summary(run))
    return redirect(back)


def run_summary(run: AnalysisRun) -> str:
    counts = run.counts
    return _(
        "The analysis is done: %(sections)d sections, %(themes)d themes, %(statements)d statements, %(rest)s %% in the "
        "rest. New since the previous run: %(new_statements)d statements, %(new_themes)d themes, %(new_quotes)d "
        "quote candidates."
    ) % {
        "sections": counts.get("sections", counts.get("groups", 0)),
        "themes": counts.get("themes", 0),
        "statements": counts.get("statements", 0),
        "rest": number_format(100 * counts.get("rest_share", 0), 1),
        "new_statements": run.new_statements,
        "new_themes": run.new_themes,
        "new_quotes": run.new_quotes,
    }


@guard("samrad.review")
def section(request, consultation, area, question):
    page = ws.section_page(section_of(consultation, area, question))
    rejected = stash.take(request)
    destinations = [(REST, _("the rest (Other)"))] + [(str(t.pk), t.headline) for t in page.themes]
    for t in page.themes:
        t.edit_form = stash.form_for(
            rejected, f"theme-{t.pk}", ThemeForm, prefix=f"t{t.pk}", initial={"headline": t.headline, "label": t.label}
        )
        t.merge_form = stash.form_for(rejected, f"merge-{t.pk}", MergeForm, prefix=f"m{t.pk}", themes=t.others)
        t.selection_form = stash.form_for(
            rejected, f"selection-{t.pk}", SelectionForm, prefix=f"s{t.pk}", statements=t.statement_list
        )
        t.selected = stash.selected(rejected, f"selection-{t.pk}", f"s{t.pk}-statements")
        t.destinations = [d for d in destinations if d[0] != str(t.pk)]
        t.proposal_phrases = proposal_phrases(t.proposal)
        t.line_form = stash.form_for(
            rejected, f"line-{t.pk}", OwnLineForm, prefix=f"p{t.pk}", statements=t.statement_list
        )
        t.line_selected = stash.selected(rejected, f"line-{t.pk}", f"p{t.pk}-sources")
        for p in t.point_list:
            p.edit_form = stash.form_for(
                rejected, f"point-{p.pk}", PointForm, prefix=f"pt{p.pk}", initial={"text": p.text}
            )
    for p in page.rest_points:
        p.edit_form = stash.form_for(rejected, f"point-{p.pk}", PointForm, prefix=f"pt{p.pk}", initial={"text": p.text})
    covered = coverage.section(consultation, page.section.area, page.section.question)
    for m in covered.missing:
        # The section's own move form (views.themes.selection), one statement at a time.
        m.source = str(m.theme.pk) if m.theme else REST
        m.destinations = [d for d in destinations if d[0] != m.source]
    for q in page.quotes:
        q.edit_form = stash.form_for(rejected, f"quote-{q.pk}", QuoteForm, prefix=f"q{q.pk}", initial={"text": q.text})
    context = {
        "consultation": consultation,
        "page": page,
        "area": page.section.area,
        "question": page.section.question,
        "questions": list(consultation.questions.all()),
        "rest_form": stash.form_for(rejected, f"selection-{REST}", SelectionForm, prefix="srest", statements=page.rest),
        "rest_selected": stash.selected(rejected, f"selection-{REST}", "srest-statements"),
        "rest_destinations": destinations[1:],
        "rest_line_form": stash.form_for(rejected, f"line-{REST}", OwnLineForm, prefix="prest", statements=page.rest),
        "rest_line_selected": stash.selected(rejected, f"line-{REST}", "prest-sources"),
        "new_theme_form": stash.form_for(rejected, "new-theme", NewThemeForm, prefix="new", statements=page.statements),
        "new_theme_selected": stash.selected(rejected, "new-theme", "new-statements"),
        "rejected_key": (rejected or {}).get("key", ""),
        "can_publish": request.user.has_perm("samrad.publish", consultation),
        "coverage": covered,
    }
    return render(request, "review/section.html", context)


@guard("samrad.review")
def download(request, consultation, fmt):
    if fmt not in downloads.FORMATS:
        raise Http404
    content, content_type, filename = downloads.make(consultation, fmt)
    Actor(user=request.user).record("review.export", consultation, format=fmt, bytes=len(content))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@guard("samrad.view_feedback")
def feedback(request, consultation):
    rows = Feedback.objects.filter(consultation=consultation)
    tallies = (
        rows.values("page")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)), n=Count("pk"))
        .order_by("-n", "page")
    )
    totals = rows.aggregate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
    comments = Paginator(rows.exclude(comment="").order_by("-created_at", "-pk"), 50)
    return render(
        request,
        "review/feedback.html",
        {
            "consultation": consultation,
            "tallies": tallies,
            "totals": totals,
            "comments": comments.get_page(request.GET.get("sida")),
        },
    )


# Why a language model's phrase was dropped (samrad.synthesis.llm.check), in words an analyst reads.
DROPPED = {
    "empty": gettext_lazy("it is empty"),
    "no_sources": gettext_lazy("it cites no statements"),
    "invented_source": gettext_lazy("it cites statements that are not in this theme"),
    "personal_data": gettext_lazy("it holds personal data"),
    "length": gettext_lazy("it is too long or too short"),
    "language": gettext_lazy("it is in another language"),
    "unsupported": gettext_lazy("the statements it cites do not say it"),
}


def proposal_phrases(proposal: dict) -> list[dict]:
    """The proposal's headline and examples in order, each with the value its button posts and why it was
    dropped, if it was."""
    if not proposal or proposal.get("error"):
        return []
    out = []
    phrases = [("headline", _("Headline"), proposal.get("headline"))]
    phrases += [(f"example-{i}", _("Example"), x) for i, x in enumerate(proposal.get("examples") or [])]
    for use, what, phrase in phrases:
        if phrase:
            reason = DROPPED.get(phrase.get("reason") or "", phrase.get("reason") or "")
            out.append({**phrase, "use": use, "what": what, "reason_label": reason})
    return out

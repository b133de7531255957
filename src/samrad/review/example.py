"""Demo stages: the analysis of the example, and an analyst's review played by `samrad demo`.

The review stage is marked as done by the demo everywhere it leaves a trace (the audit log's actor is
"samrad demo", and so is the name on every status change). It keeps samrad's themes as they are, approves
one or two quotes per area for the attractiveness and sustainability questions, and publishes every area
that has enough participants. The consultation's own status is left alone ("analysing"), so the public page
still says that the texts are being worked on.
"""

from pathlib import Path

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation, Question
from samrad.publication.thresholds import area_statuses

from . import ingest
from .actions import Actor, areas, quotes
from .models import AreaReview, Quote

ACTOR = Actor(label="samrad demo")
QUOTES_PER_GROUP = 2
QUOTE_KINDS = (Question.Kind.ATTRACTIVENESS, Question.Kind.SUSTAINABILITY)
PLACEHOLDERS = ("[namn]", "[e-post]", "[telefon]", "[personnummer]", "[adress]")


def run_analysis(consultation: Consultation, directory: Path) -> str:
    run = ingest.analyse(consultation, label=ACTOR.label)
    ACTOR.record("review.analysis.run", consultation, run, counts=run.counts)
    c = run.counts
    return _("%(sections)d sections, %(themes)d themes, %(share)s %% in the rest") % {
        "sections": c.get("sections", c.get("groups", 0)),
        "themes": c.get("themes", 0),
        "share": number_format(100 * c.get("rest_share", 0), 1),
    }


def play_analyst(consultation: Consultation, directory: Path) -> str:
    approved = published = 0
    for status in area_statuses(consultation):
        if status.withheld:
            continue
        for question in consultation.questions.filter(kind__in=QUOTE_KINDS):
            approved += _approve_quotes(status.area, question)
        review = areas.review_for(status.area)
        if review.status != AreaReview.Status.PUBLISHED:
            areas.set_status(status.area, AreaReview.Status.PUBLISHED, by=ACTOR)
        published += 1
    return _("%(areas)d areas published, %(quotes)d quotes approved (by the demo, not a person)") % {
        "areas": published,
        "quotes": approved,
    }


def _approve_quotes(area, question) -> int:
    """Keep what is already approved; otherwise take samrad's best candidates that mask nobody."""
    group = Quote.objects.filter(area=area, question=question)
    already = group.filter(status=Quote.Status.APPROVED).count()
    if already:
        return already
    candidates = [
        q
        for q in group.filter(status=Quote.Status.CANDIDATE).order_by("order", "-score", "pk")
        if not any(p in q.text for p in PLACEHOLDERS) and not quotes.findings(q)
    ]
    for quote in candidates[:QUOTES_PER_GROUP]:
        quotes.set_status(quote, Quote.Status.APPROVED, by=ACTOR)
    return min(len(candidates), QUOTES_PER_GROUP)

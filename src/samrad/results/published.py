"""What the public may see, computed once on the server and used by every output format alike:
the results page, the static site, JSON, CSV, DOCX and PDF.

Publication rules applied here, and only here:
- an area below the plan's minimum of distinct participants is withheld: its notice replaces its content;
- an area whose summary is not published shows no summary text;
- only themes included by analysts, their points, the rest line and approved quotes (redacted text) appear;
- counts broken down by municipality or role are suppressed below the same minimum.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max
from django.utils import timezone

from samrad.consultations.models import Consultation, Question
from samrad.review.models import AreaReview, Point, Quote, Theme

from .thresholds import area_statuses, minimum_for, suppress

QUOTE_KINDS = {Question.Kind.ATTRACTIVENESS, Question.Kind.SUSTAINABILITY}


@dataclass
class ThemeLine:
    headline: str
    points: list[str] = field(default_factory=list)


@dataclass
class Section:
    question_slug: str
    question_kind: str
    heading: str
    themes: list[ThemeLine] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.themes or self.rest or self.quotes)

    @property
    def display_heading(self) -> str:
        """The reference page says "Utvalt exempel" over a single quote and "Utvalda exempel" over several."""
        if len(self.quotes) == 1 and self.heading.startswith("Utvalda exempel"):
            return "Utvalt exempel" + self.heading[len("Utvalda exempel") :]
        return self.heading


@dataclass
class PublishedArea:
    slug: str
    name: str
    withheld: bool
    published: bool  # the analysts published its summary
    sections: list[Section] = field(default_factory=list)


@dataclass
class CountRow:
    label: str
    count: int | None  # None: suppressed (below the minimum)


@dataclass
class PublishedSummary:
    consultation: Consultation
    minimum: int
    withheld_text: str
    followup_text: str
    banner: str  # empty when every text is final
    last_updated: datetime | None
    areas: list[PublishedArea]
    by_role: list[CountRow]
    by_municipality: list[CountRow]
    total_participants: int


def build(consultation: Consultation) -> PublishedSummary:
    rule = getattr(consultation, "publication_rule", None)
    minimum = minimum_for(consultation)
    reviews = {r.area_id: r for r in AreaReview.objects.filter(consultation=consultation)}
    questions = list(consultation.questions.all())
    areas = []
    for status in area_statuses(consultation):
        review = reviews.get(status.area.pk)
        published = bool(review and review.status == AreaReview.Status.PUBLISHED)
        area = PublishedArea(status.area.slug, status.area.name, status.withheld, published)
        if published and not status.withheld:
            area.sections = [s for s in (_section(status.area, q) for q in questions) if not s.empty]
        areas.append(area)
    all_final = all(a.published or a.withheld for a in areas)
    results_final = consultation.status in (Consultation.Status.PUBLISHED, Consultation.Status.CLOSED)
    banner = "" if (all_final and results_final) else (rule.processing_banner if rule else "")
    by_role, by_municipality, total = _participation(consultation, minimum)
    return PublishedSummary(
        consultation=consultation,
        minimum=minimum,
        withheld_text=rule.withheld_text if rule else "",
        followup_text=rule.followup_text if rule else "",
        banner=banner,
        last_updated=_last_updated(consultation, reviews.values()),
        areas=areas,
        by_role=by_role,
        by_municipality=by_municipality,
        total_participants=total,
    )


def _section(area, question) -> Section:
    section = Section(question.slug, question.kind, question.label)
    if question.kind in QUOTE_KINDS:
        section.quotes = list(
            Quote.objects.filter(area=area, question=question, status=Quote.Status.APPROVED)
            .order_by("order", "pk")
            .values_list("text", flat=True)
        )
        return section
    themes = Theme.objects.filter(area=area, question=question, published=True).prefetch_related("points")
    for theme in themes.order_by("order", "pk"):
        points = [p.text for p in sorted(theme.points.all(), key=lambda p: (p.order, p.pk))]
        section.themes.append(ThemeLine(theme.headline, points))
    section.rest = list(
        Point.objects.filter(area=area, question=question, theme=None)
        .order_by("order", "pk")
        .values_list("text", flat=True)
    )
    return section


def _last_updated(consultation, reviews) -> datetime | None:
    stamps = [r.published_at for r in reviews if r.published_at]
    for model in (Theme, Point, Quote):
        stamp = model.objects.filter(consultation=consultation).aggregate(m=Max("updated_at"))["m"]
        if stamp:
            stamps.append(stamp)
    return max(stamps) if stamps else None


def _participation(consultation, minimum: int):
    """Distinct participants by role category and municipality, from registrations and respondents."""
    from samrad.results.participation import participation_counts

    counts = participation_counts(consultation)
    by_role = [CountRow(label, suppress(n, minimum)) for label, n in counts.by_role]
    by_municipality = [CountRow(label, suppress(n, minimum)) for label, n in counts.by_municipality]
    return by_role, by_municipality, counts.total


def now() -> datetime:
    return timezone.now()

"""What the workspace pages show, read from the database in a few queries: the overview's counts per area and
question, and one section's themes, statements, points, rest and quotes with their support and what is new."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from samrad.consultations.models import Area, Consultation, Question
from samrad.intake.models import Contribution
from samrad.publication import api as publication
from samrad.publication.summary import QUOTE_KINDS
from samrad.publication.thresholds import AreaStatus, area_statuses

from . import draft, ingest
from .actions import Section
from .actions.quotes import findings
from .models import AnalysisRun, AreaReview, Point, Quote, Statement, Theme


@dataclass
class Support:
    statements: int = 0
    people: int = 0  # distinct participants, respondents, or single contributions without an author
    groups: int = 0  # distinct discussion groups (facilitators' notes)


@dataclass
class Novelty:
    """What the latest run found that the one before it had not."""

    run: AnalysisRun | None
    previous: AnalysisRun | None

    def is_new(self, obj) -> bool:
        return bool(self.run and self.previous and obj.first_run_id == self.run.pk)


def novelty(consultation: Consultation) -> Novelty:
    run = ingest.latest_run(consultation)
    return Novelty(run, ingest.previous_run(run))


# -- the overview ---------------------------------------------------------------------------------


@dataclass
class Cell:
    question: Question
    statements: int = 0
    themes: int = 0
    included: int = 0
    rest: int = 0
    rest_points: int = 0
    candidates: int = 0
    approved: int = 0
    new_statements: int = 0
    new_themes: int = 0
    new_quotes: int = 0

    @property
    def new(self) -> int:
        return self.new_statements + self.new_themes + self.new_quotes


@dataclass
class AreaRow:
    status: AreaStatus
    review: AreaReview | None
    cells: list[Cell] = field(default_factory=list)
    changes: int = 0  # lines the draft changes against the published version (published areas only)

    @property
    def area(self) -> Area:
        return self.status.area


def overview(consultation: Consultation) -> tuple[list[AreaRow], int]:
    """Areas in plan order with a cell per question; and how many statements have no area or question."""
    new = novelty(consultation)
    new_run = new.run.pk if new.run and new.previous else -1
    questions = list(consultation.questions.all())
    counts: dict[tuple, Cell] = {}

    def cell(area_id, question_id) -> Cell:
        key = (area_id, question_id)
        if key not in counts:
            counts[key] = Cell(question=next(q for q in questions if q.pk == question_id))
        return counts[key]

    new = Count("pk", filter=Q(first_run_id=new_run))
    statements = Statement.objects.filter(consultation=consultation, stale=False)
    _count_per_section(
        statements, cell, statements=Count("pk"), rest=Count("pk", filter=Q(theme=None)), new_statements=new
    )
    themes = Theme.objects.filter(consultation=consultation)
    _count_per_section(themes, cell, themes=Count("pk"), included=Count("pk", filter=Q(published=True)), new_themes=new)
    candidate, approved = Q(status=Quote.Status.CANDIDATE), Q(status=Quote.Status.APPROVED)
    quotes = Quote.objects.filter(consultation=consultation)
    _count_per_section(
        quotes, cell, candidates=Count("pk", filter=candidate), approved=Count("pk", filter=approved), new_quotes=new
    )
    _count_per_section(Point.objects.filter(consultation=consultation, theme=None), cell, rest_points=Count("pk"))

    reviews = {r.area_id: r for r in AreaReview.objects.filter(consultation=consultation)}
    rows = []
    for status in area_statuses(consultation):
        row = AreaRow(status, reviews.get(status.area.pk))
        row.changes = _unpublished_changes(row.review, status.area)
        row.cells = [counts.get((status.area.pk, q.pk)) or Cell(question=q) for q in questions]
        rows.append(row)
    unplaced = Statement.objects.filter(consultation=consultation, stale=False).filter(
        Q(area__isnull=True) | Q(question__isnull=True)
    )
    return rows, unplaced.count()


def _count_per_section(queryset, cell, **counts: Count) -> None:
    """Count ``queryset`` per section (area × question) in one query, into the Cell fields the keywords name."""
    rows = (
        queryset.filter(area__isnull=False, question__isnull=False).values("area_id", "question_id").annotate(**counts)
    )
    for row in rows:
        c = cell(row["area_id"], row["question_id"])
        for name in counts:
            setattr(c, name, row[name])


def _unpublished_changes(review: AreaReview | None, area: Area) -> int:
    if review is None or review.status != AreaReview.Status.PUBLISHED:
        return 0
    return len(publication.pending_changes(area).changes)


# -- one section ----------------------------------------------------------------------------------


@dataclass
class SectionPage:
    section: Section
    status: AreaStatus
    review: AreaReview | None
    themes: list[Theme]
    rest: list[Statement]  # statements in no theme
    rest_points: list[Point]
    quotes: list[Quote]
    statements: list[Statement]  # all of the section's, for the own-theme form
    novelty: Novelty
    changes: int = 0  # lines the draft changes against the published version
    preview: object = None  # what the public page would show for this section (samrad.publication.summary.Section)
    new_statements: int = 0
    new_themes: int = 0
    new_quotes: int = 0

    @property
    def quotes_published(self) -> bool:
        """The public page shows quotes for attractiveness and sustainability, themes for the other questions."""
        return self.section.question.kind in QUOTE_KINDS


def section_page(section: Section) -> SectionPage:
    new = novelty(section.consultation)
    statements = list(
        section.statements()
        .select_related(
            "contribution__event",
            "contribution__group__round",
            "contribution__role_category",
            "contribution__municipality",
        )
        .order_by("contribution__received_at", "contribution_id", "start")
    )
    for s in statements:
        s.is_new = new.is_new(s)
    by_theme: dict[int | None, list[Statement]] = defaultdict(list)
    for s in statements:
        by_theme[s.theme_id].append(s)
    by_pk = {s.pk: s for s in statements}

    points = list(Point.objects.filter(**section.scope).prefetch_related("sources").order_by("order", "pk"))
    points_by_theme: dict[int | None, list[Point]] = defaultdict(list)
    for p in points:
        # Sources as loaded above (with their contributions); a stale source is loaded on its own.
        p.source_list = [by_pk.get(s.pk, s) for s in p.sources.all()]
        p.stale_sources = [s for s in p.source_list if s.stale]
        points_by_theme[p.theme_id].append(p)

    themes = list(section.themes().select_related("headline_statement__contribution"))
    for t in themes:
        t.statement_list = by_theme.get(t.pk, [])
        t.point_list = points_by_theme.get(t.pk, [])
        t.support = support(t.statement_list)
        t.is_new = new.is_new(t)
        t.new_statements = sum(1 for s in t.statement_list if s.is_new)
        t.others = [o for o in themes if o.pk != t.pk]
        t.headline_source = by_pk.get(t.headline_statement_id) if t.headline_statement_id else None
    quotes = list(section.quotes().select_related("statement"))
    for q in quotes:
        q.is_new = new.is_new(q)
        q.findings = findings(q)
        q.source = by_pk.get(q.statement_id, q.statement)
    quoted = {q.statement_id for q in quotes}
    for s in statements:
        s.is_quoted = s.pk in quoted
    status = next(s for s in area_statuses(section.consultation) if s.area.pk == section.area.pk)
    review = AreaReview.objects.filter(area=section.area).first()
    return SectionPage(
        section=section,
        status=status,
        review=review,
        changes=_unpublished_changes(review, section.area),
        themes=themes,
        rest=by_theme.get(None, []),
        rest_points=points_by_theme.get(None, []),
        quotes=quotes,
        statements=statements,
        novelty=new,
        # The very function that makes the snapshot on publishing, so the preview is what would be published.
        preview=draft.section(section.area, section.question),
        new_statements=sum(1 for s in statements if s.is_new),
        new_themes=sum(1 for t in themes if t.is_new),
        new_quotes=sum(1 for q in quotes if q.is_new),
    )


def support(statements: list[Statement]) -> Support:
    people, groups = set(), set()
    for s in statements:
        c = s.contribution
        if c.source == Contribution.Source.GROUP_NOTE:
            groups.add(c.group_id or (c.provenance or {}).get("example_group") or f"contribution:{c.pk}")
        else:
            people.add(c.author_key)
    return Support(statements=len(statements), people=len(people), groups=len(groups))

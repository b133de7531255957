"""Nothing silently lost: which statements the published lines of a section (area × question) represent.

A theme line speaks for every statement in an included theme (its headline sums them up, its points cite
some). The "Övrigt:" line speaks only for the statements its lines cite: the engine proposes a few phrases,
so a rest of 12 statements may show 5. For the questions published as quotes, an approved quote represents
its statement. A duplicate is represented when the statement it repeats is.

Statements no line represents are listed with why, so that the analyst places them on purpose.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from .models import Point, Quote, Statement, Theme
from .workspace import QUOTE_KINDS  # as the workspace imports it from the publication rules


class Reason:
    REST = "rest"  # in the rest, on no Övrigt line
    EXCLUDED = "excluded"  # in a theme left out of the summary
    NOT_QUOTED = "not_quoted"  # a quote question: no approved quote


@dataclass
class Missing:
    statement: Statement
    reason: str
    theme: Theme | None = None


@dataclass
class Coverage:
    area: object
    question: object
    quotes: bool  # the question is published as quotes
    total: int = 0
    represented: int = 0
    rest_total: int = 0  # statements in the rest
    rest_shown: int = 0  # of those, cited by an Övrigt line (or repeating a represented one)
    missing: list[Missing] = field(default_factory=list)

    @property
    def left_out(self) -> int:
        return self.total - self.represented

    @property
    def rest_hidden(self) -> int:
        return self.rest_total - self.rest_shown


def for_consultation(consultation) -> list[Coverage]:
    """Every area × question that has statements, in plan order (a few queries for the whole consultation)."""
    questions = {q.pk: q for q in consultation.questions.all()}
    areas = {a.pk: a for a in consultation.areas.all()}
    live = Statement.objects.filter(consultation=consultation, stale=False, area__isnull=False, question__isnull=False)
    by_section = defaultdict(list)
    for st in live.order_by("contribution_id", "start"):
        by_section[st.area_id, st.question_id].append(st)
    themes = {t.pk: t for t in Theme.objects.filter(consultation=consultation)}
    cited = defaultdict(lambda: defaultdict(set))  # (area, question) -> theme id (None: the rest) -> statements
    for area_id, question_id, theme_id, statement_id in Point.sources.through.objects.filter(
        point__consultation=consultation
    ).values_list("point__area_id", "point__question_id", "point__theme_id", "statement_id"):
        cited[area_id, question_id][theme_id].add(statement_id)
    approved = set(
        Quote.objects.filter(consultation=consultation, status=Quote.Status.APPROVED).values_list(
            "statement_id", flat=True
        )
    )
    ordered = sorted(by_section, key=lambda k: (areas[k[0]].order, k[0], questions[k[1]].order, k[1]))
    return [_count(areas[a], questions[q], by_section[a, q], themes, cited[a, q], approved) for a, q in ordered]


def section(consultation, area, question) -> Coverage:
    scope = {"consultation": consultation, "area": area, "question": question}
    statements = list(Statement.objects.filter(**scope, stale=False).order_by("contribution_id", "start"))
    themes = {t.pk: t for t in Theme.objects.filter(**scope)}
    cited = defaultdict(set)
    for theme_id, statement_id in Point.sources.through.objects.filter(
        point__area=area, point__question=question, point__consultation=consultation
    ).values_list("point__theme_id", "statement_id"):
        cited[theme_id].add(statement_id)
    approved = set(Quote.objects.filter(**scope, status=Quote.Status.APPROVED).values_list("statement_id", flat=True))
    return _count(area, question, statements, themes, cited, approved)


def _count(area, question, statements: list[Statement], themes: dict, cited: dict, approved: set) -> Coverage:
    """cited: theme id (None: the rest) -> the statements its points rest on; approved: approved quotes'
    statements."""
    cov = Coverage(area, question, question.kind in QUOTE_KINDS, total=len(statements))
    if cov.quotes:
        direct = approved
    else:
        included = {pk for pk, t in themes.items() if t.published}
        direct = {s.pk for s in statements if s.theme_id in included} | cited.get(None, set())
        for theme_id, sources in cited.items():
            if theme_id in included:
                direct |= sources
        rest = [s for s in statements if s.theme_id is None]
        cov.rest_total = len(rest)
        # A rest statement repeating one that a line represents is not lost either.
        cov.rest_shown = sum(1 for s in rest if _represented(s, direct))
    for s in statements:
        if _represented(s, direct):
            cov.represented += 1
        elif cov.quotes:
            cov.missing.append(Missing(s, Reason.NOT_QUOTED))
        elif s.theme_id is None:
            cov.missing.append(Missing(s, Reason.REST))
        else:
            cov.missing.append(Missing(s, Reason.EXCLUDED, themes.get(s.theme_id)))
    return cov


def _represented(statement: Statement, direct: set[int]) -> bool:
    return statement.pk in direct or (statement.duplicate_of_id is not None and statement.duplicate_of_id in direct)

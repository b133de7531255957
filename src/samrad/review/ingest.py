"""Run the synthesis engine over a consultation's contributions and merge its proposal into the workspace.

The merge keeps every analyst decision:
- a statement an analyst moved stays where they put it;
- a theme an analyst touched (renamed, rewrote, merged, split, changed points) is never rewritten;
- a quote keeps its status and any edited text.
What is new since the last run (statements, themes, quote candidates) is marked with the run that found it.
"""

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from samrad.consultations.models import Consultation
from samrad.intake.models import Contribution

from .models import AnalysisRun, Origin, Point, Quote, Statement, Theme

# A machine theme continues an existing theme when it shares at least this share of its statements with it.
CONTINUES_AT = 0.3
REST_POINTS = 3


def records_for(consultation: Consultation):
    """The engine's input: one record per contribution, with its area and question slugs and author key."""
    from samrad.synthesis.model import Record

    rows = Contribution.objects.filter(consultation=consultation).select_related("area", "question").order_by("pk")
    return [
        Record(
            id=str(c.pk),
            text=c.raw_text,
            area=c.area.slug if c.area else None,
            question=c.question.slug if c.question else None,
            author=c.author_key,
        )
        for c in rows
    ]


def analyse(
    consultation: Consultation, *, params=None, user=None, progress: Callable[[str], None] | None = None
) -> AnalysisRun:
    from samrad.synthesis import Params, synthesise

    params = params or Params(lang="sv")
    records = records_for(consultation)
    result = synthesise(records, params)
    return merge(consultation, result.to_dict(), user=user)


@transaction.atomic
def merge(consultation: Consultation, data: dict, *, user=None) -> AnalysisRun:
    run = AnalysisRun.objects.create(
        consultation=consultation,
        started_by=user if getattr(user, "is_authenticated", False) else None,
        params=data.get("params", {}),
        backend=data.get("backend", ""),
        counts=data.get("counts", {}),
        warnings=data.get("warnings", []),
    )
    first_run = not AnalysisRun.objects.filter(consultation=consultation).exclude(pk=run.pk).exists()
    statements = _upsert_statements(consultation, data, run)
    areas = {a.slug: a for a in consultation.areas.all()}
    questions = {q.slug: q for q in consultation.questions.all()}
    for group in data.get("groups", []):
        area, question = areas.get(group.get("area") or ""), questions.get(group.get("question") or "")
        _merge_group(consultation, area, question, group, statements, run)
    run.new_statements = 0 if first_run else Statement.objects.filter(consultation=consultation, first_run=run).count()
    run.new_themes = 0 if first_run else Theme.objects.filter(consultation=consultation, first_run=run).count()
    run.finished_at = timezone.now()
    run.save()
    return run


def _upsert_statements(consultation, data: dict, run: AnalysisRun) -> dict[str, Statement]:
    """Engine statement id → Statement row (created or found by contribution and span)."""
    contributions = {
        c.pk: c for c in Contribution.objects.filter(consultation=consultation).only("pk", "area_id", "question_id")
    }
    existing = {(s.contribution_id, s.start, s.end): s for s in Statement.objects.filter(consultation=consultation)}
    by_engine_id: dict[str, Statement] = {}
    to_create, to_update = [], []
    for s in data.get("statements", []):
        contribution = contributions.get(int(s["record_id"]))
        if contribution is None:
            continue
        key = (contribution.pk, s["span"][0], s["span"][1])
        row = existing.get(key)
        if row is None:
            row = Statement(
                consultation=consultation,
                contribution=contribution,
                start=key[1],
                end=key[2],
                text=s["text"],
                lang=s.get("lang", ""),
                area_id=contribution.area_id,
                question_id=contribution.question_id,
                first_run=run,
                last_run=run,
            )
            to_create.append(row)
        else:
            row.text, row.last_run = s["text"], run
            to_update.append(row)
        by_engine_id[s["id"]] = row
    Statement.objects.bulk_create(to_create, batch_size=1000)
    Statement.objects.bulk_update(to_update, ["text", "last_run"], batch_size=1000)
    if to_create and not to_create[0].pk:  # backends that do not return ids from bulk inserts
        fresh = {(s.contribution_id, s.start, s.end): s for s in Statement.objects.filter(first_run=run)}
        for engine_id, row in list(by_engine_id.items()):
            if row.pk is None:
                by_engine_id[engine_id] = fresh[(row.contribution_id, row.start, row.end)]
    duplicate_of = {}
    for dup in data.get("duplicates", []):
        kept = by_engine_id.get(dup["statement_id"])
        for member in dup.get("members", []):
            if kept is not None and member in by_engine_id:
                duplicate_of[by_engine_id[member].pk] = kept.pk
    for row in by_engine_id.values():
        wanted = duplicate_of.get(row.pk)
        if row.duplicate_of_id != wanted:
            Statement.objects.filter(pk=row.pk).update(duplicate_of_id=wanted)
    return by_engine_id


def _merge_group(consultation, area, question, group: dict, statements: dict[str, Statement], run) -> None:
    existing = list(Theme.objects.filter(consultation=consultation, area=area, question=question))
    members: dict[int, set[int]] = defaultdict(set)
    for theme_id, statement_id in Statement.objects.filter(theme__in=existing).values_list("theme_id", "pk"):
        members[theme_id].add(statement_id)
    by_id = {t.pk: t for t in existing}
    next_order = max((t.order for t in existing), default=-1) + 1
    for order, machine in enumerate(group.get("themes", [])):
        rows = [statements[i] for i in machine["statement_ids"] if i in statements]
        ids = {s.pk for s in rows}
        overlap = Counter(t for t, m in members.items() for s in ids if s in m)
        theme = None
        if overlap:
            best, shared = overlap.most_common(1)[0]
            if shared >= max(1, CONTINUES_AT * len(ids)):
                theme = by_id[best]
        headline = statements.get(machine["headline"]["statement_id"])
        if theme is None:
            theme = Theme.objects.create(
                consultation=consultation,
                area=area,
                question=question,
                label=machine["label"],
                keywords=machine["keywords"],
                headline=machine["headline"]["text"],
                headline_statement=headline,
                order=order if not existing else next_order,
                first_run=run,
            )
            next_order += 1
            by_id[theme.pk] = theme
            _seed_points(theme, machine["points"], statements)
        elif not theme.edited and theme.origin == Origin.MACHINE:
            theme.label, theme.keywords, theme.headline = (
                machine["label"],
                machine["keywords"],
                machine["headline"]["text"],
            )
            theme.headline_statement = headline
            theme.save()
            theme.points.filter(origin=Origin.MACHINE).delete()
            _seed_points(theme, machine["points"], statements)
        Statement.objects.filter(pk__in=ids).exclude(assigned_by=Origin.ANALYST).update(theme=theme)
        members[theme.pk] |= ids
    rest = [statements[i] for i in group.get("rest", {}).get("statement_ids", []) if i in statements]
    Statement.objects.filter(pk__in=[s.pk for s in rest]).exclude(assigned_by=Origin.ANALYST).update(theme=None)
    if not Point.objects.filter(consultation=consultation, area=area, question=question, theme=None).exists():
        _seed_rest_points(consultation, area, question, rest)
    for order, q in enumerate(group.get("quotes", [])):
        statement = statements.get(q["statement_id"])
        if statement is None:
            continue
        quote, created = Quote.objects.get_or_create(
            statement=statement,
            defaults={
                "consultation": consultation,
                "area": area,
                "question": question,
                "original": q["original"],
                "text": q["text"],
                "redactions": q["redactions"],
                "shortened": q["shortened"],
                "score": q["score"],
                "order": order,
                "first_run": run,
            },
        )
        if not created and not quote.edited:
            quote.original, quote.text, quote.redactions = q["original"], q["text"], q["redactions"]
            quote.shortened, quote.score = q["shortened"], q["score"]
            quote.save()


def _seed_points(theme: Theme, points: list[dict], statements: dict[str, Statement]) -> None:
    for order, p in enumerate(points):
        point = Point.objects.create(
            consultation=theme.consultation,
            area=theme.area,
            question=theme.question,
            theme=theme,
            text=p["text"],
            order=order,
        )
        if p["statement_id"] in statements:
            point.sources.add(statements[p["statement_id"]])


def _seed_rest_points(consultation, area, question, rest: list[Statement]) -> None:
    """Propose a few readable rest statements for the "Övrigt:" line; analysts choose what stays."""
    readable = sorted(
        (s for s in rest if 25 <= len(s.text) <= 220 and s.duplicate_of_id is None),
        key=lambda s: (abs(len(s.text) - 90), s.pk),
    )
    for order, statement in enumerate(readable[:REST_POINTS]):
        point = Point.objects.create(
            consultation=consultation, area=area, question=question, theme=None, text=statement.text, order=order
        )
        point.sources.add(statement)

"""Run the synthesis engine over a consultation's contributions and merge its proposal into the workspace.

Raw contributions are only read. The merge keeps every analyst decision:
- a statement an analyst moved stays where they put it;
- a theme an analyst touched (renamed, rewrote, merged, split, changed points) is never rewritten;
- a quote keeps its status, and an edited or decided (approved/rejected) quote keeps its text;
- an area in review or published is frozen: its themes, points and rest line are not rewritten and its
  statements stay where they are; only new statements are placed, and new themes arrive excluded from the
  summary, so nothing reaches the public page without an analyst;
- in a draft area the machine's proposal is refreshed freely where no analyst has touched it.
What is new since the previous run (statements, themes, quote candidates) is marked with the run that found it.
"""

import datetime as dt
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from samrad.consultations.models import Consultation
from samrad.intake.models import Contribution

from . import privacy
from .models import AnalysisRun, AreaReview, Origin, Point, Quote, Statement, Theme

# A machine theme continues an existing theme when it shares at least this share of its statements with it.
CONTINUES_AT = 0.3
REST_POINTS = 3
# A run that has not finished after this long is taken to have died (a new one may start).
RUN_TIMEOUT = dt.timedelta(minutes=30)

Progress = Callable[[str, int, int], None]


def records_for(consultation: Consultation) -> tuple[list, list[int]]:
    """The engine's input, one record per contribution (area and question slugs, author key), and the
    contribution behind each record. Records are numbered by position and authors renamed by first appearance,
    so the same answers give the same input (and the same result) whatever their database ids."""
    from samrad.synthesis.model import Record

    rows = Contribution.objects.filter(consultation=consultation).select_related("area", "question").order_by("pk")
    authors: dict[str, str] = {}
    records = [
        Record(
            id=str(i),
            text=c.raw_text,
            area=c.area.slug if c.area else None,
            question=c.question.slug if c.question else None,
            author=authors.setdefault(c.author_key, f"a{len(authors)}"),
        )
        for i, c in enumerate(rows)
    ]
    return records, [c.pk for c in rows]


def running(consultation: Consultation) -> AnalysisRun | None:
    """A run that has started and not finished (and is not so old that it must have died)."""
    since = timezone.now() - RUN_TIMEOUT
    return AnalysisRun.objects.filter(consultation=consultation, finished_at=None, started_at__gte=since).first()


def latest_run(consultation: Consultation) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(consultation=consultation, error="").exclude(finished_at=None).first()


def previous_run(run: AnalysisRun | None) -> AnalysisRun | None:
    if run is None:
        return None
    return (
        AnalysisRun.objects.filter(consultation=run.consultation, error="", started_at__lte=run.started_at)
        .exclude(finished_at=None)
        .exclude(pk=run.pk)
        .first()
    )


def default_params(consultation: Consultation | None = None):
    """The engine's parameters: Swedish pages, messages in the user's language, the consultation's own place
    names kept by the redactor, and the organisation's language model when an administrator configured one
    (SAMRAD_LLM_ENDPOINT; otherwise nothing leaves the machine)."""
    from samrad.synthesis import LLMConfig, Params

    messages = "en" if (translation.get_language() or "sv").startswith("en") else "sv"
    llm = None
    if settings.SAMRAD_LLM_ENDPOINT:
        llm = LLMConfig(
            url=settings.SAMRAD_LLM_ENDPOINT,
            model=settings.SAMRAD_LLM_MODEL or "default",
            api_key=settings.SAMRAD_LLM_API_KEY or None,
        )
    return Params(lang="sv", messages=messages, llm=llm, protected=protected_names(consultation))


def protected_names(consultation: Consultation | None) -> tuple[str, ...]:
    """Names of the consultation's own municipalities and event places: never a person's name."""
    if consultation is None:
        return ()
    names = {m.name for m in consultation.municipalities.all()}
    names |= {e.place for e in consultation.events.exclude(place="") if len(e.place) <= 80}
    return tuple(sorted(n for n in names if n))


def analyse(
    consultation: Consultation,
    *,
    params=None,
    user=None,
    label: str = "",
    progress: Progress | None = None,
    run: AnalysisRun | None = None,
) -> AnalysisRun:
    """Run the engine and merge its result. The run is recorded even when the engine fails; `run` is one
    already recorded as started (by the web page, which leaves the work to a background process)."""
    params = params or default_params(consultation)
    if run is None:
        run = AnalysisRun.objects.create(
            consultation=consultation, started_by=_user(user), started_by_label=label, params=params.to_dict()
        )
    recorder = RunProgress(run, progress)
    try:
        records, contributions = records_for(consultation)
        data = _synthesise(records, params, recorder)
        recorder("merge", 0, 0)
        return merge(consultation, data, run=run, record_pks=contributions)
    except Exception as exc:
        AnalysisRun.objects.filter(pk=run.pk).update(
            error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise


class RunProgress:
    """The engine's progress callback: passes each call on (to the command line's progress bar) and records
    the stage and count on the run for the review page, at most every PROGRESS_EVERY seconds per stage."""

    EVERY = 0.5

    def __init__(self, run: AnalysisRun, then: Progress | None = None, clock=time.monotonic) -> None:
        self.run, self.then, self.clock = run, then, clock
        self.stage, self.last = "", float("-inf")

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.then is not None:
            self.then(stage, done, total)
        now = self.clock()
        if stage == self.stage and now - self.last < self.EVERY and done < total:
            return
        self.stage, self.last = stage, now
        AnalysisRun.objects.filter(pk=self.run.pk).update(
            stage=stage[:20], stage_done=max(0, done), stage_total=max(0, total)
        )


def embedding_cache():
    """The e5 vectors of earlier runs (var/cache/embeddings-*.sqlite): a re-run embeds only new statements.
    Hashes and vectors only; `samrad purge` drops those whose statement is gone (review/embeddings.py)."""
    from samrad.synthesis.embcache import SqliteEmbeddingCache

    return SqliteEmbeddingCache(settings.SAMRAD_EMBEDDING_CACHE_DIR)


# The engine is deterministic (same records and params, same result), so an unchanged input is not analysed
# twice in one process: re-running with no new answers is instant, and so are repeated demo and test runs.
_memo: dict[str, dict] = {}


def _synthesise(records, params, progress) -> dict:
    from samrad.synthesis import synthesise

    key = hashlib.sha256(
        json.dumps(
            [params.to_dict(), [(r.text, r.area, r.question, r.author) for r in records]], sort_keys=True
        ).encode()
    ).hexdigest()
    if key not in _memo:
        data = synthesise(records, params, progress=progress, cache=embedding_cache()).to_dict()
        _memo.clear()  # one result is enough: it can be large
        _memo[key] = data
    return _memo[key]


@transaction.atomic
def merge(
    consultation: Consultation, data: dict, *, user=None, label: str = "", run=None, record_pks: list[int] | None = None
) -> AnalysisRun:
    """Merge an engine result (the dict of SCHEMA.md) into the workspace. Its record ids are positions in
    `record_pks` (the contributions analysed) or, without it, contribution ids. `data` is only read."""
    if run is None:
        run = AnalysisRun.objects.create(consultation=consultation, started_by=_user(user), started_by_label=label)
    run.params = data.get("params", run.params)
    run.backend = data.get("backend", "")
    run.counts = data.get("counts", {})
    run.warnings = [_with_contributions(w, record_pks) for w in data.get("warnings", [])]
    earlier = AnalysisRun.objects.filter(consultation=consultation, error="").exclude(finished_at=None)
    first = not earlier.exclude(pk=run.pk).exists()
    statements = _upsert_statements(consultation, data, run, record_pks)
    areas = {a.slug: a for a in consultation.areas.all()}
    questions = {q.slug: q for q in consultation.questions.all()}
    for area in areas.values():
        AreaReview.objects.get_or_create(area=area, defaults={"consultation": consultation})
    frozen_areas = set(
        AreaReview.objects.filter(consultation=consultation)
        .exclude(status=AreaReview.Status.DRAFT)
        .values_list("area_id", flat=True)
    )
    for section in data.get("sections", []):
        area, question = areas.get(section.get("area") or ""), questions.get(section.get("question") or "")
        frozen = area is not None and area.pk in frozen_areas
        _merge_section(consultation, area, question, section, statements, run, frozen)
    if not first:
        run.new_statements = Statement.objects.filter(consultation=consultation, first_run=run).count()
        run.new_themes = Theme.objects.filter(consultation=consultation, first_run=run).count()
        run.new_quotes = Quote.objects.filter(consultation=consultation, first_run=run).count()
    run.finished_at = timezone.now()
    run.save()
    return run


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _contribution_id(record_id: str, record_pks: list[int] | None) -> int | None:
    try:
        return record_pks[int(record_id)] if record_pks is not None else int(record_id)
    except (ValueError, IndexError):
        return None


def _with_contributions(warning: dict, record_pks) -> dict:
    """A warning naming records names the contributions instead."""
    if not warning.get("record_ids"):
        return warning
    return {**warning, "record_ids": [_contribution_id(r, record_pks) for r in warning["record_ids"]]}


def _upsert_statements(consultation, data: dict, run: AnalysisRun, record_pks) -> dict[str, Statement]:
    """Engine statement id → Statement row (created or found by contribution and span)."""
    contributions = {
        c.pk: c for c in Contribution.objects.filter(consultation=consultation).only("pk", "area_id", "question_id")
    }
    existing = {(s.contribution_id, s.start, s.end): s for s in Statement.objects.filter(consultation=consultation)}
    by_engine_id: dict[str, Statement] = {}
    to_create, to_update, seen = [], [], []
    for s in data.get("statements", []):
        contribution = contributions.get(_contribution_id(s["record_id"], record_pks))
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
            seen.append(row.pk)
            changed = (row.text, row.lang) != (s["text"], s.get("lang", row.lang))
            if (row.area_id, row.question_id) != (contribution.area_id, contribution.question_id):
                # The contribution was moved to another area or question: its statements leave their themes.
                row.area_id, row.question_id, row.theme_id = contribution.area_id, contribution.question_id, None
                row.assigned_by = Origin.MACHINE
                changed = True
            if changed:
                row.text, row.lang = s["text"], s.get("lang", row.lang)
                to_update.append(row)
        by_engine_id[s["id"]] = row
    Statement.objects.bulk_create(to_create, batch_size=1000)
    Statement.objects.bulk_update(
        to_update, ["text", "lang", "area", "question", "theme", "assigned_by"], batch_size=500
    )
    for i in range(0, len(seen), 1000):
        Statement.objects.filter(pk__in=seen[i : i + 1000]).update(last_run=run, stale=False)
    if to_create and not to_create[0].pk:  # backends that do not return ids from bulk inserts
        fresh = {(s.contribution_id, s.start, s.end): s for s in Statement.objects.filter(first_run=run)}
        for engine_id, row in list(by_engine_id.items()):
            if row.pk is None:
                by_engine_id[engine_id] = fresh[(row.contribution_id, row.start, row.end)]
    Statement.objects.filter(consultation=consultation).exclude(last_run=run).update(stale=True)
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


def _merge_section(consultation, area, question, section: dict, statements: dict[str, Statement], run, frozen) -> None:
    scope = {"consultation": consultation, "area": area, "question": question}
    existing = list(Theme.objects.filter(**scope))
    by_id = {t.pk: t for t in existing}
    members, movable = _members_and_movable(scope, run, frozen)

    machine = []
    for m in section.get("themes", []):
        machine.append((m, {statements[i].pk for i in m["statement_ids"] if i in statements}))
    continues = _match(machine, members)

    next_order = max((t.order for t in existing), default=-1) + 1
    kept: set[int] = set()
    for index, (m, ids) in enumerate(machine):
        free = ids & movable
        theme = by_id.get(continues.get(index))
        headline = statements.get(m["headline"]["statement_id"])
        if theme is None:
            if not free:
                continue  # everything it found is where an analyst (or a frozen area) keeps it
            theme = Theme.objects.create(
                **scope,
                label=m["label"][:200],
                keywords=m["keywords"],
                headline=m["headline"]["text"],
                headline_statement=headline,
                order=index if not existing else next_order,
                published=not frozen,
                first_run=run,
            )
            next_order += 1
            _seed_points(theme, m["points"], statements, free)
        elif not frozen and not theme.edited and theme.origin == Origin.MACHINE:
            theme.label, theme.keywords, theme.headline = m["label"][:200], m["keywords"], m["headline"]["text"]
            theme.headline_statement = headline
            theme.save()
            theme.points.filter(origin=Origin.MACHINE).delete()
            _seed_points(theme, m["points"], statements, ids)
        proposal = _proposal(m.get("wording"), statements)
        if proposal != theme.proposal:
            Theme.objects.filter(pk=theme.pk).update(proposal=proposal)  # advice only: not an edit of the theme
        kept.add(theme.pk)
        Statement.objects.filter(pk__in=free).update(theme=theme)

    rest = {statements[i].pk for i in section.get("rest", {}).get("statement_ids", []) if i in statements}
    Statement.objects.filter(pk__in=rest & movable).update(theme=None)
    if not frozen:
        _drop_abandoned(existing, kept)
        if not Point.objects.filter(**scope, theme=None).exists():
            _seed_rest_points(scope, section.get("rest", {}).get("points", []), statements, rest)
    _merge_quotes(scope, section.get("quotes", []), statements, run)


def _members_and_movable(scope: dict, run, frozen) -> tuple[dict[int, set[int]], set[int]]:
    """Each theme's current statements, and the statements a new run may move (none an analyst placed; in a
    frozen area only those new in this run)."""
    members: dict[int, set[int]] = defaultdict(set)
    movable: set[int] = set()
    for pk, theme_id, assigned_by, first_run_id in Statement.objects.filter(**scope, stale=False).values_list(
        "pk", "theme_id", "assigned_by", "first_run_id"
    ):
        if theme_id:
            members[theme_id].add(pk)
        if assigned_by != Origin.ANALYST and (not frozen or first_run_id == run.pk):
            movable.add(pk)
    return members, movable


def _drop_abandoned(existing: list[Theme], kept: set[int]) -> None:
    """A machine theme nobody touched that the new run no longer proposes and that lost its statements."""
    for theme in existing:
        untouched = theme.pk not in kept and theme.origin == Origin.MACHINE and not theme.edited
        if untouched and not theme.statements.filter(stale=False).exists():
            theme.delete()


def _merge_quotes(scope: dict, quotes: list[dict], statements: dict[str, Statement], run) -> None:
    """New quote candidates are added; a candidate nobody edited follows the new run's text."""
    for order, q in enumerate(quotes):
        statement = statements.get(q["statement_id"])
        if statement is None:
            continue
        quote, created = Quote.objects.get_or_create(
            statement=statement,
            defaults={
                **scope,
                "original": q["original"],
                "text": q["text"],
                "proposed": q["text"],
                "redactions": q["redactions"],
                "shortened": q["shortened"],
                "score": q["score"],
                "order": order,
                "first_run": run,
            },
        )
        if created:
            continue
        quote.proposed = q["text"]
        if not quote.edited and quote.status == Quote.Status.CANDIDATE:
            quote.original, quote.text, quote.redactions = q["original"], q["text"], q["redactions"]
            quote.shortened, quote.score = q["shortened"], q["score"]
        quote.save()


def _proposal(wording: dict | None, statements: dict[str, Statement]) -> dict:
    """A language model's proposal as the workspace keeps it: each phrase with the statements (rows) it cites.
    Empty when the run asked no model."""
    if not wording:
        return {}

    def phrase(p: dict | None) -> dict | None:
        if not p:
            return None
        pks = [statements[i].pk for i in p.get("statement_ids", []) if i in statements]
        return {
            "text": p.get("text", ""),
            "statements": pks,
            "accepted": bool(p.get("accepted")) and len(pks) == len(p.get("statement_ids", [])),
            "reason": p.get("reason"),
        }

    return {
        "model": wording.get("model", ""),
        "error": wording.get("error"),
        "headline": phrase(wording.get("headline")),
        "examples": [phrase(x) for x in wording.get("examples") or []],
    }


def _match(machine: list[tuple[dict, set[int]]], members: dict[int, set[int]]) -> dict[int, int]:
    """Machine theme index → the existing theme it continues: largest overlaps first, each theme at most once."""
    pairs = []
    for index, (_m, ids) in enumerate(machine):
        for theme_id, theirs in members.items():
            shared = len(ids & theirs)
            if shared and shared >= max(1, CONTINUES_AT * len(ids)):
                pairs.append((-shared, index, theme_id))
    pairs.sort()
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for _shared, index, theme_id in pairs:
        if index not in chosen and theme_id not in taken:
            chosen[index] = theme_id
            taken.add(theme_id)
    return chosen


def _seed_points(theme: Theme, points: list[dict], statements: dict[str, Statement], allowed: set[int]) -> None:
    chosen = [
        (p["text"], statements[p["statement_id"]])
        for p in points
        if p["statement_id"] in statements and statements[p["statement_id"]].pk in allowed
    ]
    rows = Point.objects.bulk_create(
        Point(
            consultation=theme.consultation,
            area=theme.area,
            question=theme.question,
            theme=theme,
            text=text,
            order=order,
        )
        for order, (text, _statement) in enumerate(chosen)
    )
    if rows and rows[0].pk is None:  # backends that do not return ids from bulk inserts
        rows = list(theme.points.filter(origin=Origin.MACHINE).order_by("order", "pk"))
    Point.sources.through.objects.bulk_create(
        Point.sources.through(point_id=row.pk, statement_id=statement.pk)
        for row, (_text, statement) in zip(rows, chosen, strict=True)
    )


def _seed_rest_points(scope: dict, points: list[dict], statements: dict[str, Statement], rest: set[int]) -> None:
    """The engine's short phrases for the "Övrigt:" line; analysts choose what stays. The engine never proposes a
    phrase with personal data; redacting again guards against a result from elsewhere (a replaced stage)."""
    order = 0
    for p in points[:REST_POINTS]:
        statement = statements.get(p.get("statement_id", ""))
        if statement is None or statement.pk not in rest:
            continue
        point = Point.objects.create(**scope, theme=None, text=privacy.redact(p["text"]), order=order)
        point.sources.add(statement)
        order += 1

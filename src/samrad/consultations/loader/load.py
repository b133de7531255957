"""Parse, validate and apply a consultation file in one transaction."""

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DataError, IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from samrad.consultations import models as m

from .errors import LoadError, Problem
from .locate import KeyLocator
from .logo import check_logo, image_kind
from .registry import SECTIONS
from .removals import Removal, find_removals, refusal
from .structure import check_structure, deep_line
from .validate import Ctx, validate


@dataclass
class LoadReport:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    deleted: list[Removal] = field(default_factory=list)  # events and rounds removed with what they held
    warnings: list[Problem] = field(default_factory=list)  # loaded all the same; say them to the user


def load_file(path: str | Path, **options) -> tuple[m.Consultation, LoadReport]:
    """options: allow_delete (remove events that hold registrations, groups or notes), before_delete (called
    with the list of Removals before anything is written, e.g. to make a backup; may raise to stop)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(
            str(path), [Problem("", _("cannot read the file: %(reason)s") % {"reason": exc.strerror or exc})]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(str(path), [Problem("", _("the file is not UTF-8 text. Save it as UTF-8."), line)]) from None
    return load_text(
        text, filename=str(path), source_file=str(path.resolve()), base_dir=path.resolve().parent, **options
    )


def load_text(
    text: str,
    *,
    filename: str = "consultation.toml",
    source_file: str = "",
    base_dir: Path | None = None,
    allow_delete: bool = False,
    before_delete=None,
):
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise LoadError(
            filename,
            [
                Problem(
                    "",
                    _("lists or tables are nested too deeply here. A consultation file needs at most a few levels."),
                    deep_line(text),
                )
            ],
        ) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise LoadError(
            filename,
            [
                Problem(
                    "",
                    _("this is not valid TOML: %(detail)s") % {"detail": str(exc)},
                    int(found.group(1)) if found else None,
                )
            ],
        ) from None
    ctx = Ctx(KeyLocator(text))
    check_structure(data, ctx)
    if ctx.problems:  # too deep or too large to look at any further
        raise LoadError(filename, ctx.problems)
    plan = validate(data, ctx)
    logo = plan["consultation"].get("logo") or ""
    if logo and not re.match(r"^https?://", logo):
        file, problem = check_logo(logo, base_dir)
        if problem:
            ctx.problem("consultation.logo", problem)
        else:
            plan["consultation"]["_logo_file"] = file
    if ctx.problems:
        raise LoadError(filename, ctx.problems)
    removals = find_removals(plan)
    if removals and not allow_delete:
        for removal in removals:
            ctx.problem(*refusal(removal))
        raise LoadError(filename, ctx.problems)
    if removals and before_delete is not None:
        before_delete(removals)
    checksum = hashlib.sha256(text.encode()).hexdigest()
    try:
        with transaction.atomic():
            consultation, report = _apply(plan, ctx, source_file, checksum)
            if ctx.problems:
                raise LoadError(filename, ctx.problems)
    except ProtectedError as exc:
        raise LoadError(
            filename,
            [
                Problem(
                    "",
                    _("cannot remove %(what)s: answers or registrations refer to it. Keep it in the file.")
                    % {"what": ", ".join(sorted({str(o) for o in exc.protected_objects})[:5])},
                )
            ],
        ) from None
    except (DataError, IntegrityError) as exc:
        # The checks above should catch every value the database cannot hold; this is the net under them.
        raise LoadError(
            filename,
            [
                Problem(
                    "",
                    _("the database refused a value (%(error)s). Check lengths and numbers in the file.")
                    % {"error": str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__},
                )
            ],
        ) from None
    report.deleted = removals
    if "privacy" not in data:
        report.warnings.append(
            Problem(
                "privacy",
                _(
                    "there is no [privacy] section, so the record of processing (who is responsible, why, for how "
                    "long) is missing. Add one before anyone signs up; see the example's consultation.toml."
                ),
            )
        )
    return consultation, report


def _apply(plan: dict, ctx: Ctx, source_file: str, checksum: str):
    c = dict(plan["consultation"])
    status = c.pop("status")
    logo_file = c.pop("_logo_file", None)
    if logo_file is not None:
        c["logo"] = store_logo(c["slug"], logo_file)
    consultation, created = m.Consultation.objects.get_or_create(
        slug=c["slug"], defaults={**c, "status": status or "planning"}
    )
    for key, value in c.items():
        setattr(consultation, key, value)
    if status:
        consultation.status = status
    consultation.source_file = source_file
    consultation.source_checksum = checksum
    consultation.save()
    report = LoadReport(created=created)

    m.PublicationRule.objects.update_or_create(consultation=consultation, defaults=plan["publication"])
    if plan["survey"]:
        m.SurveyWindow.objects.update_or_create(consultation=consultation, defaults=plan["survey"])
    else:
        m.SurveyWindow.objects.filter(consultation=consultation).delete()

    report.removed["role_categories"] = _sync(
        consultation.role_categories, plan["role_categories"], report, "role_categories"
    )
    report.removed["municipalities"] = _sync(
        consultation.municipalities, plan["municipalities"], report, "municipalities"
    )
    report.removed["questions"] = []  # rounds refer to questions: removed after events are synced
    areas = plan["areas"]
    report.removed["areas"] = _sync(consultation.areas, areas, report, "areas", skip={"neighbour"})
    by_slug = {a.slug: a for a in consultation.areas.all()}
    for a in areas:
        area = by_slug[a["slug"]]
        neighbour = by_slug.get(a.get("neighbour") or "")
        if area.neighbour_id != (neighbour.pk if neighbour else None):
            area.neighbour = neighbour
            area.save(update_fields=["neighbour"])

    _sync(consultation.questions, plan["questions"], report, "questions", delete=False)
    questions = {q.slug: q for q in consultation.questions.all()}
    report.removed["events"] = _sync(consultation.events, plan["events"], report, "events", skip={"rounds"})
    events = {e.slug: e for e in consultation.events.all()}
    rounds = 0
    for ev in plan["events"]:
        event = events[ev["slug"]]
        numbers = []
        for r in ev["rounds"]:
            values = {k: v for k, v in r.items() if not k.startswith("_") and k not in ("number", "areas")}
            values["question"] = questions.get(values["question"] or "")
            round_, _created = m.Round.objects.update_or_create(event=event, number=r["number"], defaults=values)
            round_.areas.set([by_slug[slug] for slug in r["areas"]])
            numbers.append(r["number"])
            rounds += 1
        event.rounds.exclude(number__in=numbers).delete()
    report.counts["rounds"] = rounds
    keep = [q["slug"] for q in plan["questions"]]
    report.removed["questions"] = list(consultation.questions.exclude(slug__in=keep).values_list("slug", flat=True))
    consultation.questions.exclude(slug__in=keep).delete()

    for name, value in plan["sections"].items():
        SECTIONS[name].apply(consultation, value, ctx)
    return consultation, report


def store_logo(slug: str, source: Path) -> str:
    """Copy the logo next to uploaded files, so the site does not depend on where the plan file lies."""
    from django.conf import settings

    data = source.read_bytes()
    target = Path(settings.MEDIA_ROOT) / "logos" / f"{slug}.{image_kind(data)}"  # the type by content, not name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return f"logos/{target.name}"


def _sync(manager, rows: list[dict], report: LoadReport, name: str, *, skip=frozenset(), delete=True) -> list[str]:
    """Create or update rows by slug; delete those no longer in the file. Returns removed slugs."""
    slugs = []
    for row in rows:
        values = {k: v for k, v in row.items() if not k.startswith("_") and k not in skip and k != "slug"}
        manager.update_or_create(slug=row["slug"], defaults=values)
        slugs.append(row["slug"])
    report.counts[name] = len(slugs)
    if not delete:
        return []
    gone = manager.exclude(slug__in=slugs)
    removed = list(gone.values_list("slug", flat=True))
    for obj in gone:
        obj.delete()
    return removed

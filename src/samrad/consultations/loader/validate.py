"""Check a parsed consultation file and turn it into plain, normalised data for load.py.

Every problem is collected (not just the first), with the key path and line, so a planner can fix the
whole file in one go.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from . import schema as S
from .errors import Problem
from .locate import KeyLocator
from .municipalities import municipalities
from .registry import SECTIONS
from .schema import EVENT_FORMATS, EVENT_KINDS, QUESTION_KINDS, RULES, STATUSES, TOP_LEVEL  # noqa: F401

TZ = ZoneInfo("Europe/Stockholm")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# First path segments the site uses itself; a consultation with such a slug could not be reached.
RESERVED_SLUGS = {"admin", "anmalan", "en", "i18n", "konto", "media", "mina-uppgifter", "personal", "static"}
_MISSING = object()


def type_name(kind) -> str:
    return {
        str: _("text"),
        int: _("a whole number"),
        bool: _("true or false"),
        list: _("a list"),
        dict: _("a table"),
        "datetime": _("a date or date and time"),
    }[kind]


@dataclass
class Ctx:
    locator: KeyLocator
    problems: list[Problem] = field(default_factory=list)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(key=key, message=message, line=self.locator.line_of(key)))

    def get(
        self,
        table: dict,
        key: str,
        path: str,
        kind,
        *,
        required: bool = True,
        default=None,
        choices: tuple[str, ...] | None = None,
        slug: bool = False,
        max_length: int | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ):
        full = f"{path}.{key}" if path else key
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.problem(full, _("is missing. Add %(key)s = … here.") % {"key": key})
            return default
        if kind == "datetime":
            return self._datetime(value, full)
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            self.problem(
                full, _("should be %(expected)s, not %(value)r.") % {"expected": type_name(kind), "value": value}
            )
            return default
        if kind is int:
            if minimum is not None and value < minimum:
                self.problem(full, _("must be at least %(min)d.") % {"min": minimum})
                return default
            if value > (maximum if maximum is not None else S.MAX_INT):
                self.problem(
                    full,
                    _("%(value)d is too large. The largest allowed here is %(max)d.")
                    % {"value": value, "max": maximum if maximum is not None else S.MAX_INT},
                )
                return default
        if kind is str:
            value = value.strip()
            if required and not value:
                self.problem(full, _("is empty. Write a value between the quotes."))
                return default
            if max_length is not None and len(value) > max_length:
                self.problem(
                    full,
                    _("is %(length)d characters long. Shorten it to at most %(max)d.")
                    % {"length": len(value), "max": max_length},
                )
                return default
        if choices is not None and value not in choices:
            self.problem(
                full,
                _("%(value)r is not allowed here. Use one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices)},
            )
            return default
        if slug and not SLUG.match(value):
            self.problem(
                full,
                _(
                    "%(value)r is not a valid slug. Use lower-case letters a–z, digits and hyphens, "
                    "e.g. “bild-och-form”."
                )
                % {"value": value},
            )
            return default
        return value

    def field(self, table: dict, path: str, spec: "S.Table", name: str, **overrides):
        """Read key `name` of a table as the schema describes it (kind, required, default, choices, limits)."""
        key = spec[name]
        options = {
            "required": key.required,
            "default": key.default,
            "choices": key.choices,
            "slug": key.slug,
            "max_length": key.max_length,
            "minimum": key.minimum,
            "maximum": key.maximum,
        }
        options.update(overrides)
        return self.get(table, name, path, key.kind, **options)

    def known_keys(self, table: dict, path: str, spec: "S.Table") -> None:
        _unknown_keys(table, path, spec.names, self)

    def _datetime(self, value, full: str):
        if isinstance(value, dt.date) and not S.FIRST_YEAR <= value.year <= S.LAST_YEAR:
            self.problem(
                full,
                _("the year %(year)d is not plausible. Give a date between %(first)d and %(last)d.")
                % {"year": value.year, "first": S.FIRST_YEAR, "last": S.LAST_YEAR},
            )
            return None
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=TZ)
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time(0, 0), tzinfo=TZ)
        self.problem(
            full,
            _("should be a date (2022-06-01) or a date and time (2022-06-01T09:00:00+02:00), not %(value)r.")
            % {"value": value},
        )
        return None

    def table_list(self, data: dict, key: str) -> list[tuple[str, dict]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(key, _("should be a list of tables: write each item as [[%(key)s]].") % {"key": key})
            return []
        items = []
        for i, item in enumerate(value):
            path = f"{key}[{i}]"
            if not isinstance(item, dict):
                self.problem(path, _("should be a table, written as [[%(key)s]].") % {"key": key})
                continue
            items.append((path, item))
        return items

    def unique(self, items: list[tuple[str, dict]], key: str = "slug") -> None:
        seen: dict[str, str] = {}
        for path, item in items:
            value = item.get(key)
            if isinstance(value, str) and value in seen:
                self.problem(
                    f"{path}.{key}",
                    _("%(value)r is used twice (also at %(other)s). Slugs must be unique.")
                    % {"value": value, "other": seen[value]},
                )
            elif isinstance(value, str):
                seen[value] = path


def validate(data: dict, ctx: Ctx) -> dict[str, Any]:
    """Return normalised plan data; problems go to ctx."""
    for key in data:
        if key not in TOP_LEVEL and key not in SECTIONS:
            ctx.problem(
                key,
                _("is not a known section. Known sections: %(known)s.")
                % {"known": ", ".join(sorted(TOP_LEVEL | set(SECTIONS)))},
            )
    version = data.get("schema_version", 1)
    if version != 1:
        ctx.problem(
            "schema_version", _("this version of samrad reads schema_version = 1, not %(value)r.") % {"value": version}
        )

    plan: dict[str, Any] = {}
    c = data.get("consultation")
    if not isinstance(c, dict):
        ctx.problem("consultation", _("the [consultation] table is missing. Add it with slug, name and organiser."))
        c = {}
    C = S.CONSULTATION
    plan["consultation"] = {
        "slug": ctx.field(c, "consultation", C, "slug"),
        "name": ctx.field(c, "consultation", C, "name"),
        "organiser": ctx.field(c, "consultation", C, "organiser"),
        "logo": ctx.field(c, "consultation", C, "logo"),
        "status": ctx.field(c, "consultation", C, "status"),
        "is_example": ctx.field(c, "consultation", C, "example"),
        "intro": ctx.field(c, "consultation", C, "intro"),
        "results_intro": ctx.field(c, "consultation", C, "results_intro"),
        "participants_text": ctx.field(c, "consultation", C, "participants_text"),
    }
    ctx.known_keys(c, "consultation", C)
    if plan["consultation"]["slug"] in RESERVED_SLUGS:
        ctx.problem(
            "consultation.slug",
            _('%(value)r is used by the site itself. Choose another slug, e.g. "%(value)s-2024".')
            % {"value": plan["consultation"]["slug"]},
        )
    plan["consultation"].update(_plan_period(c, ctx))

    p = data.get("publication", {})
    if not isinstance(p, dict):
        ctx.problem("publication", _("should be a table: [publication]."))
        p = {}
    plan["publication"] = {name: ctx.field(p, "publication", S.PUBLICATION, name) for name in S.PUBLICATION.names}
    ctx.known_keys(p, "publication", S.PUBLICATION)

    plan["survey"] = _survey(data.get("survey"), ctx)
    plan["role_categories"] = _simple_list(data, S.ROLE_CATEGORIES, ctx)
    plan["municipalities"] = municipalities(data, c, ctx)
    plan["areas"] = _simple_list(data, S.AREAS, ctx)
    plan["questions"] = _questions(data, ctx)
    plan["events"] = _events(data, ctx, plan)

    area_slugs = {a["slug"] for a in plan["areas"]}
    for a in plan["areas"]:
        if a.get("neighbour") and a["neighbour"] not in area_slugs:
            ctx.problem(
                f"{a['_path']}.neighbour",
                _("names the area %(value)r, which is not in [[areas]].") % {"value": a["neighbour"]},
            )
        if a.get("neighbour") == a["slug"]:
            ctx.problem(f"{a['_path']}.neighbour", _("an area cannot be its own neighbour."))

    plan["sections"] = {}
    for name, section in SECTIONS.items():
        if name in data:
            section.validate(data[name], ctx)
            plan["sections"][name] = data[name]
    return plan


def _plan_period(c: dict, ctx: Ctx) -> dict:
    value = c.get("plan_period", _MISSING)
    key = "consultation.plan_period"
    if value is _MISSING:
        ctx.problem(key, _('is missing. Write e.g. plan_period = "2024–2027".'))
        return {"plan_period_start": None, "plan_period_end": None}
    years: list = []
    if isinstance(value, str):
        years = [int(y) for y in re.findall(r"\d{4}", value)]
    elif isinstance(value, list) and all(isinstance(y, int) and not isinstance(y, bool) for y in value):
        years = value
    if len(years) != 2:
        ctx.problem(key, _('should be two years, e.g. "2024–2027", not %(value)r.') % {"value": value})
        return {"plan_period_start": None, "plan_period_end": None}
    if not all(S.FIRST_YEAR <= y <= S.LAST_YEAR for y in years):
        ctx.problem(
            key,
            _("%(value)r is not a plausible plan period. Give years between %(first)d and %(last)d.")
            % {"value": value, "first": S.FIRST_YEAR, "last": S.LAST_YEAR},
        )
        return {"plan_period_start": None, "plan_period_end": None}
    if years[0] > years[1]:
        ctx.problem(
            key, _("the first year (%(start)s) is after the last (%(end)s).") % {"start": years[0], "end": years[1]}
        )
    return {"plan_period_start": years[0], "plan_period_end": years[1]}


def _survey(s, ctx: Ctx) -> dict | None:
    if s is None:
        return None
    if not isinstance(s, dict):
        ctx.problem("survey", _("should be a table: [survey]."))
        return None
    T = S.SURVEY
    ctx.known_keys(s, "survey", T)
    opens = ctx.field(s, "survey", T, "opens")
    closes = ctx.field(s, "survey", T, "closes")
    if isinstance(s.get("closes"), dt.date) and not isinstance(s.get("closes"), dt.datetime) and closes:
        closes = closes + dt.timedelta(days=1)  # a closing date means: open all of that day
    if opens and closes and closes <= opens:
        ctx.problem(
            "survey.closes",
            _("is before the survey opens (%(opens)s). Dates are in the wrong order.") % {"opens": s.get("opens")},
        )
    return {
        "opens_at": opens,
        "closes_at": closes,
        "title": ctx.field(s, "survey", T, "title"),
        "intro": ctx.field(s, "survey", T, "intro"),
        "thanks": ctx.field(s, "survey", T, "thanks"),
        "max_answer_length": ctx.field(s, "survey", T, "max_answer_length"),
    }


def _simple_list(data: dict, spec: S.Table, ctx: Ctx) -> list[dict]:
    items = ctx.table_list(data, spec.name)
    ctx.unique(items)
    out = []
    for order, (path, item) in enumerate(items):
        row = {"_path": path, "order": order}
        for key in spec.keys:
            row[key.name] = ctx.field(item, path, spec, key.name)
        ctx.known_keys(item, path, spec)
        out.append(row)
    return out


def _questions(data: dict, ctx: Ctx) -> list[dict]:
    items = ctx.table_list(data, "questions")
    ctx.unique(items)
    out = []
    Q = S.QUESTIONS
    for order, (path, item) in enumerate(items):
        out.append(
            {
                "_path": path,
                "order": order,
                "slug": ctx.field(item, path, Q, "slug"),
                "text": ctx.field(item, path, Q, "text"),
                "label": ctx.field(item, path, Q, "label"),
                "kind": ctx.field(item, path, Q, "kind"),
                "in_survey": ctx.field(item, path, Q, "survey"),
                "help_text": ctx.field(item, path, Q, "help"),
            }
        )
        ctx.known_keys(item, path, Q)
    return out


def _events(data: dict, ctx: Ctx, plan: dict) -> list[dict]:
    items = ctx.table_list(data, "events")
    ctx.unique(items)
    questions = {q["slug"] for q in plan["questions"]}
    areas = {a["slug"] for a in plan["areas"]}
    out = []
    E = S.EVENTS
    names = {"starts": "starts_at", "ends": "ends_at", "registration_opens": "registration_opens_at"}
    names["registration_closes"] = "registration_closes_at"
    for path, item in items:
        ev = {"_path": path}
        for key in E.keys:
            if not key.custom:
                ev[names.get(key.name, key.name)] = ctx.field(item, path, E, key.name)
        if ev["starts_at"] and ev["ends_at"] and ev["ends_at"] <= ev["starts_at"]:
            ctx.problem(f"{path}.ends", _("is before the event starts. Dates are in the wrong order."))
        if (
            ev["registration_closes_at"]
            and ev["registration_opens_at"]
            and (ev["registration_closes_at"] <= ev["registration_opens_at"])
        ):
            ctx.problem(f"{path}.registration_closes", _("is before registration opens. Dates are in the wrong order."))
        if ev["link"] and not re.match(r"^https?://", ev["link"]):
            ctx.problem(f"{path}.link", _("should be a web address starting with https://."))
        ev["rounds"] = _rounds(item, path, ctx, questions, areas)
        ctx.known_keys(item, path, E)
        out.append(ev)
    return out


def _rounds(event: dict, path: str, ctx: Ctx, questions: set[str], areas: set[str]) -> list[dict]:
    rounds = []
    for i, (rpath, r) in enumerate(ctx.table_list({f"{path}.rounds": event.get("rounds", [])}, f"{path}.rounds")):
        number = i + 1
        row = {"_path": rpath, "number": number}
        for key in S.ROUNDS.keys:
            row[key.name] = ctx.field(r, rpath, S.ROUNDS, key.name)
        for j, area in enumerate(row["areas"] or []):
            if not isinstance(area, str) or area not in areas:
                ctx.problem(
                    f"{rpath}.areas",
                    _("item %(n)d names the area %(value)r, which is not in [[areas]].") % {"n": j + 1, "value": area},
                )
        if row["question"] and row["question"] not in questions:
            ctx.problem(
                f"{rpath}.question",
                _("names the question %(value)r, which is not in [[questions]].") % {"value": row["question"]},
            )
        sizes = (row["min_size"], row["max_size"])
        if all(isinstance(v, int) for v in sizes) and sizes[0] > sizes[1]:
            ctx.problem(f"{rpath}.max_size", _("is smaller than min_size (%(min)d).") % {"min": row["min_size"]})
        if row["rule"] == "keep_previous":
            keep = row["keep_round"] if row["keep_round"] is not None else number - 1
            if number == 1:
                ctx.problem(
                    f"{rpath}.rule", _('the first round has no earlier groups to keep. Use "same_area" or "mixed".')
                )
            elif not (isinstance(keep, int) and 1 <= keep < number):
                ctx.problem(
                    f"{rpath}.keep_round",
                    _("must name an earlier round of this event (1 to %(last)d).") % {"last": number - 1},
                )
            row["keep_round"] = keep
        elif row["keep_round"] is not None:
            ctx.problem(f"{rpath}.keep_round", _('only applies when rule = "keep_previous".'))
        ctx.known_keys(r, rpath, S.ROUNDS)
        rounds.append(row)
    return rounds


def _unknown_keys(item: dict, path: str, known: set[str], ctx: Ctx) -> None:
    for key in item:
        if key not in known:
            ctx.problem(
                f"{path}.{key}",
                _("is not a known key here. Known keys: %(known)s.") % {"known": ", ".join(sorted(known))},
            )

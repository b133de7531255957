"""Checking each row of an export against the mapping and the plan.

A value the plan does not know (an area spelt “Bild & form”) is never guessed: it is reported once, with the
rows it occurs in and the closest value of the plan as a suggestion, and the mapping can name it explicitly.
Names and slugs of the plan are matched regardless of case, spacing and accents (“bild och form”, “Slojd”).
"""

import datetime as dt
import difflib
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.consultations.models import Area, Consultation, Municipality, Question, RoleCategory

from .mapping import Mapping, toml_line
from .read import Table

TIMESTAMP_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H.%M",
    "%Y-%m-%d %H.%M.%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d",
]
SHOWN_ROWS = 5


@dataclass
class Problem:
    row: int | None
    column: str
    message: str
    suggestion: str = ""
    error: bool = True


@dataclass
class Record:
    row: int
    key: str  # stable identity of the row: respondent id or content fingerprint
    respondent_ref: str
    received_at: dt.datetime | None
    areas: list[Area | None]
    role: RoleCategory | None
    municipality: Municipality | None
    answers: list[tuple[Question, str, str]]  # (question, text as in the file, column name)


class ImportPlan:
    """The plan's values an import can refer to, with forgiving lookups by slug or name."""

    def __init__(self, consultation: Consultation):
        self.consultation = consultation
        self.questions = {q.slug: q for q in consultation.questions.all()}
        self.events = {e.slug: e for e in consultation.events.all()}
        self.objects = {
            "area": {a.slug: a for a in consultation.areas.all()},
            "role": {r.slug: r for r in consultation.role_categories.all()},
            "municipality": {m.slug: m for m in consultation.municipalities.all()},
        }
        self.index: dict[str, dict[str, str]] = {}
        for kind, objects in self.objects.items():
            index = {}
            for slug, obj in objects.items():
                for name in (slug, obj.name):
                    index[_norm(name)] = slug
                    index[slugify(name)] = slug
            self.index[kind] = index

    def slugs(self, kind: str) -> dict:
        return self.objects[kind]

    def find(self, kind: str, value: str, explicit: dict[str, str]) -> tuple[bool, str]:
        """(known, slug). An explicit mapping of "" means: known, no value."""
        if value in explicit:
            return True, explicit[value]
        normalised = _norm(value)
        for key, slug in explicit.items():
            if _norm(key) == normalised:
                return True, slug
        slug = self.index[kind].get(normalised) or self.index[kind].get(slugify(value))
        return (True, slug) if slug else (False, "")

    def suggestion(self, kind: str, value: str) -> str:
        """The closest value of the plan: by spelling, else a plan name the value contains ("Karlskoga kommun")."""
        names = {_norm(obj.name): slug for slug, obj in self.objects[kind].items()}
        names.update({slug: slug for slug in self.objects[kind]})
        wanted = _norm(value)
        words = set(re.split(r"\W+", wanted))
        contained = {slug for name, slug in names.items() if set(re.split(r"\W+", name)) <= words}
        if len(contained) == 1:
            return contained.pop()
        match = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.5)
        return names[match[0]] if match else ""


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def parse_time(value: str, fmt: str, zone=None) -> dt.datetime | None:
    value = value.strip()
    candidates = [fmt] if fmt else []
    parsed = None
    if not fmt:
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            candidates = TIMESTAMP_FORMATS
    for candidate in candidates:
        try:
            parsed = dt.datetime.strptime(value, candidate)
            break
        except ValueError:
            continue
    if parsed is None:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, zone)  # the site's time zone: Swedish time
    return parsed


def fingerprint(cells: list[str]) -> str:
    h = hashlib.sha256()
    for cell in cells:
        h.update(cell.encode("utf-8", "surrogatepass") + b"\x1f")
    return h.hexdigest()[:24]


class Checker:
    """Turns rows into Records and collects Problems. Unknown values are gathered per (column, value)."""

    def __init__(self, table: Table, mapping: Mapping, plan: ImportPlan):
        self.table, self.mapping, self.plan = table, mapping, plan
        self.problems: list[Problem] = [Problem(None, "", w, error=False) for w in table.warnings]
        self.unknown: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.seen_respondents: dict[str, int] = {}
        self.occurrences: dict[str, int] = defaultdict(int)
        self.zone = timezone.get_current_timezone()
        self.empty_rows = 0
        self.kept = 0
        self.answers = 0
        self.formula_cells = 0
        self.rows_without_area: list[int] = []
        self.rows_without_time: list[int] = []

    def header(self, role: str) -> str:
        return self.table.headers[self.mapping.columns[role]]

    def records(self) -> Iterator[Record]:
        for number, cells in self.table.rows:
            record = self._record(number, cells)
            if record is not None:
                yield record

    def _value(self, cells, role) -> str | None:
        index = self.mapping.columns.get(role)
        return None if index is None else cells[index]

    def _lookup(self, kind: str, value: str, role: str, number: int):
        known, slug = self.plan.find(kind, value, self.mapping.values.get(kind, {}))
        if not known:
            self.unknown[(role, value)].append(number)
            return None, False
        return (self.plan.objects[kind].get(slug) if slug else None), True

    def _record(self, number: int, cells: list[str]) -> Record | None:
        answers = []
        for slug, index in self.mapping.questions.items():
            text = cells[index]
            if text.strip():
                answers.append((self.plan.questions[slug], text, self.table.headers[index]))
                if text.startswith(("=", "+", "@")) and len(text) > 1:
                    self.formula_cells += 1
        if not answers:
            self.empty_rows += 1
            return None
        ok = True
        areas: list[Area | None] = []
        raw_area = self._value(cells, "area")
        if raw_area is not None and raw_area.strip():
            parts = (
                [p.strip() for p in raw_area.split(self.mapping.area_separator)]
                if self.mapping.area_separator
                else [raw_area.strip()]
            )
            for part in parts:
                if not part:
                    continue
                area, known = self._lookup("area", part, "area", number)
                ok &= known
                if area is not None and area not in areas:
                    areas.append(area)
        elif self.mapping.defaults.get("area"):
            areas.append(self.plan.objects["area"][self.mapping.defaults["area"]])
        if not areas and ok:
            self.rows_without_area.append(number)
            areas = [None]
        role = municipality = None
        for kind in ("role", "municipality"):
            raw = self._value(cells, kind)
            if raw is not None and raw.strip():
                obj, known = self._lookup(kind, raw.strip(), kind, number)
                ok &= known
            else:
                default = self.mapping.defaults.get(kind)
                obj = self.plan.objects[kind][default] if default else None
            if kind == "role":
                role = obj
            else:
                municipality = obj
        received_at = None
        raw_time = self._value(cells, "submitted_at")
        if raw_time is not None:
            if raw_time.strip():
                received_at = parse_time(raw_time, self.mapping.timestamp_format, self.zone)
                if received_at is None:
                    ok = False
                    self.problems.append(
                        Problem(
                            number,
                            self.header("submitted_at"),
                            _("“%(value)s” is not a date and time samrad can read.") % {"value": raw_time},
                            _(
                                "Use a format like 2022-06-02 09:03, or set timestamp_format in [read], "
                                'e.g. "%%d/%%m/%%Y %%H:%%M".'
                            ),
                        )
                    )
            else:
                self.rows_without_time.append(number)
        respondent_ref = (self._value(cells, "respondent") or "").strip()
        if respondent_ref:
            if respondent_ref in self.seen_respondents:
                self.problems.append(
                    Problem(
                        number,
                        self.header("respondent"),
                        _("The respondent “%(ref)s” is also on row %(first)d; this row is left out.")
                        % {"ref": respondent_ref, "first": self.seen_respondents[respondent_ref]},
                        _("Remove one of the rows if they are different answers with the same id."),
                        error=False,
                    )
                )
                return None
            self.seen_respondents[respondent_ref] = number
            key = "r:" + hashlib.sha256(respondent_ref.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        else:
            cells_print = fingerprint(cells)
            self.occurrences[cells_print] += 1
            key = f"c:{cells_print}:{self.occurrences[cells_print]}"
        if not ok:
            return None
        self.answers += len(answers)
        self.kept += 1
        return Record(number, key, respondent_ref, received_at, areas, role, municipality, answers)

    def finish(self) -> list[Problem]:
        """All problems, unknown values first (one line per value, with its rows), then the rest."""
        out = []
        for (role, value), rows in sorted(self.unknown.items(), key=lambda item: item[1][0]):
            kind = role
            slug = self.plan.suggestion(kind, value)
            name = self.plan.objects[kind][slug].name if slug else ""
            shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS])
            more = len(rows) - SHOWN_ROWS
            if more > 0:
                shown += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
            where = ngettext("row %(rows)s", "rows %(rows)s", len(rows)) % {"rows": shown}
            section = f"[values.{kind}]"
            suggestion = (
                _("Did you mean %(slug)s (%(name)s)? Add %(line)s under %(section)s in the mapping.")
                % {"slug": slug, "name": name, "line": toml_line(value, slug), "section": section}
                if slug
                else _("Add %(line)s under %(section)s in the mapping, with the plan's slug.")
                % {"line": toml_line(value, "…"), "section": section}
            )
            out.append(
                Problem(
                    rows[0],
                    self.header(role),
                    _("“%(value)s” is not one of the plan's %(kinds)s (%(where)s).")
                    % {"value": value, "kinds": _kind_name(kind), "where": where},
                    suggestion,
                )
            )
        if self.rows_without_area:
            out.append(
                Problem(
                    self.rows_without_area[0],
                    self.header("area") if "area" in self.mapping.columns else "",
                    ngettext(
                        "%(n)d row names no culture area; its answers are imported without one.",
                        "%(n)d rows name no culture area; their answers are imported without one.",
                        len(self.rows_without_area),
                    )
                    % {"n": len(self.rows_without_area)},
                    _("Results are shown per culture area: map an area column, or set defaults.area."),
                    error=False,
                )
            )
        if self.rows_without_time:
            out.append(
                Problem(
                    self.rows_without_time[0],
                    self.header("submitted_at"),
                    ngettext(
                        "%(n)d row has no time; the time of the import is used.",
                        "%(n)d rows have no time; the time of the import is used.",
                        len(self.rows_without_time),
                    )
                    % {"n": len(self.rows_without_time)},
                    error=False,
                )
            )
        if self.formula_cells:
            out.append(
                Problem(
                    None,
                    "",
                    ngettext(
                        "%(n)d answer starts like a spreadsheet formula (=, +, @). It is kept as text, exactly as in "
                        "the file, and made safe whenever samrad writes a spreadsheet.",
                        "%(n)d answers start like a spreadsheet formula (=, +, @). They are kept as text, exactly "
                        "as in the file, and made safe whenever samrad writes a spreadsheet.",
                        self.formula_cells,
                    )
                    % {"n": self.formula_cells},
                    error=False,
                )
            )
        return out + self.problems


def _kind_name(kind: str) -> str:
    return {"area": _("culture areas"), "role": _("role categories"), "municipality": _("municipalities")}[kind]

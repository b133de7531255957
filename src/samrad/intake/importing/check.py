"""Checking each row of an export against the mapping and the plan.

A value the plan does not know (an area spelt “Bild & form”) is never guessed: it is reported once, with the
rows it occurs in and the closest value of the plan as a suggestion, and the mapping can name it explicitly.
Names and slugs of the plan are matched regardless of case, spacing and accents (“bild och form”, “Slojd”).

A row of a wide file is one respondent's answers; a row of a long file is one answer. A respondent id that
comes again (in a long file: again for the same question and area) is a decision for the person importing —
keep the first row, keep all, or refuse the file — never a silent drop.
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.consultations.models import Area, Municipality, Question, RoleCategory

from . import findings
from .findings import Problem
from .limits import Budget
from .mapping import Mapping
from .plan import ImportPlan, norm
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


@dataclass
class Record:
    row: int
    key: str  # stable identity of the row's answers: respondent id or content fingerprint
    respondent_key: str  # who answered: the same for every row of one respondent id
    respondent_ref: str
    received_at: dt.datetime | None
    areas: list[Area | None]
    role: RoleCategory | None
    municipality: Municipality | None
    answers: list[tuple[Question, str, str]]  # (question, text as in the file, column name)


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

    def __init__(self, table: Table, mapping: Mapping, plan: ImportPlan, budget: Budget | None = None):
        self.table, self.mapping, self.plan, self.budget = table, mapping, plan, budget
        self.problems: list[Problem] = [Problem(None, "", w, error=False) for w in table.warnings]
        self.unknown: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.first_rows: dict[tuple[str, ...], int] = {}  # a respondent's (long: answer's) identity -> first row
        self.repeats: dict[tuple[str, ...], int] = defaultdict(int)
        self.duplicates: list[tuple[int, int]] = []  # (row, the earlier row it repeats)
        self.occurrences: dict[str, int] = defaultdict(int)
        self.zone = timezone.get_current_timezone()
        self.empty_rows = 0
        self.kept = 0
        self.answers = 0
        self.formula_cells = 0
        self.rows_without_area: list[int] = []
        self.rows_without_time: list[int] = []
        self.rows_without_question: list[int] = []
        self.left_out: dict[str, list[int]] = defaultdict(list)  # long: question value mapped to "" -> rows

    def header(self, role: str) -> str:
        return self.table.headers[self.mapping.columns[role]]

    def records(self) -> Iterator[Record]:
        for number, cells in self.table.rows:
            if self.budget is not None:
                self.budget.time()
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

    def _question(self, number: int, cells) -> tuple[Question | None, bool]:
        """Long files: the row's question, and whether it is known. (None, True): the mapping leaves it out."""
        raw = cells[self.mapping.columns["question"]].strip()
        if not raw:
            self.rows_without_question.append(number)
            return None, False
        known, slug = self.plan.find("question", raw, self.mapping.values.get("question", {}))
        if not known:
            self.unknown[("question", raw)].append(number)
            return None, False
        if not slug:
            self.left_out[raw].append(number)
        return (self.plan.questions[slug] if slug else None), True

    def _record(self, number: int, cells: list[str]) -> Record | None:
        found = self._answers(number, cells)
        if found is None:
            return None
        answers, ok = found
        self.formula_cells += sum(1 for _q, text, _c in answers if text.startswith(("=", "+", "@")) and len(text) > 1)
        areas, ok = self._areas(number, cells, ok)
        role, role_ok = self._place(number, cells, "role")
        municipality, municipality_ok = self._place(number, cells, "municipality")
        received_at, time_ok = self._received_at(number, cells)
        ok = ok and role_ok and municipality_ok and time_ok
        respondent_ref = (self._value(cells, "respondent") or "").strip()
        identity = self._identity(number, cells, respondent_ref)
        if identity is None:
            return None  # a repeated respondent that is not kept
        key, respondent_key = identity
        if not ok:
            return None
        self.answers += len(answers)
        self.kept += 1
        return Record(number, key, respondent_key, respondent_ref, received_at, areas, role, municipality, answers)

    def _answers(self, number: int, cells: list[str]) -> tuple[list, bool] | None:
        """The row's (question, text, column) answers and whether its question is known; None: nothing to import."""
        if self.mapping.shape == "wide":
            answers = [
                (self.plan.questions[slug], cells[index], self.table.headers[index])
                for slug, index in self.mapping.questions.items()
                if cells[index].strip()
            ]
            if not answers:
                self.empty_rows += 1
                return None
            return answers, True
        index = self.mapping.columns["answer"]
        if not cells[index].strip():
            self.empty_rows += 1
            return None
        question, ok = self._question(number, cells)
        if ok and question is None:
            return None  # a question the mapping leaves out
        return ([(question, cells[index], self.table.headers[index])] if question is not None else []), ok

    def _areas(self, number: int, cells: list[str], ok: bool) -> tuple[list[Area | None], bool]:
        """The row's culture areas (several in one cell, or the default); [None] when it names none."""
        areas: list[Area | None] = []
        raw_area = self._value(cells, "area")
        if raw_area is not None and raw_area.strip():
            separator = self.mapping.area_separator
            parts = [p.strip() for p in raw_area.split(separator)] if separator else [raw_area.strip()]
            for part in filter(None, parts):
                area, known = self._lookup("area", part, "area", number)
                ok &= known
                if area is not None and area not in areas:
                    areas.append(area)
        elif self.mapping.defaults.get("area"):
            areas.append(self.plan.objects["area"][self.mapping.defaults["area"]])
        if not areas and ok:
            self.rows_without_area.append(number)
            areas = [None]
        return areas, ok

    def _place(self, number: int, cells: list[str], kind: str):
        """The row's role category or municipality (or the mapping's default), and whether the plan knows it."""
        raw = self._value(cells, kind)
        if raw is not None and raw.strip():
            return self._lookup(kind, raw.strip(), kind, number)
        default = self.mapping.defaults.get(kind)
        return (self.plan.objects[kind][default] if default else None), True

    def _received_at(self, number: int, cells: list[str]):
        """When the answer was given, and whether the time could be read (an empty cell is noted, not an error)."""
        raw_time = self._value(cells, "submitted_at")
        if raw_time is None:
            return None, True
        if not raw_time.strip():
            self.rows_without_time.append(number)
            return None, True
        received_at = parse_time(raw_time, self.mapping.timestamp_format, self.zone)
        if received_at is None:
            self.problems.append(
                Problem(
                    number,
                    self.header("submitted_at"),
                    _("“%(value)s” is not a date and time samrad can read.") % {"value": raw_time},
                    _("Use a format like 2022-06-02 09:03, or set timestamp_format in [read], e.g. %(example)s.")
                    % {"example": '"%d/%m/%Y %H:%M"'},
                )
            )
            return None, False
        return received_at, True

    def _identity(self, number: int, cells: list[str], respondent_ref: str) -> tuple[str, str] | None:
        """(key of the row's answers, key of the respondent); None for a repeated row that is left out."""
        if not respondent_ref:
            cells_print = fingerprint(cells)
            self.occurrences[cells_print] += 1
            key = f"c:{cells_print}:{self.occurrences[cells_print]}"
            return key, key
        respondent_key = "r:" + hashlib.sha256(respondent_ref.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        identity: tuple[str, ...] = (respondent_ref,)
        if self.mapping.shape == "long":  # one row per answer: a repeat is the same question and area again
            identity += (norm(cells[self.mapping.columns["question"]]), norm(self._value(cells, "area") or ""))
        first = self.first_rows.get(identity)
        if first is None:
            self.first_rows[identity] = number
            return respondent_key, respondent_key
        self.duplicates.append((number, first))
        if self.mapping.duplicates != "keep-all":
            return None
        self.repeats[identity] += 1
        return f"{respondent_key}:{self.repeats[identity] + 1}", respondent_key

    def finish(self) -> list[Problem]:
        """All problems, unknown values first (one line per value, with its rows), then the rest."""
        return findings.problems(self)

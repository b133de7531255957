"""Who took part: distinct people by culture area, municipality and role category, with public counts protected.
The one place that counts people for the public: the results page, the participation page and the exports.

A person is a dialogue participant (an active registration for one of the consultation's events, or a known
author of a contribution) or an anonymous survey respondent. Respondents are included in every total: the same
person can have done both and we cannot tell, so they count once in each (the pages say so).

Protection, computed here on the server for every format:
- primary: a count below the publication minimum (`thresholds.suppress`) is shown as "fewer than N";
- complementary: in a table whose total is shown, the hidden cells must not be worked out from the total minus
  the visible cells (with what a reader knows: "fewer than N" is 0…N-1, "not shown" is N or more). While one
  could, the smallest visible cell is hidden too ("not shown");
- every person counts in each table: people whose role or municipality was not given are an "Uppgift saknas"
  row, so the rows add up to the total; when nobody was asked, every row reads "uppgift saknas" instead of a
  count.
Rates per 10,000 inhabitants are hidden with their count, since count = rate × population.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from samrad.consultations.models import Consultation
from samrad.intake.models import Contribution
from samrad.participation.models import Registration

from .thresholds import minimum_for, people_per_area, suppress

SMALL, COMPLEMENTARY, NOT_ASKED = "small", "complementary", "not_asked"
NOT_STATED = gettext_lazy("Not stated")


def hidden_text(minimum: int, reason: str) -> str:
    """What the public reads instead of a hidden count."""
    if reason == COMPLEMENTARY:
        return gettext("not shown")
    if reason == NOT_ASKED:
        return gettext("not stated")
    return gettext("fewer than %(min)d") % {"min": minimum}


@dataclass(frozen=True)
class Cell:
    value: int  # the true count: staff only
    shown: int | None  # what the public sees; None when hidden
    reason: str = ""  # SMALL or COMPLEMENTARY when hidden

    @property
    def hidden(self) -> bool:
        return self.shown is None


@dataclass
class Row:
    key: str
    label: str
    cell: Cell
    population: int | None = None
    code: str = ""

    @property
    def rate(self) -> float | None:
        """Participants per 10,000 inhabitants, from the true count (staff); see `shown_rate`."""
        if not self.population:
            return None
        return 10000 * self.cell.value / self.population

    @property
    def shown_rate(self) -> float | None:
        return None if self.cell.hidden else self.rate


@dataclass
class Table:
    rows: list[Row]
    total: Cell | None = None  # None: the rows do not add up (someone can count in several)
    asked: bool = True  # False: nobody gave this (every row reads "uppgift saknas")


@dataclass
class Overview:
    minimum: int
    people: Cell
    participants: Cell
    respondents: Cell
    areas: Table
    municipalities: Table
    roles: Table
    notes: list[str] = field(default_factory=list)


def _bounds(cell: "Cell", total: int, minimum: int, lowest_small: int) -> tuple[int, int]:
    """What a reader knows about a cell: its value when shown, else the range its label gives away."""
    if not cell.hidden:
        return cell.value, cell.value
    return (lowest_small, minimum - 1) if cell.reason == SMALL else (minimum, total)


def recoverable(cells: list["Cell"], total: int, minimum: int, *, zeros_shown: bool = False) -> list[int]:
    """Indexes of hidden cells whose positive value follows from the total and what else is shown. Where zeros
    are shown, a reader knows a "fewer than N" cell holds at least one."""
    bounds = [_bounds(c, total, minimum, 1 if zeros_shown else 0) for c in cells]
    low_sum, high_sum = sum(lo for lo, _hi in bounds), sum(hi for _lo, hi in bounds)
    found = []
    for i, cell in enumerate(cells):
        if not cell.hidden:
            continue
        lo, hi = bounds[i]
        lowest = max(lo, total - (high_sum - hi))
        highest = min(hi, total - (low_sum - lo))
        if lowest >= highest and highest > 0:
            found.append(i)  # a cell worked out to be zero names no one, so only a positive count is disclosed
    return found


def protect(
    values: list[int], minimum: int, *, additive: bool, total: int | None = None, zeros_shown: bool = False
) -> list[Cell]:
    """Hide counts below the minimum (zero too, unless `zeros_shown`). In an additive table (its rows sum to a
    shown total), hide the smallest visible cells too until no hidden cell can be worked out from the total."""

    def primary(v: int) -> Cell:
        if v >= minimum or (zeros_shown and v == 0):
            return Cell(v, v)
        return Cell(v, None, SMALL)

    cells = [primary(v) for v in values]
    if not additive:
        return cells
    total = sum(values) if total is None else total
    if total < minimum:
        return cells  # the total is hidden itself: nothing to subtract from
    while recoverable(cells, total, minimum, zeros_shown=zeros_shown):
        visible = [i for i, c in enumerate(cells) if not c.hidden and c.value]
        if not visible:
            break  # only when every cell is hidden and they still add up: the caller hides the total
        smallest = min(visible, key=lambda i: (cells[i].value, i))
        cells[smallest] = Cell(cells[smallest].value, None, COMPLEMENTARY)
    return cells


def _people(consultation: Consultation) -> dict[str, tuple[int | None, int | None, str]]:
    """person key -> (municipality id, role category id, source)."""
    people: dict[str, tuple[int | None, int | None, str]] = {}
    for pid, municipality, role in Registration.objects.filter(
        event__consultation=consultation, status__in=Registration.ACTIVE
    ).values_list("participant_id", "participant__municipality_id", "participant__role_category_id"):
        people[f"participant:{pid}"] = (municipality, role, "dialogue")
    rows = Contribution.objects.filter(consultation=consultation).values_list(
        "participant_id",
        "participant__municipality_id",
        "participant__role_category_id",
        "respondent",
        "municipality_id",
        "role_category_id",
    )
    for pid, p_municipality, p_role, respondent, municipality, role in rows:
        if pid:
            people.setdefault(f"participant:{pid}", (p_municipality, p_role, "dialogue"))
        elif respondent:
            key = f"respondent:{respondent}"
            known = people.get(key, (None, None, "survey"))
            people[key] = (known[0] or municipality, known[1] or role, "survey")
    return people


def _breakdown(options, value_of: dict, minimum: int, total: int, *, population: bool) -> Table:
    """One additive table: a row per option of the plan and "Uppgift saknas" for everyone else."""
    counts: dict[int | None, int] = defaultdict(int)
    for value in value_of.values():
        counts[value] += 1
    items = [
        (o.slug, o.name, counts.get(o.pk, 0), o.population if population else None, getattr(o, "code", ""))
        for o in options
    ]
    if not items:
        return Table([], None, asked=False)
    if not any(counts.get(o.pk) for o in options):
        # Nobody was asked (or nobody answered): no count to give per row, and none to protect.
        rows = [Row(k, label, Cell(n, None, NOT_ASKED), pop, code) for k, label, n, pop, code in items]
        return Table(rows, _plain(total, minimum), asked=False)
    items.append(("", NOT_STATED, counts.get(None, 0), None, ""))
    cells = protect([n for _k, _l, n, _p, _c in items], minimum, additive=True, total=total)
    rows = [Row(k, label, cell, pop, code) for (k, label, _n, pop, code), cell in zip(items, cells, strict=True)]
    return Table(rows, _plain(total, minimum))


def _plain(value: int, minimum: int) -> Cell:
    """A count with primary suppression only."""
    return Cell(value, suppress(value, minimum), "" if value >= minimum else SMALL)


def overview(consultation: Consultation, *, protected: bool = True) -> Overview:
    """The participation overview. `protected=False` gives staff the true counts (cells keep their reasons)."""
    minimum = minimum_for(consultation)
    people = _people(consultation)
    total = len(people)
    per_area = people_per_area(consultation)
    area_cells = protect([len(per_area.get(a.pk, ())) for a in consultation.areas.all()], minimum, additive=False)
    areas = Table(
        [Row(a.slug, a.name, cell) for a, cell in zip(consultation.areas.all(), area_cells, strict=True)], None
    )
    participants = sum(1 for *_x, source in people.values() if source == "dialogue")
    # Whether there were dialogues or a survey at all is public (the plan lists them): a zero here is shown, so
    # a consultation with only a survey shows its respondents.
    split = protect([participants, total - participants], minimum, additive=True, total=total, zeros_shown=True)
    result = Overview(
        minimum=minimum,
        people=_plain(total, minimum),
        participants=split[0],
        respondents=split[1],
        areas=areas,
        municipalities=_breakdown(
            consultation.municipalities.all(), {k: v[0] for k, v in people.items()}, minimum, total, population=True
        ),
        roles=_breakdown(
            consultation.role_categories.all(), {k: v[1] for k, v in people.items()}, minimum, total, population=False
        ),
    )
    _hide_total_if_needed(result)
    return result if protected else _unprotected(result)


def _hide_total_if_needed(o: Overview) -> None:
    """Rarely every cell of a table is hidden and they still add up to the total (two roles of N-1 people each):
    then the total itself is hidden, everywhere it appears."""
    tables = [[r.cell for r in t.rows] for t in (o.municipalities, o.roles) if t.asked]
    split = recoverable([o.participants, o.respondents], o.people.value, o.minimum, zeros_shown=True)
    if o.people.hidden or not (split or any(recoverable(cells, o.people.value, o.minimum) for cells in tables)):
        return
    o.people = Cell(o.people.value, None, COMPLEMENTARY)
    for t in (o.municipalities, o.roles):
        if t.total is not None:
            t.total = o.people


def _unprotected(o: Overview) -> Overview:
    def open_cell(c: Cell) -> Cell:
        # Nothing asked stays "not stated" for staff too: there is no count behind it.
        return c if c.reason == NOT_ASKED else Cell(c.value, c.value, c.reason)

    for t in (o.areas, o.municipalities, o.roles):
        for row in t.rows:
            row.cell = open_cell(row.cell)
        if t.total:
            t.total = open_cell(t.total)
    o.people, o.participants, o.respondents = open_cell(o.people), open_cell(o.participants), open_cell(o.respondents)
    return o

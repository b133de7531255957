"""Who took part: distinct people by culture area, municipality and role category, with public counts protected.

A person is a dialogue participant (an active registration for one of the consultation's events, or a known
author of a contribution) or an anonymous survey respondent. The same person can have done both; we cannot tell,
so they count once in each (the pages say so).

Protection, computed here on the server for every format:
- primary: a count below the publication minimum (`thresholds.suppress`) is shown as "fewer than N";
- complementary: in a table whose total is shown, a single hidden cell could be worked out as total minus the
  rest, so the smallest other cell is hidden too (shown as "not shown").
Rates per 10,000 inhabitants are hidden with their count, since count = rate × population.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from samrad.consultations.models import Consultation
from samrad.intake.models import Contribution
from samrad.participation.models import Registration
from .thresholds import minimum_for, people_per_area, suppress

SMALL, COMPLEMENTARY = "small", "complementary"
NOT_STATED = gettext_lazy("Not stated")


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


def protect(values: list[int], minimum: int, *, additive: bool) -> list[Cell]:
    """Hide counts below the minimum; in an additive table, never leave exactly one hidden cell."""
    cells = [Cell(v, suppress(v, minimum), "" if suppress(v, minimum) is not None else SMALL) for v in values]
    hidden = [i for i, c in enumerate(cells) if c.hidden]
    if additive and len(hidden) == 1 and len(cells) > 1:
        candidates = [i for i, c in enumerate(cells) if not c.hidden]
        smallest = min(candidates, key=lambda i: (cells[i].value, i))
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


def overview(consultation: Consultation, *, protected: bool = True) -> Overview:
    """The participation overview. `protected=False` gives staff the true counts (cells keep their reasons)."""
    minimum = minimum_for(consultation)
    people = _people(consultation)

    def table(items: list[tuple[str, str, int, int | None, str]], *, additive: bool, total: int | None) -> Table:
        cells = protect([n for _k, _l, n, _p, _c in items], minimum, additive=additive)
        rows = [
            Row(k, label, cell, population, code)
            for (k, label, _n, population, code), cell in zip(items, cells, strict=True)
        ]
        total_cell = None
        if total is not None:
            total_cell = Cell(total, suppress(total, minimum), "" if total >= minimum else SMALL)
        return Table(rows, total_cell)

    per_area = people_per_area(consultation)
    areas = table(
        [(a.slug, a.name, len(per_area.get(a.pk, ())), None, "") for a in consultation.areas.all()],
        additive=False,
        total=None,
    )
    by_municipality: dict[int | None, int] = defaultdict(int)
    by_role: dict[int | None, int] = defaultdict(int)
    for municipality, role, _source in people.values():
        by_municipality[municipality] += 1
        by_role[role] += 1
    municipality_items = [
        (m.slug, m.name, by_municipality.get(m.pk, 0), m.population, m.code) for m in consultation.municipalities.all()
    ]
    if by_municipality.get(None):
        municipality_items.append(("", NOT_STATED, by_municipality[None], None, ""))
    role_items = [(r.slug, r.name, by_role.get(r.pk, 0), None, "") for r in consultation.role_categories.all()]
    if by_role.get(None):
        role_items.append(("", NOT_STATED, by_role[None], None, ""))
    total = len(people)
    participants = sum(1 for *_x, source in people.values() if source == "dialogue")
    split = protect([participants, total - participants], minimum, additive=True)
    result = Overview(
        minimum=minimum,
        people=Cell(total, suppress(total, minimum), "" if total >= minimum else SMALL),
        participants=split[0],
        respondents=split[1],
        areas=areas,
        municipalities=table(municipality_items, additive=True, total=total),
        roles=table(role_items, additive=True, total=total),
    )
    return result if protected else _unprotected(result)


def _unprotected(o: Overview) -> Overview:
    def open_cell(c: Cell) -> Cell:
        return Cell(c.value, c.value, c.reason)

    for t in (o.areas, o.municipalities, o.roles):
        for row in t.rows:
            row.cell = open_cell(row.cell)
        if t.total:
            t.total = open_cell(t.total)
    o.people, o.participants, o.respondents = open_cell(o.people), open_cell(o.participants), open_cell(o.respondents)
    return o

"""What the staff groups page, the printable lists and the CLI show of an event's rounds and groups."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samrad import grouping as engine
from samrad.consultations.models import Event, Round
from samrad.grouping.messages import MESSAGES, message

from .formation import lang, to_person
from .models import Group, Registration


@dataclass
class Member:
    name: str
    email: str
    area: str
    municipality: str
    role: str
    needs: str
    status: str
    status_label: str
    registration_id: int | None

    @property
    def absent(self) -> bool:
        return self.status not in Registration.ACTIVE


@dataclass
class GroupView:
    group: Group
    members: list[Member]

    @property
    def label(self) -> str:
        return room_name(self.group)


@dataclass
class ReportView:
    status: str = ""
    objective: int = 0
    bound: int = 0
    gap: float = 0.0
    solve_time: float = 0.0
    method: str = ""
    tiers: list[tuple[str, int, int, bool]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)
    rebalance_notices: list[str] = field(default_factory=list)
    formed_at: object = None
    formed_by: str = ""
    seed: int = 0

    @property
    def method_label(self) -> str:
        """The solver's method in words (the engine reports e.g. "deal + swaps + CP-SAT")."""
        if not self.method:
            return ""
        if "CP-SAT" in self.method:
            return _("quick search, then an optimisation model")
        return _("quick search")

    @property
    def gap_percent(self) -> str:
        from django.utils.formats import number_format

        return f"{number_format(self.gap * 100, 1)} %"


@dataclass
class RoundView:
    round: Round
    groups: list[GroupView]
    report: ReportView | None

    @property
    def people(self) -> int:
        return sum(len(g.members) for g in self.groups)


def room_name(group: Group) -> str:
    base = _("Group %(number)s") % {"number": group.number}
    return f"{base} – {group.area.name}" if group.area_id else base


def _text(code: str, params: dict) -> str:
    if code not in MESSAGES:
        return code
    try:
        return engine.notice_text(engine.Notice(code, params), lang())
    except (KeyError, IndexError, ValueError):
        return code


def report_view(rnd: Round, people: dict[str, engine.Person]) -> ReportView | None:
    stored = getattr(rnd, "grouping_report", None)
    if stored is None:
        return None
    data = stored.data or {}
    rep = data.get("report") or {}
    view = ReportView(
        status=rep.get("status", ""),
        objective=rep.get("objective", 0),
        bound=rep.get("best_bound", 0),
        gap=rep.get("gap", 0.0),
        solve_time=rep.get("solve_time", 0.0),
        method=rep.get("method", ""),
        warnings=list(data.get("warnings", [])),
        formed_at=stored.formed_at,
        formed_by=stored.formed_by,
        seed=stored.seed,
    )
    for tier in rep.get("tiers", []):
        key = f"rule_{tier['rule']}"
        label = message(key, lang()) if key in MESSAGES else tier["rule"]
        view.tiers.append((label, tier["value"], tier["bound"], tier["value"] == tier["bound"]))
    for n in rep.get("notices", []):
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in (n.get("params") or {}).items()}
        view.notices.append(_text(n["code"], params))
    for u in rep.get("unmet", []):
        unmet = engine.Unmet(u["rule"], u["group"], tuple(u["people"]), u.get("value", ""))
        try:
            view.unmet.append(engine.unmet_text(unmet, people, lang()))
        except KeyError:
            view.unmet.append(f"{u['rule']}: {u['group']}")
    rebalanced = data.get("rebalanced") or {}
    for m in rebalanced.get("moves", []):
        if m["from"] is None:
            view.moves.append(_("%(name)s joins group %(to)s (walk-in).") % {"name": m["name"], "to": m["to"]})
        elif m["to"] is None:
            view.moves.append(
                _("%(name)s leaves group %(from)s (did not come).") % {"name": m["name"], "from": m["from"]}
            )
        else:
            view.moves.append(
                _("%(name)s moves from group %(from)s to group %(to)s.")
                % {"name": m["name"], "from": m["from"], "to": m["to"]}
            )
    view.rebalance_notices = list(rebalanced.get("notices", []))
    return view


def event_rounds(event: Event, only: int | None = None) -> list[RoundView]:
    regs = {
        r.participant_id: r
        for r in event.registrations.select_related(
            "participant__municipality", "participant__role_category", "area"
        ).order_by("created_at")
    }
    people = {}
    for r in regs.values():
        person = to_person(r)
        people[person.id] = person
    rounds = event.rounds.select_related("question").prefetch_related("areas").order_by("number")
    if only is not None:
        rounds = rounds.filter(number=only)
    out = []
    for rnd in rounds:
        groups = []
        for g in rnd.groups.select_related("area", "facilitator").prefetch_related("memberships__participant"):
            members = []
            for m in g.memberships.all():
                r = regs.get(m.participant_id)
                p = r.participant if r else m.participant
                members.append(
                    Member(
                        name=p.name,
                        email=p.email,
                        area=r.area.name if r and r.area else "",
                        municipality=p.municipality.name if p.municipality_id else "",
                        role=p.role_category.name if p.role_category_id else "",
                        needs=r.needs if r else "",
                        status=r.status if r else "",
                        status_label=r.get_status_display() if r else "",
                        registration_id=r.pk if r else None,
                    )
                )
            members.sort(key=lambda m: m.name)
            groups.append(GroupView(g, members))
        out.append(RoundView(rnd, groups, report_view(rnd, people)))
    return out

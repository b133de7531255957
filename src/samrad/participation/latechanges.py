"""Late changes on the day: no-shows leave, walk-ins join, the engine moves as few people as possible.

Who is present follows the registrations: registered or attended counts as present, "did not come" and
cancelled do not; an active registration that is in no group of the round is a walk-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from samrad import grouping as engine
from samrad.audit.log import record
from samrad.consultations.models import Round
from samrad.grouping.rebalance import rebalance as engine_rebalance

from .formation import FormationError, Roster, lang, neighbours, roster_warnings, round_spec, store, to_person
from .models import GroupMembership, Registration


@dataclass
class MoveLine:
    name: str
    from_group: int | None
    to_group: int | None

    def text(self) -> str:
        if self.from_group is None:
            return _("%(name)s joins group %(to)s (walk-in).") % {"name": self.name, "to": self.to_group}
        if self.to_group is None:
            return _("%(name)s leaves group %(from)s (did not come).") % {"name": self.name, "from": self.from_group}
        return _("%(name)s moves from group %(from)s to group %(to)s.") % {
            "name": self.name,
            "from": self.from_group,
            "to": self.to_group,
        }


@dataclass
class Rebalanced:
    round: Round
    moves: list[MoveLine]
    notices: list[str]

    @property
    def moved(self) -> list[MoveLine]:
        return [m for m in self.moves if m.from_group is not None and m.to_group is not None]


def rebalance(rnd: Round, *, actor=None) -> Rebalanced:
    event = rnd.event
    if not rnd.groups.exists():
        raise FormationError([_("Round %(number)s has no groups yet: form them first.") % {"number": rnd.number}])
    in_groups = set(GroupMembership.objects.filter(group__round=rnd).values_list("participant_id", flat=True))
    regs = list(
        event.registrations.select_related("participant__municipality", "participant__role_category", "area")
        .filter(participant_id__in=in_groups)
        .order_by("created_at", "pk")
    )
    active = [r for r in regs if r.status in Registration.ACTIVE]
    spec = round_spec(rnd)
    allowed = set(spec.areas) if spec.areas else None
    walk_in_regs = [
        r
        for r in event.registrations.filter(status__in=Registration.ACTIVE)
        .exclude(participant_id__in=in_groups)
        .select_related("participant__municipality", "participant__role_category", "area")
        .order_by("created_at", "pk")
        if allowed is None or (r.area and r.area.name in allowed)
    ]
    everyone = {to_person(r).id: r for r in regs + walk_in_regs}
    ids = {r.participant_id: pid for pid, r in everyone.items()}
    existing = []
    for g in rnd.groups.prefetch_related("memberships").select_related("area"):
        members = tuple(ids[m.participant_id] for m in g.memberships.all() if m.participant_id in ids)
        existing.append(engine.Group(g.number, members, g.area.name if g.area else None))
    present = [to_person(r) for r in active]
    walk_ins = [to_person(r) for r in walk_in_regs]
    if spec.rule == "keep_previous":  # a kept round re-balances like a mixed one
        spec = engine.RoundSpec(spec.number, "mixed", spec.min_size, spec.max_size, areas=spec.areas)
    try:
        result = engine_rebalance(existing, present, walk_ins, spec, area_neighbours=neighbours(event), lang=lang())
    except engine.GroupingError as exc:
        raise FormationError(exc.text(lang()).splitlines()) from None

    names = {pid: r.participant.name for pid, r in everyone.items()}
    moves = [MoveLine(names.get(m.person, m.person), m.from_group, m.to_group) for m in result.moves]
    notices = [engine.notice_text(n, lang()) for n in result.notices]
    taking = {p.id: everyone[p.id] for p in present + walk_ins}
    r = Roster(event, present + walk_ins, taking, warnings=roster_warnings(event, list(taking.values())))
    previous = getattr(rnd, "grouping_report", None)
    old = previous.data.get("report", {}) if previous else {}
    new_result = engine.RoundResult(
        round_spec(rnd), tuple(result.groups), engine.Report(status=old.get("status", "kept") or "kept")
    )
    extra = {
        "report": old or None,
        "rebalanced": {
            "moves": [{"name": m.name, "from": m.from_group, "to": m.to_group} for m in moves],
            "notices": notices,
        },
    }
    with transaction.atomic():
        store(rnd, new_result, r, seed=previous.seed if previous else 0, actor=actor, extra=extra)
        for later in rnd.event.rounds.filter(rule=Round.Rule.KEEP_PREVIOUS, keep_round=rnd.number):
            kept = engine.Report(status="kept", notices=(engine.Notice("kept_groups", {"keep": rnd.number}),))
            store(later, engine.RoundResult(round_spec(later), tuple(result.groups), kept), r, actor=actor)
        record(
            "groups.rebalanced",
            actor=actor,
            consultation=event.consultation,
            obj=rnd,
            round=rnd.number,
            moved=len([m for m in moves if m.from_group and m.to_group]),
            left=len([m for m in moves if m.to_group is None]),
            joined=len([m for m in moves if m.from_group is None]),
        )
    return Rebalanced(rnd, moves, notices)

"""Adapter between the database and the grouping engine (samrad.grouping, which knows no Django).

Registrations (registered or attended) and the plan's rounds go in as plain Persons and RoundSpecs; the
engine's groups come back as Group/GroupMembership rows, one transaction per event, and its report is kept
in RoundReport. Areas, municipalities and roles are given to the engine by name, so its messages read well.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samrad import grouping as engine
from samrad.audit.log import record
from samrad.consultations.models import Event, Round

from .checks import duplicate_emails
from .models import Group, GroupMembership, Registration, RoundReport


class FormationError(Exception):
    """Bad input for forming groups; `messages` name the person or setting, in the user's language."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def lang() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


@dataclass
class Roster:
    """Who takes part in an event, as engine Persons, and the way back to the registrations."""

    event: Event
    people: list[engine.Person]
    registrations: dict[str, Registration]  # person id -> registration
    warnings: list[str] = field(default_factory=list)

    def person_id(self, registration: Registration) -> str:
        return _person_id(registration)

    @property
    def by_id(self) -> dict[str, engine.Person]:
        return {p.id: p for p in self.people}


def _person_id(registration: Registration) -> str:
    # The example's own references (p004) make messages easy to check against the source file.
    ref = registration.participant.external_ref
    return ref if ref else f"#{registration.pk}"


def to_person(registration: Registration) -> engine.Person:
    p = registration.participant
    return engine.Person(
        id=_person_id(registration),
        name=p.name,
        area=registration.area.name if registration.area else None,
        municipality=p.municipality.name if p.municipality else None,
        role=p.role_category.name if p.role_category else None,
        email=p.email or None,
    )


def taking_part(event: Event):
    return (
        event.registrations.filter(status__in=Registration.ACTIVE)
        .select_related("participant__municipality", "participant__role_category", "area")
        .order_by("created_at", "pk")
    )


def roster(event: Event, registrations=None) -> Roster:
    regs = list(registrations if registrations is not None else taking_part(event))
    people, by_id = [], {}
    for registration in regs:
        person = to_person(registration)
        if person.id in by_id:  # two imports with one reference: fall back to the database id
            person = engine.Person(**{**asdict(person), "id": f"#{registration.pk}"})
        people.append(person)
        by_id[person.id] = registration
    return Roster(event, people, by_id, warnings=roster_warnings(event, regs))


def roster_warnings(event: Event, regs: list[Registration]) -> list[str]:
    """Things staff should know before trusting the groups; none of them drops anyone."""
    out = []
    for email, dup in duplicate_emails(event):
        out.append(
            _("%(names)s have the same e-mail address (%(email)s) and are probably one person; each is placed.")
            % {"names": ", ".join(f"{r.participant.name} ({_person_id(r)})" for r in dup), "email": email}
        )
    no_municipality = [r for r in regs if r.participant.municipality_id is None]
    if no_municipality:
        out.append(
            _("No municipality in the plan for %(names)s: they are placed, but mixing by municipality ignores them.")
            % {"names": ", ".join(r.participant.name for r in no_municipality)}
        )
    return out


def round_spec(rnd: Round) -> engine.RoundSpec:
    areas = tuple(a.name for a in rnd.areas.all())
    return engine.RoundSpec(
        number=rnd.number,
        rule=rnd.rule,
        min_size=rnd.min_size,
        max_size=rnd.max_size,
        keep_round=rnd.keep_round,
        areas=areas or None,
    )


def neighbours(event: Event) -> dict[str, str]:
    return {a.name: a.neighbour.name for a in event.consultation.areas.select_related("neighbour") if a.neighbour}


def stored_result(rnd: Round, people: dict[str, engine.Person], ids: dict[int, str]) -> engine.RoundResult:
    """A round's groups as they are in the database, as the engine's RoundResult (report left empty)."""
    groups = []
    for g in rnd.groups.prefetch_related("memberships").select_related("area"):
        members = tuple(ids[m.participant_id] for m in g.memberships.all() if m.participant_id in ids)
        groups.append(engine.Group(g.number, members, g.area.name if g.area else None))
    return engine.RoundResult(round_spec(rnd), tuple(groups), engine.Report(status="kept"))


@dataclass
class Formed:
    event: Event
    roster: Roster
    results: list[engine.RoundResult]


def form(event: Event, *, round_number: int | None = None, seed: int = 0, time_limit: float = 10.0, actor=None):
    """Form (or re-form) all rounds, or one round and the rounds that keep its groups. Replaces groups."""
    rounds = list(event.rounds.prefetch_related("areas").order_by("number"))
    if not rounds:
        raise FormationError([_("%(event)s has no rounds in the plan.") % {"event": event.title}])
    r = roster(event)
    if not r.people:
        raise FormationError(
            [_("%(event)s has no registrations that take part (registered or attended).") % {"event": event.title}]
        )
    specs = [round_spec(x) for x in rounds]
    try:
        if round_number is None:
            plan = engine.plan_event(
                r.people, specs, seed=seed, time_limit=time_limit, area_neighbours=neighbours(event), lang=lang()
            )
            results = list(plan.rounds)
        else:
            results = _form_one(event, rounds, specs, r, round_number, seed, time_limit)
    except engine.GroupingError as exc:
        raise FormationError(exc.text(lang()).splitlines()) from None
    by_number = {x.number: x for x in rounds}
    with_notes = [
        _(
            "Round %(round)s already has notes from groups %(groups)s: forming it again would give those notes to "
            "other people. Re-balance the round instead, or move the notes first."
        )
        % {"round": n, "groups": ", ".join(str(g) for g in groups)}
        for n in sorted({x.spec.number for x in results})
        if (
            groups := sorted(
                set(by_number[n].groups.filter(contributions__isnull=False).values_list("number", flat=True))
            )
        )
    ]
    if with_notes:
        raise FormationError(with_notes)
    with transaction.atomic():
        for result in results:
            store(by_number[result.spec.number], result, r, seed=seed, actor=actor)
        record(
            "groups.formed",
            actor=actor,
            consultation=event.consultation,
            obj=event,
            rounds=[x.spec.number for x in results],
            seed=seed,
            people=len(r.people),
        )
    return Formed(event, r, results)


def _form_one(event, rounds, specs, r: Roster, number: int, seed: int, time_limit: float):
    if number not in {x.number for x in rounds}:
        raise FormationError(
            [
                _("%(event)s has no round %(number)s (rounds: %(rounds)s).")
                % {"event": event.title, "number": number, "rounds": ", ".join(str(x.number) for x in rounds)}
            ]
        )
    ids = {reg.participant_id: pid for pid, reg in r.registrations.items()}
    earlier = [stored_result(x, r.by_id, ids) for x in rounds if x.number < number and x.groups.exists()]
    spec = next(s for s in specs if s.number == number)
    if spec.rule == "keep_previous" and not any(e.spec.number == spec.keep_round for e in earlier):
        raise FormationError(
            [
                _("Round %(number)s keeps the groups of round %(keep)s: form round %(keep)s first.")
                % {"number": number, "keep": spec.keep_round}
            ]
        )
    result = engine.plan_round(
        r.people,
        spec,
        earlier=earlier,
        seed=seed,
        time_limit=time_limit,
        area_neighbours=neighbours(event),
        lang=lang(),
    )
    results = [result]
    # Rounds that keep this round's groups follow it.
    for later in specs:
        if later.rule == "keep_previous" and later.keep_round == number:
            kept = engine.Notice("kept_groups", {"keep": number})
            results.append(engine.RoundResult(later, result.groups, engine.Report(status="kept", notices=(kept,))))
    return results


@transaction.atomic
def store(rnd: Round, result: engine.RoundResult, r: Roster, *, seed: int = 0, actor=None, extra=None) -> None:
    """Replace the round's groups with the engine's. Group rows are reused by number, so a group keeps its
    facilitator, its token and anything already attached to it (notes); surplus groups are removed unless
    notes are attached, in which case they stay, empty, so that no note loses its group."""
    existing = {g.number: g for g in rnd.groups.all()}
    areas = {a.name: a for a in rnd.event.consultation.areas.all()}
    GroupMembership.objects.filter(group__round=rnd).delete()
    memberships = []
    for g in result.groups:
        area = areas.get(g.area) if g.area else None
        group = existing.pop(g.number, None)
        if group is None:
            group = Group.objects.create(round=rnd, number=g.number, area=area)
        elif group.area_id != (area.pk if area else None):
            group.area = area
            group.save(update_fields=["area"])
        memberships.extend(
            GroupMembership(group=group, participant_id=r.registrations[pid].participant_id) for pid in g.members
        )
    GroupMembership.objects.bulk_create(memberships)
    Group.objects.filter(pk__in=[g.pk for g in existing.values()], contributions__isnull=True).delete()
    data = {
        "report": asdict(result.report),
        "not_taking_part": list(result.not_taking_part),
        "ids": {pid: reg.pk for pid, reg in r.registrations.items()},
        "warnings": r.warnings,
    }
    if extra:
        data.update(extra)
    RoundReport.objects.update_or_create(
        round=rnd,
        defaults={"seed": seed, "data": _plain(data), "formed_by": actor.get_username() if actor else "samrad"},
    )


def _plain(value):
    """JSON-able copy: tuples to lists, mappings to dicts."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value

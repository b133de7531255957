"""Demo stage: the example's (invented) participants and their registrations for the 1 June dialogue."""

import re
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation
from samrad.core.csvfiles import lookup, read_rows
from samrad.demo import EXAMPLE_EVENT

from .models import Group, GroupMembership, Participant, Registration

COLUMNS = ["ref", "name", "email", "organisation", "role", "municipality", "area", "needs"]


@transaction.atomic
def load_participants(consultation: Consultation, directory: Path) -> str:
    path = directory / "participants.csv"
    event = consultation.events.get(slug=EXAMPLE_EVENT)
    areas = {a.slug: a for a in consultation.areas.all()}
    roles = {r.slug: r for r in consultation.role_categories.all()}
    municipalities = {m.slug: m for m in consultation.municipalities.all()}
    count = 0
    for row_no, row in read_rows(path, COLUMNS):
        participant, _created = Participant.objects.update_or_create(
            consultation=consultation,
            external_ref=row["ref"],
            defaults={
                "name": row["name"],
                "email": row["email"],
                "organisation": row["organisation"],
                "role_category": lookup(roles, row["role"], path, row_no, "role") if row["role"] else None,
                "municipality": lookup(municipalities, row["municipality"], path, row_no, "municipality")
                if row["municipality"]
                else None,
            },
        )
        Registration.objects.update_or_create(
            event=event,
            participant=participant,
            defaults={
                "area": lookup(areas, row["area"], path, row_no, "area"),
                "needs": row["needs"],
                "status": Registration.Status.ATTENDED,
            },
        )
        count += 1
    return _("%(count)d participants registered for %(event)s") % {"count": count, "event": event.title}


# --- groups ---------------------------------------------------------------------------------------------
EXAMPLE_SEED = 1
EXAMPLE_TIME_LIMIT = 10.0


def form_example_groups(consultation: Consultation, directory: Path) -> str:
    """Form the 1 June dialogue's three rounds, unless the stored groups already hold exactly its people."""
    from .formation import form, taking_part

    event = consultation.events.get(slug=EXAMPLE_EVENT)
    rounds = list(event.rounds.order_by("number"))
    people = set(taking_part(event).values_list("participant_id", flat=True))
    formed_before = all(
        set(GroupMembership.objects.filter(group__round=r).values_list("participant_id", flat=True)) == people
        for r in rounds
    )
    if not formed_before:
        form(event, seed=EXAMPLE_SEED, time_limit=EXAMPLE_TIME_LIMIT)
    counts = ", ".join(
        _("round %(n)s: %(groups)d groups") % {"n": r.number, "groups": r.groups.count()} for r in rounds
    )
    return _("%(event)s: %(counts)s") % {"event": event.title, "counts": counts}


_REF = re.compile(r"^r(?P<round>\d+)-(?:g(?P<n>\d+)|(?P<area>[a-z0-9-]+)-(?P<an>\d+))$")


def group_for_example_ref(event, round_number: int, ref: str, area_slug: str) -> Group | None:
    """The formed group that an example note's group reference (notes.csv `group`) stands for.

    `r1-musik-2` is the 2nd round-1 group of Musik; `r2-g07` is mixed group 7 (round 3 keeps round 2's groups,
    so `r3-g07` is the same group). The example's facilitators formed their groups by hand, so the numbers
    need not match ours: the n-th group of an area wraps around the area's groups, and group n of a mixed round
    is taken modulo the number of groups, preferring the first group from there with a member of the note's
    area. None when the round has no groups.
    """
    match = _REF.match(ref or "")
    groups = list(
        Group.objects.filter(round__event=event, round__number=round_number).select_related("area").order_by("number")
    )
    if not match or not groups:
        return None
    with_area = set(
        GroupMembership.objects.filter(
            group__in=groups, participant__registrations__event=event, participant__registrations__area__slug=area_slug
        ).values_list("group_id", flat=True)
    )
    if match["area"]:
        n = int(match["an"])
        own = [g for g in groups if g.area and g.area.slug == match["area"]]
        if own:
            return own[(n - 1) % len(own)]
        # The area was too small for a group of its own (joined a neighbour): a group with one of its people.
        hosting = [g for g in groups if g.pk in with_area]
        return hosting[(n - 1) % len(hosting)] if hosting else groups[(n - 1) % len(groups)]
    start = (int(match["n"]) - 1) % len(groups)
    for offset in range(len(groups)):
        candidate = groups[(start + offset) % len(groups)]
        if candidate.pk in with_area:
            return candidate
    return groups[start]

"""Publication thresholds, computed on the server for every output format.

An area is published only when at least `PublicationRule.min_participants` distinct people took part in it.
Who counts for an area:
- participants registered for the area in a culture-area dialogue (registered or attended),
- authors of contributions about the area: a known participant, an anonymous respondent (survey, import),
- for a group note about the area: the group's members who registered for that area.
"""

from collections import defaultdict
from dataclasses import dataclass

from samrad.consultations.models import Area, Consultation, Event, PublicationRule
from samrad.intake.models import Contribution
from samrad.participation.models import GroupMembership, Registration

DEFAULT_MINIMUM = 5


@dataclass(frozen=True)
class AreaStatus:
    area: Area
    participants: int
    minimum: int

    @property
    def withheld(self) -> bool:
        return self.participants < self.minimum

    @property
    def published(self) -> bool:
        return not self.withheld


def minimum_for(consultation: Consultation) -> int:
    rule = PublicationRule.objects.filter(consultation=consultation).first()
    return rule.min_participants if rule else DEFAULT_MINIMUM


def people_per_area(consultation: Consultation) -> dict[int, set[str]]:
    """Area id → the set of distinct person keys behind it."""
    people: dict[int, set[str]] = defaultdict(set)
    registrations = Registration.objects.filter(
        event__consultation=consultation,
        event__kind=Event.Kind.AREA_DIALOGUE,
        status__in=Registration.ACTIVE,
        area__isnull=False,
    ).values_list("area_id", "participant_id")
    area_of: dict[tuple[int, int], int] = {}
    for area_id, participant_id in registrations:
        people[area_id].add(f"participant:{participant_id}")
    for event_id, participant_id, area_id in Registration.objects.filter(
        event__consultation=consultation, area__isnull=False
    ).values_list("event_id", "participant_id", "area_id"):
        area_of[(event_id, participant_id)] = area_id

    rows = Contribution.objects.filter(consultation=consultation, area__isnull=False).values_list(
        "area_id", "participant_id", "respondent", "group_id", "group__round__event_id"
    )
    group_ids = {row[3] for row in rows if row[3] and not row[1] and not row[2]}
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, participant_id in GroupMembership.objects.filter(group_id__in=group_ids).values_list(
        "group_id", "participant_id"
    ):
        members[group_id].append(participant_id)
    for area_id, participant_id, respondent, group_id, event_id in rows:
        if participant_id:
            people[area_id].add(f"participant:{participant_id}")
        elif respondent:
            people[area_id].add(f"respondent:{respondent}")
        elif group_id:
            for member in members[group_id]:
                if area_of.get((event_id, member)) == area_id:
                    people[area_id].add(f"participant:{member}")
    return people


def area_statuses(consultation: Consultation) -> list[AreaStatus]:
    """Every area in plan order with its participant count and whether it is withheld."""
    minimum = minimum_for(consultation)
    people = people_per_area(consultation)
    return [AreaStatus(area, len(people.get(area.pk, ())), minimum) for area in consultation.areas.all()]


def area_status(area: Area) -> AreaStatus:
    """One area's count and whether it is withheld (the same count as `area_statuses`)."""
    people = people_per_area(area.consultation)
    return AreaStatus(area, len(people.get(area.pk, ())), minimum_for(area.consultation))


def suppress(count: int, minimum: int) -> int | None:
    """A count broken down by municipality or role is shown only when it reaches the minimum."""
    return count if count >= minimum else None

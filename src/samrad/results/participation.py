"""Who took part, counted once per person: by role category and by municipality."""

from dataclasses import dataclass

from samrad.consultations.models import Consultation
from samrad.intake.models import Contribution
from samrad.participation.models import Participant

from .thresholds import people_per_area


@dataclass
class ParticipationCounts:
    total: int
    by_role: list[tuple[str, int]]  # in plan order
    by_municipality: list[tuple[str, int]]


def participation_counts(consultation: Consultation) -> ParticipationCounts:
    people = set().union(*people_per_area(consultation).values()) if consultation.areas.exists() else set()
    role_of: dict[str, int | None] = {}
    municipality_of: dict[str, int | None] = {}
    participant_ids = [int(k.split(":")[1]) for k in people if k.startswith("participant:")]
    for pk, role, municipality in Participant.objects.filter(pk__in=participant_ids).values_list(
        "pk", "role_category_id", "municipality_id"
    ):
        role_of[f"participant:{pk}"], municipality_of[f"participant:{pk}"] = role, municipality
    for respondent, role, municipality in (
        Contribution.objects.filter(consultation=consultation)
        .exclude(respondent="")
        .values_list("respondent", "role_category_id", "municipality_id")
    ):
        key = f"respondent:{respondent}"
        role_of[key] = role_of.get(key) or role
        municipality_of[key] = municipality_of.get(key) or municipality

    def count(attr: dict, options) -> list[tuple[str, int]]:
        return [(o.name, sum(1 for k in people if attr.get(k) == o.pk)) for o in options]

    return ParticipationCounts(
        total=len(people),
        by_role=count(role_of, consultation.role_categories.all()),
        by_municipality=count(municipality_of, consultation.municipalities.all()),
    )

"""What the public may see, computed once on the server and used by every output format alike:
the results page, the static site, JSON, CSV, DOCX and PDF.

Publication rules applied here, and only here:
- an area below the plan's minimum of distinct participants is withheld: its notice replaces its content
  (checked again on every request, also for an area published earlier);
- an area shows the text of its last published snapshot, never the analysts' draft;
- counts broken down by municipality or role are protected as `counts.py` decides.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.db.models import Max

from samrad.consultations.models import Consultation, Question

from . import counts
from .models import Snapshot
from .thresholds import area_statuses, minimum_for

QUOTE_KINDS = {Question.Kind.ATTRACTIVENESS, Question.Kind.SUSTAINABILITY}


@dataclass
class ThemeLine:
    headline: str
    points: list[str] = field(default_factory=list)


@dataclass
class Section:
    question_slug: str
    question_kind: str
    heading: str
    themes: list[ThemeLine] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.themes or self.rest or self.quotes)

    @property
    def display_heading(self) -> str:
        """The reference page says "Utvalt exempel" over a single quote and "Utvalda exempel" over several."""
        if len(self.quotes) == 1 and self.heading.startswith("Utvalda exempel"):
            return "Utvalt exempel" + self.heading[len("Utvalda exempel") :]
        return self.heading

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Section":
        themes = [ThemeLine(t["headline"], list(t.get("points", []))) for t in data.get("themes", [])]
        return cls(
            data["question_slug"],
            data.get("question_kind", ""),
            data.get("heading", ""),
            themes,
            list(data.get("rest", [])),
            list(data.get("quotes", [])),
        )


def sections_of(snapshot: Snapshot | None) -> list[Section]:
    if snapshot is None:
        return []
    return [Section.from_dict(s) for s in snapshot.content.get("sections", [])]


@dataclass
class PublishedArea:
    slug: str
    name: str
    withheld: bool
    published: bool  # the analysts published its summary
    sections: list[Section] = field(default_factory=list)


@dataclass
class PublishedSummary:
    consultation: Consultation
    minimum: int
    withheld_text: str
    followup_text: str
    banner: str  # empty when every text is final
    last_updated: datetime | None
    areas: list[PublishedArea]
    participation: counts.Overview  # protected: what the public may see

    @property
    def total_participants(self) -> int | None:
        return self.participation.people.shown

    @property
    def by_role(self) -> list[counts.Row]:
        return self.participation.roles.rows

    @property
    def by_municipality(self) -> list[counts.Row]:
        return self.participation.municipalities.rows


def build(consultation: Consultation) -> PublishedSummary:
    rule = getattr(consultation, "publication_rule", None)
    snapshots = {s.area_id: s for s in Snapshot.objects.filter(consultation=consultation)}
    areas = []
    for status in area_statuses(consultation):
        snapshot = snapshots.get(status.area.pk)
        area = PublishedArea(status.area.slug, status.area.name, status.withheld, snapshot is not None)
        if snapshot is not None and not status.withheld:
            area.sections = [s for s in sections_of(snapshot) if not s.empty]
        areas.append(area)
    all_final = all(a.published or a.withheld for a in areas)
    results_final = consultation.status in (Consultation.Status.PUBLISHED, Consultation.Status.CLOSED)
    banner = "" if (all_final and results_final) else (rule.processing_banner if rule else "")
    last = Snapshot.objects.filter(consultation=consultation).aggregate(m=Max("published_at"))["m"]
    return PublishedSummary(
        consultation=consultation,
        minimum=minimum_for(consultation),
        withheld_text=rule.withheld_text if rule else "",
        followup_text=rule.followup_text if rule else "",
        banner=banner,
        last_updated=last,
        areas=areas,
        participation=counts.overview(consultation),
    )

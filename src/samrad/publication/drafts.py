"""Where the draft comes from. samrad.review owns the analysts' workspace and registers a function that renders
an area's draft as the sections the public would see; publication never imports review (no cycle)."""

from collections.abc import Callable

from django.dispatch import Signal

from samrad.consultations.models import Area

from .summary import Section

DraftSource = Callable[[Area], list[Section]]
_source: list[DraftSource] = []

# Sent after an area was published or withdrawn (sender: the Snapshot class; kwargs: area, user, label), so the
# workspace can keep its own status in step whoever published (web page, `samrad review`, the demo).
area_published = Signal()
area_withdrawn = Signal()


def register(source: DraftSource) -> None:
    _source[:] = [source]


def draft_sections(area: Area) -> list[Section]:
    """The area's draft as it would be published: non-empty sections in question order."""
    if not _source:
        raise RuntimeError("No draft source is registered (samrad.review registers one in its AppConfig.ready).")
    return [s for s in _source[0](area) if not s.empty]

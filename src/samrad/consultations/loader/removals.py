"""Events and rounds that a new version of the file drops, and what they hold.

An event missing from the file is deleted with its registrations and groups (a renamed slug looks the same), and a
dropped round takes its groups with it. That is refused unless the person loading the file says --allow-delete;
then the loader lists what goes, and the command keeps a backup first.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.consultations import models as m


@dataclass(frozen=True)
class Removal:
    event: str  # slug
    title: str
    round: int | None  # None: the whole event
    registrations: int
    groups: int
    notes: int
    path: str = "events"  # where to point in the file: the event's table when only a round goes

    def holdings(self) -> str:
        parts = []
        if self.registrations:
            parts.append(
                ngettext("%(count)d registration", "%(count)d registrations", self.registrations)
                % {"count": self.registrations}
            )
        if self.groups:
            parts.append(ngettext("%(count)d group", "%(count)d groups", self.groups) % {"count": self.groups})
        if self.notes:
            parts.append(ngettext("%(count)d note", "%(count)d notes", self.notes) % {"count": self.notes})
        return ", ".join(parts)

    def describe(self) -> str:
        """One line for the list of what goes."""
        if self.round is None:
            return _("the event %(slug)s (%(title)s): %(holds)s") % {
                "slug": self.event,
                "title": self.title,
                "holds": self.holdings(),
            }
        return _("round %(number)d of the event %(slug)s: %(holds)s") % {
            "number": self.round,
            "slug": self.event,
            "holds": self.holdings(),
        }


def find_removals(plan: dict) -> list[Removal]:
    """What loading `plan` would delete that people have already used (read-only)."""
    consultation = m.Consultation.objects.filter(slug=plan["consultation"]["slug"]).first()
    if consultation is None:
        return []
    registration = apps.get_model("participation", "Registration")
    group = apps.get_model("participation", "Group")
    contribution = apps.get_model("intake", "Contribution")
    rounds_in_file = {ev["slug"]: len(ev["rounds"]) for ev in plan["events"]}
    paths = {ev["slug"]: ev["_path"] for ev in plan["events"]}
    out = []
    for event in consultation.events.order_by("starts_at", "slug"):
        if event.slug not in rounds_in_file:
            removal = Removal(
                event.slug,
                event.title,
                None,
                registration.objects.filter(event=event).count(),
                group.objects.filter(round__event=event).count(),
                contribution.objects.filter(event=event).count(),
            )
            if removal.holdings():
                out.append(removal)
            continue
        for round_ in event.rounds.filter(number__gt=rounds_in_file[event.slug]).order_by("number"):
            removal = Removal(
                event.slug,
                event.title,
                round_.number,
                0,
                group.objects.filter(round=round_).count(),
                contribution.objects.filter(group__round=round_).count(),
                paths[event.slug],
            )
            if removal.holdings():
                out.append(removal)
    return out


def refusal(removal: Removal) -> tuple[str, str]:
    """(key, message) for the problem list."""
    if removal.round is None:
        message = _(
            "the event %(slug)r (%(title)s) is no longer in the file, but it has %(holds)s. Loading the file would "
            "delete its registrations and groups, and its notes would lose their event. Put the event back (to "
            "rename it, change its title and keep its slug), or load the file with --allow-delete to delete them; "
            "a backup is made first."
        ) % {"slug": removal.event, "title": removal.title, "holds": removal.holdings()}
        return "events", message
    message = _(
        "round %(number)d of the event %(slug)r is no longer in the file, but it has %(holds)s. Loading the file "
        "would delete its groups. Put the round back, or load the file with --allow-delete; a backup is made first."
    ) % {"number": removal.round, "slug": removal.event, "holds": removal.holdings()}
    return removal.path, message

"""The personal-data inventory: every app that stores personal data registers a provider here, so a
person's data can be shown, downloaded and erased, and a consultation's data purged, in one place.

    from samrad.privacy.registry import Provider, register
    register(Provider(
        key="survey.contact", label=_("Survey contact details"), fields=(_("e-mail"), _("phone")),
        export=lambda subject: [...],          # list of dicts (JSON-ready) about this person
        erase=lambda subject: n,               # remove or anonymise; return how many records changed
        count=lambda consultation: n,          # records with personal data not yet erased
        purge=lambda consultation: n,          # optional: data not tied to a Participant (retention)
    ))

Call register() in your AppConfig.ready() (samrad's own: participation/privacy.py, intake/privacy.py, and
free_text.py here). Providers run in registration order; the participant itself is anonymised last, after
every provider has seen it. Free text you keep (notes, quotes, summaries) should go through
`subject.scrub(text)`, which blanks the person's name and e-mail address wherever they occur. Times in an
export go through `local_time`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone

REDACTED = "[borttaget]"


def local_time(value) -> str | None:
    """Swedish time, with its offset: what the person saw when they registered or wrote."""
    return timezone.localtime(value).isoformat(timespec="minutes") if value else None


@dataclass
class Subject:
    """One person (all their rows in one consultation), or everyone left at the end of the retention period."""

    consultation: Any
    participants: list = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    keep_contributions: bool = True
    reason: str = "request"  # ErasedParticipant.Reason

    @property
    def participant_ids(self) -> list[int]:
        return [p.pk for p in self.participants]

    @cached_property
    def _pattern(self) -> re.Pattern | None:
        words = sorted({i.strip() for i in self.identifiers if len(i.strip()) >= 3}, key=len, reverse=True)
        if not words:
            return None
        # Any run of spaces between the parts of a name; case does not matter.
        parts = [r"\s+".join(re.escape(w) for w in word.split()) for word in words]
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

    def scrub(self, text: str) -> str:
        if not text or self._pattern is None:
            return text
        return self._pattern.sub(REDACTED, text)

    def scrub_json(self, value):
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, list):
            return [self.scrub_json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub_json(v) for k, v in value.items()}
        return value


@dataclass(frozen=True)
class Provider:
    key: str
    label: Any
    fields: tuple = ()
    export: Callable[[Subject], list[dict]] = lambda subject: []
    erase: Callable[[Subject], int] = lambda subject: 0
    count: Callable[[Any], int] = lambda consultation: 0
    purge: Callable[[Any], int] | None = None


PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    PROVIDERS[provider.key] = provider


def providers() -> list[Provider]:
    """In order; the participant provider always last."""
    return sorted(PROVIDERS.values(), key=lambda p: p.key == "participation.participant")

"""The personal-data inventory: every app that stores personal data registers a provider here, so a
person's data can be shown, downloaded and erased, and a consultation's data purged, in one place.

    from samrad.core.personaldata import Provider, register
    register(Provider(
        key="survey.contact", label=_("Survey contact details"), fields=(_("e-mail"), _("phone")),
        export=lambda subject: [...],          # list of dicts (JSON-ready) about this person
        erase=lambda subject: n,               # remove or anonymise; return how many records changed
        count=lambda consultation: n,          # records with personal data not yet erased
        purge=lambda consultation: n,          # optional: data not tied to a Participant (retention)
    ))

Call register() in your AppConfig.ready() (samrad's own: participation/privacy.py, intake/privacy.py, and
privacy/free_text.py). Providers run in registration order; the participant itself is anonymised last, after
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


# Name particles that are not a surname on their own ("von Platen": "Platen" is).
PARTICLES = {"af", "av", "da", "de", "del", "den", "der", "di", "du", "la", "le", "van", "von", "zu"}
MIN_LENGTH = 3


def _words(text: str) -> str:
    """A phrase as a pattern: any run of spaces between its words."""
    return r"\s+".join(re.escape(w) for w in text.split())


def _capitalised(word: str) -> str:
    """A surname alone matches only as a name is written, with a capital ("Berg", not "berg" in "fjällberg")."""
    first = word[0]
    return f"(?-i:[{re.escape(first.upper())}])" + re.escape(word[1:])


def name_pattern(identifiers) -> re.Pattern | None:
    """The ways a person's name and e-mail address occur in text: as written, "Surname, First" (also without the
    comma), and the surname alone, capitalised (with each part of a double surname). Case does not matter
    except for the surname alone."""
    full: set[str] = set()
    alone: set[str] = set()
    for raw in identifiers:
        text = " ".join(raw.split())
        if len(text) < MIN_LENGTH:
            continue
        full.add(text)
        words = text.split()
        if "@" in text or len(words) < 2:
            continue
        surnames = {" ".join(words[k:]) for k in range(1, len(words) - 1)}  # "von Platen", "Lindqvist Aberg"
        parts = {p for word in words[1:] for p in {word, *word.split("-")} if p and p.lower() not in PARTICLES}
        # A short surname ("Ek") alone would blank ordinary words; with the given name it is specific enough.
        alone.update(p for p in parts if len(p) >= MIN_LENGTH)
        full.update(surnames)
        for surname in surnames | parts:
            full.add(f"{surname}, {words[0]}")
            full.add(f"{surname}, {' '.join(words[:-1])}")
    if not full:
        return None
    alternatives = [(len(t), r",?\s+".join(_words(p) for p in t.split(", "))) for t in full]
    alternatives += [(len(w), _capitalised(w)) for w in alone]
    # Longest first, so "Lindqvist-Åberg" is taken whole before "Lindqvist".
    patterns = [p for _n, p in sorted(alternatives, key=lambda a: -a[0])]
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?:s)?(?!\w)", re.IGNORECASE)


@dataclass
class Subject:
    """One person (all their rows in one consultation), or everyone left at the end of the retention period."""

    consultation: Any
    participants: list = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    keep_contributions: bool = True
    reason: str = "request"  # ErasedParticipant.Reason
    base_url: str = ""  # the site's address, for e-mails the erasure sets off (someone moved up a waiting list)

    @property
    def participant_ids(self) -> list[int]:
        return [p.pk for p in self.participants]

    @cached_property
    def _pattern(self) -> re.Pattern | None:
        return name_pattern(self.identifiers)

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


# The privacy notice (what is kept, why, for how long) is written by the privacy app from the consultation's
# record of processing. An app that collects data and must show it (the sign-up form's consent text) asks here,
# so it need not import the privacy app, which itself loads every app's data for erasure.
_notice: Callable[..., list[str]] | None = None


def set_notice(paragraphs: Callable[..., list[str]]) -> None:
    global _notice
    _notice = paragraphs


def notice_paragraphs(consultation, *, what=None) -> list[str]:
    """One paragraph each: what is kept (`what`: the form's own list), why, for how long, what one can do."""
    if _notice is None:
        raise RuntimeError("samrad.privacy is not installed: no one writes the privacy notice")
    return _notice(consultation, what=what)

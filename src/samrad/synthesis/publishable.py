"""The last stage: every text meant for publication is checked once more for personal data.

The describer already passes by phrases that hold a name, an e-mail address or a number, so a theme line
never needs a redaction token. This stage is the guard behind it, for any describer (a replaced stage, a
language model's proposal): an item that holds personal data is dropped, a headline that does is replaced
by the theme's keywords, and quotes are published only in their redacted form. What it had to do is said
in a warning, never silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from .describe import _keyword_headline
from .messages import msg
from .model import Point, ResultWarning, Section
from .redact import PLACEHOLDER, Redactor

_TOKENS = tuple(PLACEHOLDER.values())


@dataclass
class RedactStage:
    redactor: Redactor
    messages: str = "sv"
    lang: str = "sv"  # the page's language, for a headline made of keywords

    def run(self, sections: list[Section]) -> list[ResultWarning]:
        fixed = 0
        for section in sections:
            for theme in section.themes:
                if self._unsafe(theme.headline.text):
                    theme.headline = Point(theme.headline.statement_id, _keyword_headline(theme.keywords, self.lang))
                    fixed += 1
                kept = [p for p in theme.points if not self._unsafe(p.text)]
                fixed += len(theme.points) - len(kept)
                theme.points = kept
                proposal = theme.wording or {}
                for phrase in [proposal.get("headline") or {}, *(proposal.get("examples") or [])]:
                    if phrase.get("accepted") and self._unsafe(phrase.get("text", "")):
                        phrase.update(accepted=False, reason="personal_data")
                        fixed += 1
            kept_rest = [p for p in section.rest_points if not self._unsafe(p.text)]
            fixed += len(section.rest_points) - len(kept_rest)
            section.rest_points = kept_rest
            for quote in section.quotes:
                # Quotes are redacted by the quote maker; a text that still holds personal data is redacted again.
                if self.redactor.find(quote.text):
                    quote.text = self.redactor.redact(quote.text)[0]
                    fixed += 1
        if not fixed:
            return []
        return [
            ResultWarning("personal_data_removed", msg("personal_data_removed", self.messages, n=fixed), count=fixed)
        ]

    def _unsafe(self, text: str) -> bool:
        return any(t in text for t in _TOKENS) or bool(self.redactor.find(text))

"""GroupingError: bad input, named in Swedish or English. Raised before any group is formed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .messages import DEFAULT_LANG, message


@dataclass(frozen=True)
class Issue:
    """One problem with the input: a message code plus the person or setting it concerns."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return message(self.code, lang, self.params)


class GroupingError(ValueError):
    """All problems found in the input, not just the first, so they can be fixed in one go."""

    def __init__(self, issues: list[Issue], lang: str = DEFAULT_LANG) -> None:
        self.issues = list(issues)
        self.lang = lang
        super().__init__(self.text(lang))

    def text(self, lang: str | None = None) -> str:
        return "\n".join(issue.text(lang or self.lang) for issue in self.issues)

    @property
    def codes(self) -> list[str]:
        return [issue.code for issue in self.issues]


def fail(code: str, lang: str = DEFAULT_LANG, **params: object) -> GroupingError:
    return GroupingError([Issue(code, params)], lang)

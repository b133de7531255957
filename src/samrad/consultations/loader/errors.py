from dataclasses import dataclass, field

from django.utils.translation import ngettext


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (line, key) and what, already translated."""

    key: str
    message: str
    line: int | None = None

    def format(self, filename: str) -> str:
        where = f"{filename}:{self.line}" if self.line else filename
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass
class LoadError(Exception):
    filename: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return self.format()

    def format(self) -> str:
        head = ngettext(
            "Could not load %(file)s (%(count)d problem). Nothing was changed.",
            "Could not load %(file)s (%(count)d problems). Nothing was changed.",
            len(self.problems),
        ) % {
            "file": self.filename,
            "count": len(self.problems),
        }
        return "\n".join([head, *("  " + p.format(self.filename) for p in self.problems)])

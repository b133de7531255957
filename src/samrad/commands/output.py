"""Console output shared by the subcommands: rich on a terminal, plain text otherwise."""

import sys

from rich.console import Console

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 2) -> int:
    """Print a message for the user (never a traceback) and return the exit code."""
    sys.stderr.write(message.rstrip() + "\n")
    return code


def is_interactive() -> bool:
    return sys.stderr.isatty()

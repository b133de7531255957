"""Other apps add top-level sections to the consultation file (e.g. follow-up goals) by registering here.

validate(value, ctx) -> None       report problems with ctx.problem(key, message)
apply(consultation, value, ctx)    write to the database (inside the loader's transaction)
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    name: str
    validate: Callable[[Any, Any], None]
    apply: Callable[[Any, Any, Any], None]


SECTIONS: dict[str, Section] = {}


def register_section(name: str, validate: Callable, apply: Callable) -> None:
    SECTIONS[name] = Section(name, validate, apply)

"""What one import may cost: rows, columns, cells, the unpacked size of a workbook, and time.

A 1.6 KB workbook can claim a cell in row 1,048,576 and a zip member can unpack to gigabytes; without bounds
one upload holds a server process for minutes and gigabytes. Each bound is a setting (Django setting or
environment variable of the same name); the import page has its own, shorter time limit, below the server's
request timeout. See docs/organisers.md, "Importing answers from other tools".
"""

import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import number_format
from django.utils.translation import gettext as _

DEFAULTS = {
    "SAMRAD_IMPORT_MAX_ROWS": 200_000,
    "SAMRAD_IMPORT_MAX_COLUMNS": 1_000,
    "SAMRAD_IMPORT_MAX_CELLS": 5_000_000,
    "SAMRAD_IMPORT_MAX_UNPACKED_MB": 300,
    "SAMRAD_IMPORT_MAX_SECONDS": 600,
    "SAMRAD_IMPORT_MAX_SECONDS_WEB": 45,  # gunicorn stops a request after 60 s (samrad serve)
}


class LimitExceeded(ValueError):
    """The file would cost more than an import may. The message names the limit and what to do."""


def _setting(name: str) -> float:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "").strip() or DEFAULTS[name]
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name}={value!r}: give a number.") from None
    if number <= 0:
        raise ImproperlyConfigured(f"{name}={value!r}: give a number above 0.")
    return number


def _n(value: float) -> str:
    return number_format(int(value), force_grouping=True)


@dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    cells: int
    unpacked_bytes: int
    seconds: float
    seconds_setting: str = "SAMRAD_IMPORT_MAX_SECONDS"

    @classmethod
    def from_settings(cls, *, web: bool = False) -> "Limits":
        seconds_setting = "SAMRAD_IMPORT_MAX_SECONDS_WEB" if web else "SAMRAD_IMPORT_MAX_SECONDS"
        return cls(
            rows=int(_setting("SAMRAD_IMPORT_MAX_ROWS")),
            columns=int(_setting("SAMRAD_IMPORT_MAX_COLUMNS")),
            cells=int(_setting("SAMRAD_IMPORT_MAX_CELLS")),
            unpacked_bytes=int(_setting("SAMRAD_IMPORT_MAX_UNPACKED_MB") * 1024 * 1024),
            seconds=_setting(seconds_setting),
            seconds_setting=seconds_setting,
        )


class Budget:
    """Limits plus the clock of one import. The reading and checking loops call it for every row."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds

    def time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(
                _(
                    "The import was stopped after %(limit)s seconds, the most one import may take "
                    "(setting %(setting)s); nothing was imported. Split the file into smaller ones, or import it "
                    "with `samrad import` on the server."
                )
                % {"limit": _n(self.limits.seconds), "setting": self.limits.seconds_setting}
            )

    def row(self, number: int, width: int) -> None:
        """Row `number` of the file (counting empty rows) has `width` cells."""
        if number > self.limits.rows:
            raise LimitExceeded(
                _(
                    "The file has more than %(limit)s rows (empty rows count too), the most one import may read "
                    "(setting SAMRAD_IMPORT_MAX_ROWS). If the answers end earlier, delete the empty-looking rows "
                    "below them in the spreadsheet program and save again; otherwise split the file."
                )
                % {"limit": _n(self.limits.rows)}
            )
        if width > self.limits.columns:
            raise LimitExceeded(
                _(
                    "Row %(row)s has %(width)s columns; one import may read at most %(limit)s (setting "
                    "SAMRAD_IMPORT_MAX_COLUMNS). Delete the columns you do not import, and any empty-looking ones "
                    "to the right of the answers, and save again."
                )
                % {"row": _n(number), "width": _n(width), "limit": _n(self.limits.columns)}
            )
        self.time()

    def cells(self, count: int) -> None:
        if count > self.limits.cells:
            raise LimitExceeded(
                _(
                    "The file has more than %(limit)s cells (rows × columns), the most one import may read "
                    "(setting SAMRAD_IMPORT_MAX_CELLS). Delete the columns you do not import, or split the file."
                )
                % {"limit": _n(self.limits.cells)}
            )

    def unpacked(self, size: int) -> None:
        if size > self.limits.unpacked_bytes:
            raise LimitExceeded(
                _(
                    "Unpacked, the workbook would take %(size)s MB; one import may read at most %(limit)s MB "
                    "(setting SAMRAD_IMPORT_MAX_UNPACKED_MB). Delete what you do not import (other sheets, "
                    "pictures, empty rows), or save the answers as CSV and import that file."
                )
                % {"size": _n(size / 1024 / 1024 + 0.5), "limit": _n(self.limits.unpacked_bytes / 1024 / 1024)}
            )

"""Files that read without an error but not as meant: binary data named .csv, and cells that swallowed rows.

A stray quotation mark that opens a cell without closing it makes everything up to the next quotation mark one
cell: the CSV reader raises no error, and the rows in between silently vanish. Such a cell is recognised by its
lines that look like rows of their own (as many cells as the header, and a first cell like the other rows'
first cells), or by an implausible number of lines. It is reported with its lines in the file, and the import
waits for the person to correct the file or to confirm that the cell is right.
"""

import csv
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_LINES_IN_CELL = 40  # more lines than any answer has: a cell that long is most likely swallowed rows
SIGNATURES = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
    b"7z\xbc\xaf": "7-Zip",
    b"Rar!": "RAR",
    b"\x7fELF": "ELF",
}
SAMPLE = 2000  # first cells looked at to tell what a row's first cell is like
BINARY_SHARE = 0.05  # of the first characters: control characters or bytes no encoding knows
NUMBER = re.compile(r"^\d+$")
DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}([ T].*)?$")


def binary_kind(data: bytes, text: str) -> str | None:
    """What kind of binary file this is ("PDF", "" when unknown), or None for text."""
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            return kind
    sample = text[:65536]
    odd = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or c == "\ufffd")
    return "" if odd >= 8 and odd > BINARY_SHARE * len(sample) else None


def not_csv_message(name: str, kind: str) -> str:
    what = (_("a %(kind)s file") % {"kind": kind}) if kind else _("binary data")
    return _(
        "“%(file)s” is not a CSV file: it holds %(what)s. Export the answers from the survey tool as CSV or as "
        "Excel (.xlsx) and import that file."
    ) % {"file": name, "what": what}


@dataclass
class SpanningCell:
    row: int  # the row number a spreadsheet shows
    column: int  # index of the cell
    first_line: int  # lines of the file the row runs over
    last_line: int
    lines: int  # lines in the cell
    row_like: int  # of them, lines that look like rows of their own


def _kind(value: str) -> str:
    value = value.strip().strip('"')
    if NUMBER.match(value):
        return "number"
    if DATE.match(value):
        return "date"
    return "text"


def spanning_cells(
    spans: list[tuple[int, int, int, list[str]]], first_cells: list[str], width: int, delimiter: str
) -> list[SpanningCell]:
    """The suspicious cells among rows that run over several lines of the file.

    spans: (row number, first line, last line, cells) of every row over several lines; first_cells: the first
    cell of every other row, to recognise a swallowed row by how its first cell looks.
    """
    if not spans:
        return []
    kinds = {_kind(v) for v in first_cells[:SAMPLE] if v.strip()}
    kind = kinds.pop() if len(kinds) == 1 else "text"
    known = {v.strip() for v in first_cells if v.strip()} if kind == "text" else set()
    found = []
    for row, first_line, last_line, cells in spans:
        for index, cell in enumerate(cells):
            if "\n" not in cell and "\r" not in cell:
                continue
            lines = cell.splitlines()
            row_like = sum(1 for line in lines[1:] if _looks_like_row(line, width, delimiter, kind, known))
            if row_like or len(lines) > MAX_LINES_IN_CELL:
                found.append(SpanningCell(row, index, first_line, last_line, len(lines), row_like))
    return found


def _looks_like_row(line: str, width: int, delimiter: str, kind: str, known: set[str]) -> bool:
    if width < 2 or line.count(delimiter) < width - 1:
        return False
    fields = next(csv.reader([line], delimiter=delimiter), [])
    if len(fields) != width:
        return False
    first = fields[0].strip()
    if kind in ("number", "date"):
        return _kind(first) == kind
    return first in known if known else width >= 3


def spanning_message(cell: SpanningCell, column: str) -> str:
    values = {
        "column": column,
        "first": cell.first_line,
        "last": cell.last_line,
        "lines": cell.lines,
        "count": cell.row_like,
    }
    if cell.row_like:
        return (
            _(
                "A cell in column “%(column)s” runs over lines %(first)d–%(last)d of the file, and %(count)d of "
                'its lines look like rows of their own. A quotation mark (") that opens a cell without closing '
                "it makes the rows after it part of that cell, so they would be missing from the import."
            )
            % values
        )
    return (
        _(
            "A cell in column “%(column)s” runs over lines %(first)d–%(last)d of the file (%(lines)d lines in "
            'one answer). That usually means a quotation mark (") opened a cell without closing it, and the rows '
            "after it became part of that cell."
        )
        % values
    )


def spanning_suggestion(cell: SpanningCell) -> str:
    return _(
        'Look at line %(first)d of the file: remove the stray quotation mark, or write it twice (""), and '
        "import again. If the cell really is one answer, confirm it: tick “Cells over many lines are right” on "
        "the import page, or use --accept-multiline with samrad import."
    ) % {"first": cell.first_line}

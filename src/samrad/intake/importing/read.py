"""Reading survey-tool exports into a table of text cells: CSV in the encodings and separators Swedish
spreadsheet programs write, and XLSX. Nothing here knows about the plan.

Row numbers are the ones a spreadsheet program shows (the header is row 1), also when a cell spans lines.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .limits import Budget, Limits
from .suspect import SpanningCell, binary_kind, not_csv_message, spanning_cells

csv.field_size_limit(16 * 1024 * 1024)  # one answer may be long; a 16 MB cell is a broken file, not an answer
QUOTED = re.compile(r'"[^"]*"')

ENCODINGS = {"auto", "utf-8", "windows-1252", "utf-16"}
DELIMITERS = {"auto": None, ";": ";", ",": ",", "tab": "\t", "\t": "\t"}


class ReadError(ValueError):
    """The file cannot be read at all. The message says why and what to do."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells), blank rows left out
    kind: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    blank_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    lines: int = 0  # CSV: lines in the file
    spanning: list[SpanningCell] = field(default_factory=list)  # CSV: cells that may have swallowed rows


def read_table(
    data: bytes,
    name: str,
    *,
    encoding: str = "auto",
    delimiter: str = "auto",
    sheet: str = "",
    header_row: int = 1,
    budget: Budget | None = None,
) -> Table:
    """The file as a table. Raises ReadError (cannot be read) or LimitExceeded (would cost too much)."""
    budget = budget or Budget(Limits.from_settings())
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        from .xlsx import read_xlsx

        return read_xlsx(data, sheet, header_row, budget)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.lower().endswith(".xls"):
        raise ReadError(_("This is an old Excel file (.xls). Save it as .xlsx or as CSV and import that file."))
    return _read_csv(data, name, encoding, delimiter, header_row, budget)


def decode(data: bytes, encoding: str = "auto") -> tuple[str, str, list[str]]:
    """(text, encoding used, warnings). Auto: BOM, else UTF-8, else Windows-1252 (Swedish Excel's 'CSV')."""
    warnings = []
    if encoding == "auto":
        if data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
        elif utf16 := _utf16_without_bom(data):
            encoding = utf16
        else:
            try:
                return data.decode("utf-8"), "utf-8", warnings
            except UnicodeDecodeError:
                encoding = "windows-1252"
    elif encoding == "utf-8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding), encoding, warnings
    except UnicodeDecodeError as exc:
        warnings.append(
            _(
                "Some bytes (the first at byte %(position)d) are not valid %(encoding)s and were replaced by “�”. "
                "If letters like å, ä and ö look wrong, set encoding in the mapping's [read] section."
            )
            % {"position": exc.start, "encoding": encoding}
        )
        return data.decode(encoding, errors="replace"), encoding, warnings


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 without a byte order mark: text in Latin letters has a NUL in every other byte."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return ""
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return ""


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: ; (Swedish Excel), , or tab — whichever occurs most outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
        elif not quoted and char in "\r\n":
            break
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


def _read_csv(data: bytes, name: str, encoding: str, delimiter: str, header_row: int, budget: Budget) -> Table:
    text, used, warnings = decode(data, encoding)
    kind = binary_kind(data, text)
    if kind is not None:
        raise ReadError(not_csv_message(Path(name).name, kind))
    text = text.lstrip("\ufeff")
    sep = DELIMITERS.get(delimiter) or sniff_delimiter(text)
    # The CSV reader builds a whole row before it hands it over: bound the cells it can make beforehand
    # (separators and line breaks inside quotes make no cells, so they are left out when it matters).
    if text.count(sep) + text.count("\n") >= budget.limits.cells:
        unquoted = QUOTED.sub("", text)
        budget.cells(unquoted.count(sep) + unquoted.count("\n") + 1)
        del unquoted
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    builder = TableBuilder(header_row, "csv", budget)
    spans: list[tuple[int, int, int, list[str]]] = []
    first_cells: list[str] = []
    number = last_line = 0
    try:
        for record in reader:
            number += 1
            first_line, last_line = last_line + 1, reader.line_num
            builder.add(number, record)
            if number > header_row and record:
                if last_line > first_line:
                    spans.append((number, first_line, last_line, record))
                else:
                    first_cells.append(record[0])
    except csv.Error as exc:
        raise ReadError(
            _("Cannot read the file as CSV near row %(row)d: %(error)s.") % {"row": number + 1, "error": exc}
        ) from None
    table = builder.table()
    table.encoding, table.delimiter = used, sep
    table.warnings = warnings + table.warnings
    table.lines = last_line
    table.spanning = spanning_cells(spans, first_cells, len(builder.raw_headers or []), sep)
    return table


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class TableBuilder:
    """Collects a file's rows one at a time, within the budget: blank rows are only counted."""

    def __init__(self, header_row: int, kind: str, budget: Budget):
        self.header_row, self.kind, self.budget = header_row, kind, budget
        self.raw_headers: list[str] | None = None
        self.rows: list[tuple[int, list[str]]] = []
        self.blank = 0
        self.cells = 0

    def add(self, number: int, record: list[str]) -> None:
        self.budget.row(number, len(record))
        if number < self.header_row:
            return
        if number == self.header_row:
            self.raw_headers = record
            return
        if not any(cell.strip() for cell in record):
            self.blank += 1
            return
        self.cells += len(record)
        self.budget.cells(self.cells)
        self.rows.append((number, record))

    def table(self) -> Table:
        if self.raw_headers is None:
            raise ReadError(_("The file is empty: there is no header row with column names."))
        width = max([len(self.raw_headers), *(len(r) for _n, r in self.rows)])
        self.budget.cells(width * (len(self.rows) + 1))
        headers: list[str] = []
        warnings: list[str] = []
        seen: dict[str, int] = {}
        for i in range(width):
            name = self.raw_headers[i].strip() if i < len(self.raw_headers) else ""
            if not name:
                name = _("column %(letter)s") % {"letter": column_letter(i)}
            key = name.casefold()
            if key in seen:
                seen[key] += 1
                new = f"{name} ({seen[key]})"
                warnings.append(
                    _("Two columns are called “%(name)s”; the second is called “%(new)s” here.")
                    % {"name": name, "new": new}
                )
                name = new
            else:
                seen[key] = 1
            headers.append(name)
        rows = [(n, record + [""] * (width - len(record))) for n, record in self.rows]
        return Table(headers=headers, rows=rows, kind=self.kind, blank_rows=self.blank, warnings=warnings)

"""Reading survey-tool exports into a table of text cells: CSV in the encodings and separators Swedish
spreadsheet programs write, and XLSX. Nothing here knows about the plan.

Row numbers are the ones a spreadsheet program shows (the header is row 1), also when a cell spans lines.
"""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

csv.field_size_limit(16 * 1024 * 1024)  # one answer may be long; a 16 MB cell is a broken file, not an answer

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


def read_table(
    data: bytes, name: str, *, encoding: str = "auto", delimiter: str = "auto", sheet: str = "", header_row: int = 1
) -> Table:
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, sheet, header_row)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.lower().endswith(".xls"):
        raise ReadError(_("This is an old Excel file (.xls). Save it as .xlsx or as CSV and import that file."))
    return _read_csv(data, encoding, delimiter, header_row)


def decode(data: bytes, encoding: str = "auto") -> tuple[str, str, list[str]]:
    """(text, encoding used, warnings). Auto: BOM, else UTF-8, else Windows-1252 (Swedish Excel's 'CSV')."""
    warnings = []
    if encoding == "auto":
        if data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
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


def _read_csv(data: bytes, encoding: str, delimiter: str, header_row: int) -> Table:
    text, used, warnings = decode(data, encoding)
    text = text.lstrip("\ufeff")
    sep = DELIMITERS.get(delimiter) or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        raise ReadError(
            _("Cannot read the file as CSV near row %(row)d: %(error)s.") % {"row": len(records) + 1, "error": exc}
        ) from None
    table = _table(records, header_row, "csv")
    table.encoding, table.delimiter = used, sep
    table.warnings = warnings + table.warnings
    return table


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes, sheet: str, header_row: int) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(
            _("Cannot open the file as an Excel workbook (.xlsx): %(error)s. Save it again as .xlsx or CSV.")
            % {"error": exc}
        ) from None
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise ReadError(
                    _("The workbook has no sheet called “%(sheet)s”. Its sheets: %(sheets)s.")
                    % {"sheet": sheet, "sheets": ", ".join(workbook.sheetnames)}
                )
            ws = workbook[sheet]
        else:
            ws = workbook.worksheets[0]
        records = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        workbook.close()
    table = _table(records, header_row, "xlsx")
    table.encoding = "xlsx"
    return table


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _table(records: list[list[str]], header_row: int, kind: str) -> Table:
    if len(records) < header_row:
        raise ReadError(_("The file is empty: there is no header row with column names."))
    raw_headers = records[header_row - 1]
    width = max((len(r) for r in records), default=0)
    headers: list[str] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for i in range(width):
        name = raw_headers[i].strip() if i < len(raw_headers) else ""
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
    rows, blank = [], 0
    for number, record in enumerate(records[header_row:], start=header_row + 1):
        if not any(cell.strip() for cell in record):
            blank += 1
            continue
        rows.append((number, record + [""] * (width - len(record))))
    return Table(headers=headers, rows=rows, kind=kind, blank_rows=blank, warnings=warnings)

"""Reading an Excel workbook (.xlsx) in streaming mode, within the import's budget.

The zip members' declared sizes are checked before anything is unpacked (Python's zip reader never returns
more than a member declares). The sheet's declared dimensions are ignored: a tiny file can declare a cell in
row 1,048,576 and column XFD, and filling that rectangle is what cost gigabytes. Rows are read one at a time,
an empty row costs nothing, and the row, column and cell limits stop the reading as soon as they are passed.
"""

import datetime as dt
import io
import zipfile

from django.utils.translation import gettext as _

from .limits import Budget
from .read import ReadError, Table, TableBuilder


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


def _cannot_open(exc) -> ReadError:
    return ReadError(
        _("Cannot open the file as an Excel workbook (.xlsx): %(error)s. Save it again as .xlsx or CSV.")
        % {"error": exc}
    )


def read_xlsx(data: bytes, sheet: str, header_row: int, budget: Budget) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            budget.unpacked(sum(member.file_size for member in archive.infolist()))
    except zipfile.BadZipFile as exc:
        raise _cannot_open(exc) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _cannot_open(exc) from None
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
        # Without declared dimensions openpyxl yields a missing row as () and a row only as wide as its cells.
        ws.reset_dimensions()
        builder = TableBuilder(header_row, "xlsx", budget)
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            builder.add(number, [_cell(v) for v in row] if row else [])
    finally:
        workbook.close()
    table = builder.table()
    table.encoding = "xlsx"
    return table

"""Reading the project's own CSV files (example data) with messages that name file and row."""

import csv
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _


class DataFileError(ValueError):
    def __init__(self, path: Path | str, row: int | None, message: str):
        self.path, self.row = str(path), row
        where = f"{path}, {_('row')} {row}" if row else str(path)
        super().__init__(f"{where}: {message}")


def read_rows(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number as a spreadsheet shows it, row) for a UTF-8 CSV with a header."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(path, 1, _("missing columns: %(cols)s") % {"cols": ", ".join(missing)})
        for row in reader:
            yield reader.line_num, {k: (v or "") for k, v in row.items() if k is not None}


def lookup(mapping: dict, value: str, path: Path, row: int, column: str):
    """Find a slug in the plan or fail with a message naming the row, column and the allowed values."""
    if value in mapping:
        return mapping[value]
    raise DataFileError(
        path,
        row,
        _("column %(col)s: %(value)r is not in the plan. Use one of: %(allowed)s.")
        % {"col": column, "value": value, "allowed": ", ".join(sorted(mapping))},
    )

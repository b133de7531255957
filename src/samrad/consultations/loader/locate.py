"""Find the line of a key in TOML text, so messages can say where a problem is.

tomllib gives values but not positions. TOML is line-oriented enough that tracking table headers and
`key =` lines (skipping multi-line strings and arrays) finds the line for paths like `areas[2].slug`.
"""

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]+\")\s*=")


class KeyLocator:
    def __init__(self, text: str):
        self.lines: dict[str, int] = {}
        counters: dict[str, int] = {}
        current = ""
        in_multiline: str | None = None
        for lineno, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header:
                parts = [p.strip().strip('"') for p in header.group(2).split(".")]
                current = self._table_path(parts, header.group(1) == "[[", counters)
                self.lines.setdefault(current, lineno)
                continue
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip('"')
                self.lines.setdefault(f"{current}.{name}" if current else name, lineno)
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote

    def _table_path(self, parts: list[str], is_array: bool, counters: dict[str, int]) -> str:
        path = ""
        for depth, part in enumerate(parts):
            path = f"{path}.{part}" if path else part
            last = depth == len(parts) - 1
            if last and is_array:
                counters[path] = counters.get(path, 0) + 1
                path = f"{path}[{counters[path] - 1}]"
            elif path in counters:  # a parent array of tables: we are inside its latest element
                path = f"{path}[{counters[path] - 1}]"
        return path

    def line_of(self, key: str) -> int | None:
        """The line of `key`, or of the nearest enclosing table that exists in the file."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", key) if re.search(r"(\.[^.\[\]]+|\[\d+\])$", key) else ""
        return None

"""Limits on the file's shape, checked before anything looks at its values.

TOML allows arrays nested thousands deep and integers of any size; neither has a use in a consultation file,
the first exhausts Python's recursion and the second overflows the database's integer columns. Both are reported
like any other problem, with the key and line.
"""

from django.utils.translation import gettext as _

from .schema import MAX_INT

MAX_DEPTH = 16


def check_structure(data: dict, ctx) -> None:
    """Report values nested deeper than MAX_DEPTH and whole numbers the database cannot hold (iteratively: the
    walk itself must not recurse)."""
    stack: list[tuple[str, object, int]] = [("", data, 0)]
    too_deep = False
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
            ctx.problem(
                path,
                _("%(value)d is too large. The largest whole number a consultation file may hold is %(max)d.")
                % {"value": value, "max": MAX_INT},
            )
        elif isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                if not too_deep:
                    ctx.problem(
                        path,
                        _("is nested more than %(max)d levels deep. A consultation file needs only a few levels.")
                        % {"max": MAX_DEPTH},
                    )
                too_deep = True
                continue
            if isinstance(value, dict):
                children = [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
            else:
                children = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
            stack.extend((child, item, depth + 1) for child, item in children)


def deep_line(text: str) -> int | None:
    """The line where brackets first nest deeper than MAX_DEPTH (for a file too deep for the TOML parser),
    skipping strings and comments."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                if text[i] == "\\" and quote[0] == '"':
                    i += 1
                if i < n and text[i] == "\n":
                    line += 1
                i += 1
            i += len(quote)
            continue
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None

"""What the check found, as Problems for the report: unknown values with their rows and the closest value of
the plan, rows without a question, answers the mapping leaves out, repeated respondents and the decision
about them, and warnings about missing areas and times and formula-like answers."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .mapping import toml_line
from .plan import names_of

SHOWN_ROWS = 5
SHOWN_DUPLICATES = 10


@dataclass
class Problem:
    row: int | None
    column: str
    message: str
    suggestion: str = ""
    error: bool = True
    decision: str = ""  # the decision that settles it: "duplicates" or "multiline"


def rows_text(rows: list[int], shown: int = SHOWN_ROWS) -> str:
    """“row 4” or “rows 4, 9, 12 and 3 more”."""
    listed = ", ".join(str(r) for r in rows[:shown])
    more = len(rows) - shown
    if more > 0:
        listed += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
    return ngettext("row %(rows)s", "rows %(rows)s", len(rows)) % {"rows": listed}


def problems(checker) -> list[Problem]:
    """All problems, unknown values first (one line per value, with its rows), then the rest."""
    out = []
    for (role, value), rows in sorted(checker.unknown.items(), key=lambda item: item[1][0]):
        kind = role
        slug = checker.plan.suggestion(kind, value)
        name = names_of(checker.plan.objects[kind][slug])[0] if slug else ""
        section = f"[values.{kind}]"
        suggestion = (
            _("Did you mean %(slug)s (%(name)s)? Add %(line)s under %(section)s in the mapping.")
            % {"slug": slug, "name": name, "line": toml_line(value, slug), "section": section}
            if slug
            else _("Add %(line)s under %(section)s in the mapping, with the plan's slug.")
            % {"line": toml_line(value, "…"), "section": section}
        )
        out.append(
            Problem(
                rows[0],
                checker.header(role),
                _("“%(value)s” is not one of the plan's %(kinds)s (%(where)s).")
                % {"value": value, "kinds": _kind_name(kind), "where": rows_text(rows)},
                suggestion,
            )
        )
    if checker.rows_without_question:
        rows = checker.rows_without_question
        out.append(
            Problem(
                rows[0],
                checker.header("question"),
                ngettext(
                    "%(n)d row has an answer but no question (%(where)s).",
                    "%(n)d rows have an answer but no question (%(where)s).",
                    len(rows),
                )
                % {"n": len(rows), "where": rows_text(rows)},
                _("Fill in the question, or delete the rows."),
            )
        )
    for value, rows in checker.left_out.items():
        out.append(
            Problem(
                rows[0],
                checker.header("question"),
                ngettext(
                    "%(n)d answer to “%(value)s” is left out, as the mapping says (%(where)s).",
                    "%(n)d answers to “%(value)s” are left out, as the mapping says (%(where)s).",
                    len(rows),
                )
                % {"n": len(rows), "value": value, "where": rows_text(rows)},
                error=False,
            )
        )
    out += _duplicates(checker)
    out += _warnings(checker)
    return out + checker.problems


def _duplicates(checker) -> list[Problem]:
    if not checker.duplicates:
        return []
    n = len(checker.duplicates)
    listed = ", ".join(
        _("row %(row)d (as row %(first)d)") % {"row": row, "first": first}
        for row, first in checker.duplicates[:SHOWN_DUPLICATES]
    )
    if n > SHOWN_DUPLICATES:
        listed += " " + ngettext("and %(n)d more", "and %(n)d more", n - SHOWN_DUPLICATES) % {"n": n - SHOWN_DUPLICATES}
    values = {"n": n, "rows": listed}
    if checker.mapping.shape == "long":
        found = ngettext(
            "%(n)d row repeats the respondent, question and culture area of an earlier row: %(rows)s.",
            "%(n)d rows repeat the respondent, question and culture area of an earlier row: %(rows)s.",
            n,
        )
    else:
        found = ngettext(
            "%(n)d row repeats the respondent id of an earlier row: %(rows)s.",
            "%(n)d rows repeat the respondent id of an earlier row: %(rows)s.",
            n,
        )
    found %= values
    decision = checker.mapping.duplicates
    column = checker.header("respondent")
    row = checker.duplicates[0][0]
    if decision == "keep-first":
        return [Problem(row, column, found + " " + _("They are left out: the first row of each is kept."),
                        error=False, decision="duplicates")]  # fmt: skip
    if decision == "keep-all":
        return [Problem(row, column, found + " " + _("They are imported too: all rows are kept."),
                        error=False, decision="duplicates")]  # fmt: skip
    if decision == "refuse":
        return [
            Problem(
                row,
                column,
                found + " " + _('The file is refused, as the mapping says (duplicates = "refuse").'),
                _("Remove the repeated rows from the file, or choose to keep the first row or all rows."),
                decision="duplicates",
            )
        ]
    return [
        Problem(
            row,
            column,
            found + " " + _("Decide what to do with them before importing."),
            _(
                "Keep the first row of each, keep all rows, or refuse the file: choose on the import page, "
                "use --duplicates keep-first, keep-all or refuse with samrad import, or set duplicates = "
                '"keep-first" (or "keep-all", "refuse") in the mapping.'
            ),
            decision="duplicates",
        )
    ]


def _warnings(checker) -> list[Problem]:
    out = []
    if checker.rows_without_area:
        out.append(
            Problem(
                checker.rows_without_area[0],
                checker.header("area") if "area" in checker.mapping.columns else "",
                ngettext(
                    "%(n)d row names no culture area; its answers are imported without one.",
                    "%(n)d rows name no culture area; their answers are imported without one.",
                    len(checker.rows_without_area),
                )
                % {"n": len(checker.rows_without_area)},
                _("Results are shown per culture area: map an area column, or set defaults.area."),
                error=False,
            )
        )
    if checker.rows_without_time:
        out.append(
            Problem(
                checker.rows_without_time[0],
                checker.header("submitted_at"),
                ngettext(
                    "%(n)d row has no time; the time of the import is used.",
                    "%(n)d rows have no time; the time of the import is used.",
                    len(checker.rows_without_time),
                )
                % {"n": len(checker.rows_without_time)},
                error=False,
            )
        )
    if checker.formula_cells:
        out.append(
            Problem(
                None,
                "",
                ngettext(
                    "%(n)d answer starts like a spreadsheet formula (=, +, @). It is kept as text, exactly as in "
                    "the file, and made safe whenever samrad writes a spreadsheet.",
                    "%(n)d answers start like a spreadsheet formula (=, +, @). They are kept as text, exactly "
                    "as in the file, and made safe whenever samrad writes a spreadsheet.",
                    checker.formula_cells,
                )
                % {"n": checker.formula_cells},
                error=False,
            )
        )
    return out


def _kind_name(kind: str) -> str:
    return {
        "area": _("culture areas"),
        "role": _("role categories"),
        "municipality": _("municipalities"),
        "question": _("questions"),
    }[kind]

"""A mapping to start from, for a file that came without one.

First the file's shape. Survey tools export either one row per respondent with one column per question (wide),
or one row per answer with a column naming the question (long). A column is taken for a long file's question
column when it is named so (question, fråga), or when its values repeat and name the plan's questions; the
answer column is then the one named so (answer, svar), else the one with the longest texts. Taking a long
file for a wide one would put every answer under one question.
"""

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .mapping import COLUMN_ROLES, named_columns, toml_escape, toml_line
from .read import Table

SAMPLE_ROWS = 2000
MAX_QUESTIONS = 60  # a question column has few distinct values; more is a column of answers or names


@dataclass
class Shape:
    long: bool
    question: int | None = None  # column index (long files)
    answer: int | None = None


def detect(table: Table, plan) -> Shape:
    named = {role: table.headers.index(header) for role, header in named_columns(table.headers).items()}
    if "question" in named and "answer" in named:
        return Shape(True, named["question"], named["answer"])
    sample = table.rows[:SAMPLE_ROWS]
    best: tuple[int, int] | None = None
    for index in range(len(table.headers)):
        values = [cells[index].strip() for _number, cells in sample if cells[index].strip()]
        distinct = set(values)
        if not distinct or len(distinct) > MAX_QUESTIONS or len(values) < 2 * len(distinct):
            continue
        matched = sum(1 for value in distinct if _names_a_question(value, plan))
        if 2 * matched >= len(distinct) and (best is None or matched > best[0]):
            best = (matched, index)
    if best is None:
        return Shape(False)
    question = best[1]
    answer = named.get("answer")
    if answer is None or answer == question:
        lengths = {
            i: sum(len(cells[i]) for _number, cells in sample)
            for i in range(len(table.headers))
            if i != question and i not in named.values()
        }
        if not lengths:
            return Shape(False)
        answer = max(lengths, key=lambda i: lengths[i])
    return Shape(True, question, answer)


def _names_a_question(value: str, plan) -> bool:
    return plan.find("question", value, {})[0] or bool(plan.closest_question(value, strict=True))


def _suggest_header(word: str, headers: list[str], used: set[str]) -> str:
    candidates = {h.casefold(): h for h in headers if h not in used}
    match = difflib.get_close_matches(word.casefold(), list(candidates), n=1, cutoff=0.6)
    return candidates[match[0]] if match else ""


def _column_lines(roles, found: dict[str, str], headers: list[str], used: set[str]) -> list[str]:
    lines = []
    for role in roles:
        ref = found.get(role) or _suggest_header(role, headers, used)
        if ref:
            used.add(ref)
        lines.append(f'{"" if ref else "# "}{role} = "{toml_escape(ref or "")}"')
    return lines


def suggested_toml(table: Table, plan) -> str:
    """Every column listed, the likely ones filled in, the rest commented out; for a long file, a line per
    value of the question column with the plan's question it seems to name."""
    shape = detect(table, plan)
    found = {role: h for role, h in named_columns(table.headers).items() if role not in ("question", "answer")}
    used = set(found.values())
    lines = ["# " + _("Mapping suggested by samrad. Check every line, then save it as mapping.toml.")]
    if shape.long:
        lines.append("# " + _("The file has one row per answer, with a column naming the question (a long file)."))
    else:
        lines.append("# " + _("The file has one row per respondent and one column per question (a wide file)."))
    lines += [
        'name = ""  # '
        + _("a name for this source, e.g. the survey tool; re-imports of later exports are then recognised"),
        'source = "import"',
    ]
    if shape.long:
        lines.append('shape = "long"')
    lines += [
        '# duplicates = "keep-first"  # '
        + _("keep-first, keep-all or refuse: what to do when a respondent id comes again"),
        "",
        "[columns]",
    ]
    roles = [r for r in COLUMN_ROLES if r not in ("question", "answer")]
    if shape.long:
        assert shape.question is not None and shape.answer is not None
        question, answer = table.headers[shape.question], table.headers[shape.answer]
        used |= {question, answer}
        lines += [f'question = "{toml_escape(question)}"', f'answer = "{toml_escape(answer)}"']
        lines += _column_lines(roles, found, table.headers, used)
        lines += ["", "[values.question]  # " + _('the question column\'s values; "" leaves their rows out')]
        values = dict.fromkeys(cells[shape.question].strip() for _n, cells in table.rows[:SAMPLE_ROWS])
        for value in values:
            if not value:
                continue
            known, slug = plan.find("question", value, {})
            slug = slug if known else plan.closest_question(value, strict=True)
            comment = "" if slug else "  # " + _("not a question of the plan: its rows are left out")
            lines.append(toml_line(value, slug) + comment)
    else:
        lines += _column_lines(roles, found, table.headers, used)
        lines += ["", "[questions]"]
        lowered = {" ".join(h.split()).casefold(): h for h in table.headers}
        refs = {}
        for slug, question in plan.questions.items():
            names = (slug, question.label.casefold(), " ".join(question.text.split()).casefold())
            refs[slug] = next((lowered[n] for n in names if n in lowered), "")
        used |= set(refs.values())
        for slug, question in plan.questions.items():
            ref = refs[slug] or _suggest_header(question.text, table.headers, used)
            if ref:
                used.add(ref)  # one column answers one question
            lines.append(f'{"" if ref else "# "}{slug} = "{toml_escape(ref or "")}"')
    lines += ["", "[read]", 'area_separator = ";"']
    return "\n".join(lines) + "\n"

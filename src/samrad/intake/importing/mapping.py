"""The mapping file (TOML): which column of an export holds what, and how the export's values translate to the
plan's questions, culture areas, role categories and municipalities. See docs/organisers.md, "Importing answers
from other tools".

Two shapes of file: wide (one row per respondent, one column per question: [questions] names the columns) and
long (one row per answer: columns.question holds the question, columns.answer the text, and the question
column's values are matched to the plan's questions by slug or name, or by [values.question]).

Without a mapping, columns named like the plan's slugs are used (the format of examples/orebro-2022/survey.csv),
or for a long file columns named question and answer (fråga, svar).
"""

import difflib
import tomllib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samrad.intake.models import Contribution

from .read import DELIMITERS, ENCODINGS, Table, column_letter

COLUMN_ROLES = ("area", "role", "municipality", "respondent", "submitted_at", "question", "answer")
LONG_ROLES = ("question", "answer")
VALUE_KINDS = ("area", "role", "municipality", "question")
DEFAULT_KINDS = ("area", "role", "municipality")
SHAPES = ("wide", "long")
DUPLICATES = ("keep-first", "keep-all", "refuse")
TOP_KEYS = {"name", "source", "event", "shape", "duplicates", "columns", "questions", "values", "read", "defaults"}
READ_KEYS = {"encoding", "delimiter", "sheet", "header_row", "area_separator", "timestamp_format"}
# Column names that a file in samrad's own format uses (and common English/Swedish variants).
DEFAULT_NAMES = {
    "area": ["area", "areas", "kulturområde", "kulturomrade"],
    "role": ["role", "roll", "aktörskategori"],
    "municipality": ["municipality", "kommun"],
    "respondent": ["respondent", "ref", "id"],
    "submitted_at": ["submitted_at", "timestamp", "tidpunkt", "datum"],
    "question": ["question", "fråga", "fraga"],
    "answer": ["answer", "svar"],
}


class MappingError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Mapping:
    columns: dict[str, int] = field(default_factory=dict)  # role -> column index
    questions: dict[str, int] = field(default_factory=dict)  # wide: question slug -> column index
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> {value in file: slug or ""}
    defaults: dict[str, str] = field(default_factory=dict)  # kind -> slug used when the cell is empty
    name: str = ""
    shape: str = "wide"
    duplicates: str = ""  # what to do with a repeated respondent: one of DUPLICATES; "" = not decided yet
    source: str = Contribution.Source.IMPORT
    event: str = ""
    area_separator: str = ";"
    timestamp_format: str = ""
    text: str = ""


@dataclass
class ReadOptions:
    encoding: str = "auto"
    delimiter: str = "auto"
    sheet: str = ""
    header_row: int = 1


def _suggest(word: str, options) -> str:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return match[0] if match else ""


def parse(text: str) -> dict:
    """The TOML as a dict, or MappingError naming the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError([_("The mapping is not valid TOML: %(error)s.") % {"error": exc}]) from None


def read_options(doc: dict) -> ReadOptions:
    """The [read] options needed before the file can be read (encoding, separator, sheet, header row)."""
    read = doc.get("read", {}) if isinstance(doc.get("read"), dict) else {}
    problems = []
    options = ReadOptions()
    encoding = str(read.get("encoding", "auto")).lower().replace("cp1252", "windows-1252")
    if encoding not in ENCODINGS:
        problems.append(
            _("read.encoding: “%(value)s” is not supported. Use one of: %(allowed)s.")
            % {"value": encoding, "allowed": ", ".join(sorted(ENCODINGS))}
        )
    else:
        options.encoding = encoding
    delimiter = str(read.get("delimiter", "auto"))
    if delimiter not in DELIMITERS:
        problems.append(_("read.delimiter: use auto, “;”, “,” or tab."))
    else:
        options.delimiter = delimiter
    options.sheet = str(read.get("sheet", ""))
    header_row = read.get("header_row", 1)
    if not isinstance(header_row, int) or header_row < 1:
        problems.append(_("read.header_row: give the number of the row with the column names, e.g. 1."))
    else:
        options.header_row = header_row
    if problems:
        raise MappingError(problems)
    return options


def _find_column(ref, headers: list[str]) -> int | None:
    if isinstance(ref, int) and 1 <= ref <= len(headers):
        return ref - 1
    if not isinstance(ref, str):
        return None
    wanted = " ".join(ref.split()).casefold()
    for i, header in enumerate(headers):
        if " ".join(header.split()).casefold() == wanted:
            return i
    letters = [column_letter(i) for i in range(len(headers))]
    if ref.strip().upper() in letters and len(ref.strip()) <= 3:
        return letters.index(ref.strip().upper())
    return None


def _did_you_mean(hint) -> str:
    return " " + _("Did you mean “%(hint)s”?") % {"hint": hint} if hint else ""


def build(doc: dict, text: str, table: Table, plan) -> Mapping:
    """Check the mapping against the file's columns and the plan; every problem is listed at once."""
    check = _MappingCheck(doc, table, plan, Mapping(text=text, name=str(doc.get("name", "")).strip()))
    check.top_keys()
    check.source_and_event()
    check.shape_and_duplicates()
    check.read()
    check.columns()
    check.long_file()
    check.questions()
    check.values()
    check.defaults()
    check.something_to_import()
    if check.problems:
        raise MappingError(check.problems)
    return check.mapping


class _MappingCheck:
    """build()'s steps, in the order their problems are listed; each fills in `mapping` or adds to `problems`."""

    def __init__(self, doc: dict, table: Table, plan, mapping: Mapping):
        self.doc, self.table, self.plan, self.mapping = doc, table, plan, mapping
        self.problems: list[str] = []
        self.columns_doc = doc.get("columns", {}) if isinstance(doc.get("columns"), dict) else {}

    def top_keys(self) -> None:
        for key in self.doc:
            if key not in TOP_KEYS:
                self.problems.append(
                    _("Unknown key “%(key)s”.") % {"key": key} + _did_you_mean(_suggest(key, TOP_KEYS))
                )

    def source_and_event(self) -> None:
        source = self.doc.get("source", Contribution.Source.IMPORT)
        if source not in Contribution.Source.values:
            self.problems.append(
                _("source: “%(value)s” is not one of %(allowed)s.")
                % {"value": source, "allowed": ", ".join(Contribution.Source.values)}
            )
        else:
            self.mapping.source = source
        event = self.doc.get("event")
        if event:
            if event not in self.plan.events:
                self.problems.append(
                    _("event: the plan has no event “%(value)s”. Events: %(allowed)s.")
                    % {"value": event, "allowed": ", ".join(self.plan.events)}
                )
            self.mapping.event = str(event)

    def shape_and_duplicates(self) -> None:
        shape = self.doc.get("shape") or ("long" if any(role in self.columns_doc for role in LONG_ROLES) else "wide")
        if shape not in SHAPES:
            self.problems.append(
                _("shape: “%(value)s” is not one of %(allowed)s.") % {"value": shape, "allowed": ", ".join(SHAPES)}
            )
        else:
            self.mapping.shape = shape
        duplicates = self.doc.get("duplicates", "")
        if duplicates and duplicates not in DUPLICATES:
            self.problems.append(
                _("duplicates: “%(value)s” is not one of %(allowed)s.")
                % {"value": duplicates, "allowed": ", ".join(DUPLICATES)}
            )
        else:
            self.mapping.duplicates = duplicates

    def read(self) -> None:
        read = self.doc.get("read", {})
        for key in read:
            if key not in READ_KEYS:
                self.problems.append(_("read: unknown key “%(key)s”.") % {"key": key})
        self.mapping.area_separator = str(read.get("area_separator", ";"))
        self.mapping.timestamp_format = str(read.get("timestamp_format", ""))

    def _column(self, section: str, name: str, ref) -> int | None:
        index = _find_column(ref, self.table.headers)
        if index is None:
            self.problems.append(
                _("%(section)s.%(name)s: the file has no column “%(ref)s”.")
                % {"section": section, "name": name, "ref": ref}
                + _did_you_mean(_suggest(str(ref), self.table.headers))
            )
        return index

    def columns(self) -> None:
        for role, ref in self.columns_doc.items():
            if role in LONG_ROLES and self.mapping.shape == "wide":
                self.problems.append(
                    _(
                        "columns.%(key)s: a question and an answer column belong to a long file (one row per "
                        'answer). Remove shape = "wide", or map the question columns under [questions].'
                    )
                    % {"key": role}
                )
                continue
            if role not in COLUMN_ROLES:
                self.problems.append(
                    _("columns: unknown key “%(key)s”. Known keys: %(allowed)s.")
                    % {"key": role, "allowed": ", ".join(COLUMN_ROLES)}
                    + _did_you_mean(_suggest(role, COLUMN_ROLES))
                )
                continue
            index = self._column("columns", role, ref)
            if index is not None:
                self.mapping.columns[role] = index

    def long_file(self) -> None:
        if self.mapping.shape != "long":
            return
        for role in LONG_ROLES:
            if role not in self.columns_doc:
                self.problems.append(
                    _(
                        "columns.%(key)s: a long file (one row per answer) needs a question column and an answer "
                        'column. Add %(key)s = "…" under [columns] with the column\'s name.'
                    )
                    % {"key": role}
                )
        if self.doc.get("questions"):
            self.problems.append(
                _(
                    "questions: in a long file the question column names the question of each row. Leave out "
                    "[questions]; list the column's values the plan does not know by name under [values.question] "
                    '(e.g. "Vad saknas?" = "utmaningar").'
                )
            )

    def questions(self) -> None:
        if self.mapping.shape != "wide":
            return
        for slug, ref in self.doc.get("questions", {}).items():
            if slug not in self.plan.questions:
                self.problems.append(
                    _("questions: the plan has no question “%(slug)s”. Questions: %(allowed)s.")
                    % {"slug": slug, "allowed": ", ".join(self.plan.questions)}
                    + _did_you_mean(_suggest(slug, self.plan.questions))
                )
                continue
            index = self._column("questions", slug, ref)
            if index is not None:
                self.mapping.questions[slug] = index

    def values(self) -> None:
        for kind, table_values in self.doc.get("values", {}).items():
            if kind not in VALUE_KINDS or not isinstance(table_values, dict):
                self.problems.append(
                    _(
                        "values: unknown table “%(key)s”. Use [values.area], [values.role], [values.municipality] "
                        "or (in a long file) [values.question]."
                    )
                    % {"key": kind}
                )
                continue
            if kind == "question" and self.mapping.shape == "wide":
                self.problems.append(
                    _(
                        "values.question: belongs to a long file (one row per answer, with a question column). In "
                        "a wide file, [questions] names the column of each question."
                    )
                )
                continue
            self._value_table(kind, table_values)

    def _value_table(self, kind: str, table_values: dict) -> None:
        allowed = self.plan.slugs(kind)
        for value, slug in table_values.items():
            if slug and slug not in allowed:
                self.problems.append(
                    _("values.%(kind)s: “%(value)s” = “%(slug)s”, but the plan has no %(kind)s “%(slug)s”.")
                    % {"kind": kind, "value": value, "slug": slug}
                    + _did_you_mean(_suggest(str(slug), allowed))
                )
        self.mapping.values[kind] = {str(k): str(v) for k, v in table_values.items()}

    def defaults(self) -> None:
        for kind, slug in self.doc.get("defaults", {}).items():
            if kind not in DEFAULT_KINDS or slug not in self.plan.slugs(kind):
                self.problems.append(
                    _("defaults.%(kind)s: “%(slug)s” is not in the plan.") % {"kind": kind, "slug": slug}
                )
                continue
            self.mapping.defaults[kind] = slug

    def something_to_import(self) -> None:
        if self.mapping.shape == "wide" and not self.mapping.questions and not self.problems:
            self.problems.append(
                _(
                    "No column is mapped to a question, so there is nothing to import. Add a [questions] section, "
                    "e.g. %(example)s."
                )
                % {"example": f'{next(iter(self.plan.questions), "utmaningar")} = "{self.table.headers[-1]}"'}
            )


def named_columns(headers: list[str]) -> dict[str, str]:
    """role -> header, for columns named like samrad's own format or a common name (DEFAULT_NAMES)."""
    columns = {}
    lowered = {" ".join(h.split()).casefold(): h for h in headers}
    for role, names in DEFAULT_NAMES.items():
        for name in names:
            if name in lowered:
                columns[role] = lowered[name]
                break
    return columns


def default_doc(table: Table, plan) -> dict:
    """The mapping used without a mapping file: columns named like the plan's slugs or common names; a long
    file when it has both a question and an answer column."""
    columns = named_columns(table.headers)
    if "question" in columns and "answer" in columns:
        return {"shape": "long", "columns": columns}
    columns = {role: header for role, header in columns.items() if role not in LONG_ROLES}
    questions = {}
    lowered = {" ".join(h.split()).casefold(): h for h in table.headers}
    for slug, question in plan.questions.items():
        for name in (slug, question.label.casefold(), " ".join(question.text.split()).casefold()):
            if name in lowered:
                questions[slug] = lowered[name]
                break
    return {"columns": columns, "questions": questions}


def toml_escape(value: str) -> str:
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def toml_line(value: str, slug: str) -> str:
    return f'"{toml_escape(value)}" = "{slug}"'

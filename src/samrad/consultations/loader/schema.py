"""The consultation file's keys, in one table: what validate.py checks and what docs/consultation-file.md says.

Each table of the file (`[consultation]`, `[[events]]`, …) lists its keys with type, whether it is required, its
default, allowed values, limits, a description and an example. validate.py reads kinds, defaults, choices and
limits from here, and rejects keys not listed, so the generated reference (reference.py) cannot drift from what
the loader accepts. Descriptions are documentation for planners (English, like README); messages stay in
validate.py, translated.
"""

from dataclasses import dataclass, field
from typing import Any

QUESTION_KINDS = ("challenges", "attractiveness", "sustainability", "other")
EVENT_KINDS = ("area_dialogue", "municipal_dialogue", "sector_workshop", "other")
EVENT_FORMATS = ("digital", "physical")
STATUSES = ("planning", "open", "analysing", "published", "closed")
RULES = ("same_area", "mixed", "keep_previous")

# The largest whole number the database's integer columns hold; anything larger is refused before writing.
MAX_INT = 2_147_483_647
MAX_SMALL = 32_767
# Dates and plan periods outside these years are typing mistakes (and some would not fit the database).
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass(frozen=True)
class Key:
    name: str
    kind: Any  # str, int, bool, list, "datetime", or a text naming what custom code accepts
    doc: str
    example: str  # TOML, as it is written after `name = `
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] | None = None
    slug: bool = False
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    custom: bool = False  # validated by its own code in validate.py / municipalities.py
    choice_docs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    name: str  # as in the file: "consultation", "events", "events.rounds"
    array: bool  # [[name]] rather than [name]
    doc: str
    keys: tuple[Key, ...]
    required: bool = False

    def __getitem__(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)

    @property
    def names(self) -> set[str]:
        return {k.name for k in self.keys}


def _slug(doc: str, example: str) -> Key:
    return Key("slug", str, doc, example, required=True, slug=True, max_length=80)


def _text(name: str, doc: str, example: str, *, required: bool = False, max_length: int | None = None) -> Key:
    return Key(name, str, doc, example, required=required, default="", max_length=max_length)


CONSULTATION = Table(
    "consultation",
    False,
    "The consultation itself.",
    (
        _slug("The consultation's address: `/<slug>/`. Not one of the site's own paths.", '"orebro-2022"'),
        _text(
            "name",
            "Its name, shown as the page heading.",
            '"Dialoger inför ny kulturplan 2024–2027"',
            required=True,
            max_length=200,
        ),
        _text(
            "organiser",
            "The region or municipality that runs it.",
            '"Region Örebro län"',
            required=True,
            max_length=200,
        ),
        Key(
            "plan_period",
            "text or list of two years",
            "The years of the plan the consultation prepares.",
            '"2024–2027"',
            required=True,
            custom=True,
        ),
        Key(
            "status",
            str,
            "Where the consultation stands; decides whether the public results are final. Sign-ups and the survey "
            "follow their own dates (`[survey]`, an event's `registration_opens`/`registration_closes`), not the "
            "status. Left out: a new consultation starts as `planning`, an existing one keeps its status (which "
            "`samrad review SLUG status` may have set).",
            '"analysing"',
            choices=STATUSES,
            max_length=20,
            choice_docs={
                "planning": "Being prepared; the default for a new consultation. Published results carry "
                "`[publication].processing_banner`.",
                "open": "Participation is under way. Published results carry the processing banner.",
                "analysing": "Answers are being analysed. Published results carry the processing banner.",
                "published": "Results are final: once every area is published, the processing banner is no longer "
                "shown.",
                "closed": "Over. As `published` for the results; personal data kept for `[privacy].retention_months` "
                "is counted from the day the status became `closed`, and `samrad purge` removes it when that "
                "time has passed.",
            },
        ),
        _text(
            "logo",
            "The organiser's logo: a web address, or a PNG, JPEG, WebP or SVG file (at most 2 MB) "
            "in the consultation file's folder or below it. An SVG with scripts is refused.",
            '"logo.svg"',
            max_length=300,
        ),
        Key("example", bool, "The participants and answers are invented; the site says so.", "true", default=False),
        _text("intro", "Introduction on the consultation's page.", '"Här hittar du …"'),
        _text("results_intro", "Introduction to the results.", '"Utmaningar och exempel …"'),
        _text("participants_text", "Who took part, in words.", '"Deltog gjorde …"'),
        Key(
            "county",
            "text or list of texts",
            "A county's SCB code: brings all its municipalities, with codes, populations and the map.",
            '"20"',
            custom=True,
        ),
        Key("municipalities", "list of texts", "Single municipalities by SCB code.", '["2031", "2062"]', custom=True),
    ),
    required=True,
)

PUBLICATION = Table(
    "publication",
    False,
    "When results are published.",
    (
        Key(
            "min_participants",
            int,
            "Distinct participants a culture area needs before its results are published.",
            "5",
            default=5,
            minimum=1,
            maximum=MAX_INT,
        ),
        _text(
            "withheld_text",
            "Shown instead of an area's results while it has too few participants.",
            '"Under dialogen …"',
        ),
        _text("followup_text", "What is planned for a withheld area.", '"Under sommaren …"'),
        _text(
            "processing_banner",
            "A banner on the results until every area is published and the status is `published` or `closed`.",
            '"Observera! Texterna är under bearbetning."',
        ),
    ),
)

SURVEY = Table(
    "survey",
    False,
    "The public survey's window. Dates without a time are Swedish time; `closes = 2022-08-02` stays open all of "
    "that day. Without [survey] there is no survey.",
    (
        Key("opens", "datetime", "When the survey opens.", "2022-06-02", required=True),
        Key("closes", "datetime", "When it closes (a date: at the end of that day).", "2022-08-02", required=True),
        _text("title", "The survey's heading.", '"Enkät inför ny kulturplan"', max_length=200),
        _text("intro", "Introduction above the questions.", '"Vad är viktigt …"'),
        _text("thanks", "Shown after an answer is sent.", '"Tack för ditt svar!"'),
        Key(
            "max_answer_length",
            int,
            "Longest answer per question, in characters.",
            "5000",
            default=5000,
            minimum=10,
            maximum=MAX_INT,
        ),
    ),
)

ROLE_CATEGORIES = Table(
    "role_categories",
    True,
    "The roles a participant chooses from when signing up, in this order.",
    (
        _slug("Identifies the role in files and imports.", '"kulturskapare"'),
        _text("name", "What participants see.", '"Professionell kulturskapare"', required=True, max_length=200),
        _text("description", "A longer explanation under the name.", '"Offentligt finansierad …"'),
    ),
)

MUNICIPALITIES = Table(
    "municipalities",
    True,
    "Municipalities written out, or changes to those chosen by `county`/`municipalities` (matched by `code`). "
    "One without a Swedish code needs `slug` and `name` and is left off the map.",
    (
        Key("code", str, "SCB's four-digit municipality code.", '"1880"', default="", max_length=8),
        Key(
            "slug",
            str,
            "Identifies the municipality; from SCB's list when a code is given.",
            '"orebro"',
            slug=True,
            max_length=80,
        ),
        _text("name", "Its name; from SCB's list when a code is given.", '"Örebro"', max_length=200),
        Key("population", int, "Inhabitants, for the rates per 10,000.", "156000", minimum=1, maximum=MAX_INT),
    ),
)

AREAS = Table(
    "areas",
    True,
    "The culture areas (kulturområden), in the order results are shown.",
    (
        _slug("Identifies the area in rounds, imports and addresses.", '"bild-och-form"'),
        _text("name", "What participants see.", '"Bild och form"', required=True, max_length=200),
        _text("description", "A longer explanation.", '"Konst, konsthantverk och design."'),
        Key(
            "neighbour",
            str,
            "Another area's slug: where this area's people go first in a same-area round (`rule = \"same_area\"`) "
            "when the area's registrants cannot all be split into groups within `min_size`–`max_size` (one person "
            "alone, or a few too many). Without a neighbour with groups, they join the group where they fit "
            "best, and each person moved gets a notice. Mixed rounds do not use it.",
            '"litteratur"',
            default="",
        ),
    ),
)

QUESTIONS = Table(
    "questions",
    True,
    "The questions, asked in the survey and discussed in rounds.",
    (
        _slug("Identifies the question in rounds and imports.", '"utmaningar"'),
        _text("text", "The question as asked.", '"Vilka är de största utmaningarna?"', required=True),
        _text("label", "A short heading for results.", '"Utmaningar"', required=True, max_length=200),
        Key(
            "kind",
            str,
            "What the answers are about; decides how results are grouped.",
            '"challenges"',
            default="other",
            choices=QUESTION_KINDS,
            max_length=20,
        ),
        Key("survey", bool, "Asked in the public survey.", "true", default=True),
        _text("help", "Help text under the question in the survey.", '"Tänk på …"'),
    ),
)

EVENTS = Table(
    "events",
    True,
    "Dialogues and workshops people sign up for. Removing an event that has registrations, groups or notes is "
    "refused unless `samrad init --allow-delete` is given (a backup is made first). To rename an event, change "
    "its `title` and keep its `slug`.",
    (
        _slug("Identifies the event; keep it when renaming.", '"kulturdialog-2022-06-01"'),
        _text("title", "The event's name.", '"Kulturdialog"', required=True, max_length=200),
        Key("kind", str, "What kind of event.", '"area_dialogue"', default="other", choices=EVENT_KINDS, max_length=30),
        Key("format", str, "Where it happens.", '"physical"', default="physical", choices=EVENT_FORMATS, max_length=20),
        Key("starts", "datetime", "When it starts.", "2022-06-01T09:00:00+02:00", required=True),
        Key("ends", "datetime", "When it ends; after `starts`.", "2022-06-01T12:00:00+02:00", required=True),
        _text("place", "Where, for a physical event.", '"Kulturhuset, Örebro"', max_length=300),
        _text("link", "Meeting link for a digital event (https://…).", '"https://example.org/mote"', max_length=200),
        _text("description", "More about the event.", '"En dialog om …"'),
        _text("participants_text", "Who took part, in words.", '"Ett trettiotal deltagare …"'),
        Key(
            "capacity",
            int,
            "Seats; later sign-ups go on the waiting list. Left out: no limit.",
            "40",
            minimum=1,
            maximum=MAX_INT,
        ),
        Key("registration_opens", "datetime", "When sign-up opens (left out: now).", "2022-05-01"),
        Key("registration_closes", "datetime", "When sign-up closes (left out: when the event starts).", "2022-05-30"),
        Key("rounds", list, "The event's rounds, written as [[events.rounds]] after the event.", "", custom=True),
    ),
)

ROUNDS = Table(
    "events.rounds",
    True,
    "The rounds of the event above, in order: one question discussed in groups.",
    (
        Key("question", str, "The question discussed (a slug from [[questions]]).", '"utmaningar"'),
        Key(
            "rule",
            str,
            "How the groups are formed.",
            '"same_area"',
            default="mixed",
            choices=RULES,
            choice_docs={
                "same_area": "Each group is people from one culture area (see `neighbour`).",
                "mixed": "Groups mix areas as much as possible.",
                "keep_previous": "The groups of an earlier round (`keep_round`, default: the one before) stay.",
            },
        ),
        Key("min_size", int, "Smallest group.", "2", default=2, minimum=1, maximum=MAX_SMALL),
        Key("max_size", int, "Largest group; at least `min_size`.", "4", default=4, minimum=1, maximum=MAX_SMALL),
        Key(
            "keep_round",
            int,
            'With `rule = "keep_previous"`: the round whose groups are kept.',
            "2",
            minimum=1,
            maximum=MAX_SMALL,
        ),
        Key("areas", list, "Only these areas (slugs) take part; left out: all.", '["musik", "dans"]', default=()),
    ),
)

TOP = Key("schema_version", int, "The file format's version; this samrad reads 1.", "1", default=1)
TABLES: tuple[Table, ...] = (
    CONSULTATION,
    PUBLICATION,
    SURVEY,
    ROLE_CATEGORIES,
    MUNICIPALITIES,
    AREAS,
    QUESTIONS,
    EVENTS,
    ROUNDS,
)
TOP_LEVEL = {TOP.name} | {t.name for t in TABLES if "." not in t.name}

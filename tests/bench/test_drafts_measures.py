"""The measures of bench/drafts.py on small hand-made lines, so that each measure can fail."""

import pytest
from drafts_measures import (
    Line,
    distinct_example_share,
    foreign_sentences,
    has_redaction,
    is_cut,
    line_shorthand,
    measure_lines,
    own_theme_share,
    sentences,
    shorthand_reasons,
    words,
)
from drafts_sources import parse_bullet, published_lines, reference_lines


@pytest.mark.parametrize(
    "text",
    [
        "Läsfrämjande för barn o unga",
        "Samverkan m familjecentraler/BVC",
        "Brist på arrangörer!! Ingen vill ta över.",
        "prioriterade grupper enl. bibliotekslagen",
        "Ingen vidareutb. i länet",
        "svårt att hitta ljudtekn., klippare, scenograf",
        "Stöd till pers.",  # a flagged note abbreviation counts even at the end
        "Bidragen räknas inte upp = urholkas varje år",
        "scenograf lokalt -> tar in folk utifrån",
        "Gas + Öl stoppen",
        "Kulturmiljöer rivs el. förvanskas",
    ],
)
def test_shorthand_is_found(text):
    assert shorthand_reasons(text, "sv"), text


@pytest.mark.parametrize(
    "text",
    [
        "Barn i t.ex. Laxå ser sällan dans.",
        "Musik, teater, dans m.m. behöver lokaler, bl.a. i Hallsberg.",
        "Det saknas en scen för ca 150 personer, dvs. en mindre scen.",
        "Enskild firma med org.nr och F-skatt.",
        "Löparbanan är 100 m lång.",  # a unit after a number, not "med"
        "Priset på el. Kostnaderna ökar.",  # "el" is a word: a sentence ends here
        "Läsfrämjande för barn och unga.",
        "Maria L. Lang skrev deckare.",
    ],
)
def test_standard_swedish_is_not_shorthand(text):
    assert shorthand_reasons(text, "sv") == [], text


def test_a_lower_case_start_counts_for_the_headline_not_for_an_example():
    assert shorthand_reasons("barn läser mindre", "sv", headline=True) == ["lower-case start"]
    line = Line("Det behöver vara enklare att försörja sig.", ["inget obetalt arbete", "öka intäkter"])
    assert line_shorthand(line, "sv") == []
    assert line_shorthand(Line("barn läser mindre"), "sv")


def test_german_rules_apply_to_a_german_page():
    assert shorthand_reasons("Wärmepumpen, z.B. in Altbauten", "de") == []
    assert shorthand_reasons("Gas u Öl sofort stoppen", "de")


def test_a_cut_is_an_ellipsis_outside_a_gap_marker():
    assert is_cut("Biblioteket har blivit kommunens servicepunkt för …")
    assert is_cut("Behov av stöd för digitalisering…")
    assert is_cut("och sedan...")
    assert not is_cut("Kultur är viktigt! /…/ Vid en workshop fick deltagarna en uppgift.")
    assert not is_cut("Kultur är viktigt! [...] Vid en workshop.")
    assert not is_cut("Kultur är viktigt.")


def test_redaction_tokens():
    assert has_redaction("[namn] gör de flesta jag känner det inte")
    assert has_redaction("Ring [telefon]")
    assert not has_redaction("Uppge namn och telefon")


def test_words_count_tokens_with_a_letter_or_digit():
    assert words("Följ MU-avtalet – alla arrangörer") == 4
    assert words("läs- och skrivkunskaper, 150 personer") == 5


def test_sentences_do_not_break_after_standard_abbreviations():
    assert sentences("Barn i t.ex. Laxå ser teater. Vuxna gör det inte.") == [
        "Barn i t.ex. Laxå ser teater.",
        "Vuxna gör det inte.",
    ]


def test_a_sentence_in_english_on_a_swedish_page_is_foreign():
    text = "Bokbussen måste finnas kvar. The library is the only place where I can sit and study without paying."
    assert foreign_sentences(text, "sv") == ["The library is the only place where I can sit and study without paying."]
    assert foreign_sentences("Biblioteken behöver mer pengar för att kunna ha öppet.", "sv") == []
    assert foreign_sentences("Das ist nicht gut für die Bibliothek.", "sv")
    assert foreign_sentences("Wir brauchen mehr Wärmepumpen und keine Ölheizung.", "de") == []
    assert foreign_sentences("We need more heat pumps and less oil.", "de")
    assert foreign_sentences("Thank you!", "sv") == []  # too short to tell: the page's language


def test_measure_lines_medians_and_shares():
    lines = [
        Line("Likvärdig biblioteksservice i hela länet.", ["bokbussar", "meröppet och bemanning"]),
        Line("Läsfrämjande för barn o unga", ["E-böcker är dyra …"]),
        Line("Dans som konstform behöver värderas högre.", ["[namn] sa det"]),
        Line("Samverkan över länsgränsen.", ["I moved here and the library is where I can study."]),
    ]
    m = measure_lines(lines, "sv")
    assert m["lines"] == 4 and m["examples"] == 5
    assert m["words_per_line_median"] == 9.0  # 9, 8, 9, 14 words
    assert m["words_per_example_median"] == 3.0  # 1, 3, 3, 3, 11
    assert (m["cut_share"], m["redaction_share"], m["shorthand_share"], m["foreign_share"]) == (0.25,) * 4


def test_a_reference_bullet_splits_into_headline_examples_and_the_rest():
    line, rest = parse_bullet(
        "Det behöver vara enklare att försörja sig. Exempelvis: inget obetalt arbete, öka intäkter, följa MU-avtalet."
    )
    assert not rest
    assert line.headline == "Det behöver vara enklare att försörja sig."
    assert line.examples == ["inget obetalt arbete", "öka intäkter", "följa MU-avtalet"]
    line, _ = parse_bullet("Förbättra förutsättningarna. Exempelvis genom ateljéstöd, fler uppdrag. Och mer.")
    assert line.examples == ["ateljéstöd", "fler uppdrag"] and line.extra == ["Och mer."]
    line, _ = parse_bullet("Sämre ekonomi, exempelvis pandemin. Kostnader för lokaler.")
    assert line.examples == [] and line.extra == ["Kostnader för lokaler."]
    assert parse_bullet("Övrigt: Att återfå publiken.")[1]
    assert parse_bullet("Annat: Inkludera fler former av dans.")[1]


def test_reference_sections_follow_the_plan_and_a_withheld_notice_takes_an_area(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "Resultat\n\nUtmaningar\n • Likvärdig biblioteksservice.\n • Övrigt: Mer.\n"
        "Utvalda exempel attraktivitet\n • Biblioteken är mötesplatser.\n\n"
        "Under dialogen var det för få deltagare för att kunna publicera resultatet.\n\n"
        "Utmaningar\n • Stärk skolbio i länet.\n",
        encoding="utf-8",
    )
    lines = reference_lines(page, ["bibliotek", "dans", "film"])
    assert [(x.area, x.headline) for x in lines.lines] == [
        ("bibliotek", "Likvärdig biblioteksservice."),
        ("film", "Stärk skolbio i länet."),
    ]
    assert [x.area for x in lines.rest] == ["bibliotek"]
    with pytest.raises(ValueError, match="2 areas"):
        reference_lines(page, ["bibliotek", "film"])


def test_the_reference_page_itself_has_short_clean_lines():
    """The real page, when it is there: the measures must find nothing wrong with the lines they imitate."""
    from drafts_sources import REFERENCE

    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} not available")
    m = measure_lines(reference_lines().lines, "sv")
    assert m["lines"] == 59
    assert m["cut_share"] == m["redaction_share"] == m["shorthand_share"] == m["foreign_share"] == 0
    assert m["words_per_example_median"] <= 6


def test_published_lines_take_the_question_of_published_areas():
    published = {
        "areas": [
            {
                "slug": "dans",
                "status": "published",
                "sections": [
                    {
                        "question": "utmaningar",
                        "themes": [{"headline": "Fler scener", "examples": ["a", "b"]}],
                        "other": ["rest"],
                        "quotes": [],
                    },
                    {
                        "question": "attraktivitet",
                        "themes": [{"headline": "Nej", "examples": []}],
                        "other": [],
                        "quotes": [],
                    },
                ],
            },
            {"slug": "film", "status": "withheld", "sections": []},
        ]
    }
    lines = published_lines(published, "utmaningar")
    assert [(x.area, x.headline, x.examples) for x in lines.lines] == [("dans", "Fler scener", ["a", "b"])]
    assert [x.headline for x in lines.rest] == ["rest"]


# ---------------------------------------------------------------- engine output

LIBRARY = [
    "Biblioteken behöver fler böcker",
    "Fler böcker på biblioteket för barn",
    "Bibliotekets böcker är gamla",
    "Skolbiblioteken saknar bibliotekarier",
    "Biblioteket köper för lite böcker",
]
MUSIC = [
    "Musiker behöver fler konserter",
    "Konserter med levande musik i länet",
    "Musiken saknar konsertlokaler",
    "Musikerna spelar för få konserter",
    "Levande musik och konserter för barn",
]


def result(points_a, points_b, extra_a=()):
    ids = {}
    statements = []
    for i, text in enumerate([*LIBRARY, *MUSIC, *extra_a]):
        ids[text] = f"s{i}"
        statements.append({"id": f"s{i}", "text": text, "duplicate_of": None})
    return {
        "statements": statements,
        "groups": [
            {
                "id": "g1",
                "area": "a",
                "question": "q",
                "rest": {"statement_ids": []},
                "themes": [
                    {
                        "id": "t1",
                        "label": "bibliotek",
                        "statement_ids": [ids[t] for t in [*LIBRARY, *extra_a]],
                        "points": [{"statement_id": ids[t], "text": t} for t in points_a],
                    },
                    {
                        "id": "t2",
                        "label": "musik",
                        "statement_ids": [ids[t] for t in MUSIC],
                        "points": [{"statement_id": ids[t], "text": t} for t in points_b],
                    },
                ],
            }
        ],
    }


def test_points_near_their_own_theme_count_and_a_stray_one_does_not():
    good = own_theme_share(result([LIBRARY[0], LIBRARY[1]], [MUSIC[0], MUSIC[1]]))
    assert (good["share"], good["points"]) == (1.0, 4)
    stray = "Konserter och musiker i länet"  # a music statement placed in the library theme
    bad = own_theme_share(result([LIBRARY[0], stray], [MUSIC[0], MUSIC[1]], extra_a=[stray]))
    assert (bad["share"], bad["points"]) == (0.75, 4)
    assert [m[2] for m in bad["misplaced"]] == [stray]


def test_a_group_left_out_is_not_judged():
    doc = result([LIBRARY[0]], [MUSIC[0]])
    assert own_theme_share(doc, keep=lambda g: g["question"] == "other")["points"] == 0


def test_a_schema_2_result_names_its_parts_sections():
    doc = result([LIBRARY[0]], [MUSIC[0]])
    doc["sections"] = doc.pop("groups")
    assert own_theme_share(doc)["points"] == 2
    assert distinct_example_share(doc) == 1.0


def test_examples_from_one_statement_or_its_duplicate_are_not_distinct():
    doc = result([LIBRARY[0], LIBRARY[1]], [MUSIC[0], MUSIC[0]])
    assert distinct_example_share(doc) == 0.75
    doc["statements"][1]["duplicate_of"] = "s0"  # LIBRARY[1] was collapsed into LIBRARY[0]
    assert distinct_example_share(doc) == 0.5

"""Cutting and tidying phrases: what a headline or an "Exempelvis:" item may be made of."""

import pytest

from samrad.synthesis import Params, Pipeline, Record, synthesise
from samrad.synthesis.describe import ThemeDescriber
from samrad.synthesis.phrases import (
    Tidier,
    as_headline,
    as_item,
    dictionary_known,
    has_verb,
    split,
    vocabulary_completer,
)


def tidier(words=(), personal=lambda t: False):
    known = dictionary_known("sv")
    return Tidier(
        known=known,
        complete=vocabulary_completer(list(words), known),
        personal=personal,
        proper=lambda w: w in {"Örebro", "Nora"},
    )


def phrase(text, level="sentence", **kw):
    return tidier(**kw).phrase(text, 0, len(text), level)


def test_split_gives_sentences_clauses_and_comma_pieces_that_stand_alone():
    text = "Digitalt utanförskap – folk kommer till oss för BankID. Bildämnet krymper, inte bara i skolan"
    spans = {(text[a:b], level) for a, b, level in split(text)}
    assert ("Digitalt utanförskap", "lead") in spans
    assert ("folk kommer till oss för BankID.", "clause") in spans
    assert ("Bildämnet krymper", "head") in spans
    # A piece that continues the clause before it is not offered on its own.
    assert not any(t.startswith("inte bara") for t, _ in spans)


def test_split_never_cuts_inside_brackets():
    text = "Digitala tjänster dyra (e-böcker, databaser, e-ljudböcker). små kommuner har inte råd"
    pieces = [text[a:b] for a, b, _ in split(text)]
    assert "Digitala tjänster dyra (e-böcker, databaser, e-ljudböcker)." in pieces
    assert not any(p.endswith("(e-böcker") for p in pieces)
    assert "små kommuner har inte råd" in pieces  # notes start sentences in lower case


def test_certain_shorthand_is_expanded_and_uncertain_shorthand_flagged():
    p = phrase("Läsfrämjande för barn o unga m funktionsnedsättning")
    assert p.text == "Läsfrämjande för barn och unga med funktionsnedsättning" and p.fit
    assert phrase("5 m mellan scenerna").text == "5 m mellan scenerna"  # a unit, not "med"
    assert "shorthand" in phrase("behov av bättre kommunik. mellan aktörerna").flags
    assert "shorthand" in phrase("läsning = demokrati").flags


def test_a_truncated_word_is_completed_only_when_the_run_has_one_completion():
    words = ["vidareutbildning", "utbildning", "utbildningen"]
    assert phrase("ingen vidareutb. i länet", words=words).text == "ingen vidareutbildning i länet"
    # "bibl" could be bibliotek or bibliotekarie: not certain, so the phrase is unfit.
    p = phrase("fler bibl. i länet", words=["bibliotek", "bibliotekarie"])
    assert not p.fit


def test_asides_openers_and_dangling_ends():
    assert not phrase("Teatern: se ovan, samma som förra gruppen").fit
    assert not phrase("(bara tre i gruppen, lite kort samtal)").fit
    assert phrase("Gruppen pratade länge om att politiker inte förstår biblioteket").text == (
        "politiker inte förstår biblioteket"
    )
    assert "cut" in phrase("Vi behöver mer pengar och").flags
    assert "cut" in phrase("Det blir dyrt när alla bygger …").flags
    assert "dependent" in phrase("Det andra är nätverk och infrastruktur.").flags
    assert "dependent" not in phrase("Det saknas en scen för 150 personer.").flags
    assert "dependent" in phrase("Hennes son bor i Göteborg.").flags


def test_personal_data_first_person_questions_and_stories_are_flagged():
    assert "personal" in phrase("Ring Karin på 070-123 45 67", personal=lambda t: "070" in t).flags
    assert "first_person" in phrase("Jag har min ateljé i en lada.").flags
    assert "question" in phrase("Vem ansvarar för vad?").flags
    assert "past" in phrase("Personalen såg förändringar hos patienterna.").flags


def test_headline_and_item_form():
    p = phrase("länsmuseet borde visa mer samtida konst!!")
    assert as_headline(p) == "Länsmuseet borde visa mer samtida konst."
    assert as_item(phrase("Att nå unga som inte går på konst"), lambda w: False) == "nå unga som inte går på konst"
    assert as_item(phrase("Nora behöver en scen"), lambda w: w == "Nora") == "Nora behöver en scen"


@pytest.mark.parametrize(
    "text, verb",
    [
        ("bildämnet krymper", True),
        ("verksamhetsbidragen urholkas varje år", True),
        ("dansen når inte ut", True),
        ("gränsen mellan konst", False),
        ("skolor och bibliotek", False),
    ],
)
def test_has_verb(text, verb):
    assert has_verb(text) is verb


THEMES = {
    "lokaler": [
        "Det saknas repetitionslokaler för musik i hela länet.",
        "Lokalerna är för dyra och hyran har dubblats.",
        "Vi behöver lokaler för konserter, med bra ljud och ljus.",
        "Kommunens lokaler står tomma på kvällarna.",
        "Lokalbrist: ingen replokal utanför stan.",
        "Hyran för lokalerna äter upp föreningens pengar.",
    ],
    "ekonomi": [
        "Musiker kan inte leva på sin musik, gagerna är för låga.",
        "Gagerna har inte höjts sedan 2010.",
        "Frilansande musiker saknar trygghetssystem.",
        "Ekonomin för musiker är osäker, korta kontrakt och låga gager.",
        "Sjukpenningen blir ingenting med ojämna inkomster för musiker.",
        "Låga gager gör att musiker lämnar yrket.",
    ],
}


def records(extra=()):
    out = [
        Record(f"{k}{i}", text, "musik", "utmaningar", f"{k}{i}")
        for k, texts in THEMES.items()
        for i, text in enumerate(texts)
    ]
    return out + list(extra)


def test_no_line_is_worded_from_a_phrase_with_personal_data():
    named = [
        Record(
            f"n{i}", f"Lokalerna är för dyra, säger Karin Johansson i föreningen {i}.", "musik", "utmaningar", f"n{i}"
        )
        for i in range(3)
    ]
    result = synthesise(records(named), Params(lang="sv", backend="tfidf"))
    for theme in result.sections[0].themes:
        for text in [theme.headline.text, *(p.text for p in theme.points)]:
            assert "Karin" not in text and "Johansson" not in text and "[namn]" not in text


def test_items_come_from_distinct_statements_and_their_own_theme():
    result = synthesise(records(), Params(lang="sv", backend="tfidf"))
    section = result.sections[0]
    assert len(section.themes) >= 2
    members = {t.id: set(t.statement_ids) for t in section.themes}
    for t in section.themes:
        ids = [p.statement_id for p in t.points]
        assert len(ids) == len(set(ids))
        assert set(ids) <= members[t.id]


def test_a_stage_can_be_replaced():
    class OneWordLines(ThemeDescriber):
        def describe(self, section, lang, tidier, phrase_terms):
            lines, rest = super().describe(section, lang, tidier, phrase_terms)
            for line in lines:
                line.items = []
            return lines, rest

    result = synthesise(records(), Params(lang="sv", backend="tfidf"), pipeline=Pipeline(describer=OneWordLines()))
    assert result.sections[0].themes and all(not t.points for t in result.sections[0].themes)

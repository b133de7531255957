from samrad.synthesis import Params, Record, synthesise
from samrad.synthesis.validate import validate

from .corpus import records


def run(extra):
    recs = records() + [Record(id=f"b{i}", text=t, area="Kultur", question="Utmaningar") for i, t in enumerate(extra)]
    res = synthesise(recs, Params(backend="tfidf", lang="auto"))
    assert validate(res.to_dict()) == []
    return res


def codes(res):
    return {w.code: w for w in res.warnings}


def test_empty_and_non_answers_counted_not_themed():
    res = run(["", "   ", "Vet ej", "inget att tillägga", "Nej.", "-", "👍👍", "???"])
    c = res.counts
    assert c["empty"] == 2 and c["non_answers"] == 5 and c["no_text"] == 1
    assert c["answered"] == 40
    themed = {i for g in res.sections for t in g.themes for i in t.statement_ids}
    assert not any(i.startswith("b") for i in themed)
    w = codes(res)
    assert w["non_answer"].count == 5 and "b2" in w["non_answer"].record_ids


def test_one_word_answers_are_kept_and_reported():
    res = run(["Bibliotek", "Pengar", "Lokaler"])
    assert res.counts["short"] >= 3
    assert "short" in codes(res)
    ids = {s.record_id for s in res.statements}
    assert {"b0", "b1", "b2"} <= ids
    quoted = {q.record_id for g in res.sections for q in g.quotes}
    assert not quoted & {"b0", "b1", "b2"}


def test_html_from_word():
    html = (
        '<html><head><style>p {color:red}</style></head><body><p class="MsoNormal">Biblioteken behöver '
        "<b>mer</b>&nbsp;resurser för läsning.</p><p>Scenerna är för få.</p></body></html>"
    )
    res = run([html])
    stmts = [s for s in res.statements if s.record_id == "b0"]
    assert [s.text for s in stmts] == ["Biblioteken behöver mer resurser för läsning.", "Scenerna är för få."]
    assert all("<" not in s.text and "color" not in s.text for s in stmts)
    assert html[stmts[1].start : stmts[1].end] == "Scenerna är för få."
    assert "html" in codes(res)


def test_huge_paste_and_control_characters():
    huge = "\n".join(f"Punkt {i}: kulturen i länet behöver mer resurser och bättre lokaler." for i in range(800))
    assert len(huge) > 50_000
    res = run([huge, "Mer pengar\x00 till\x1b biblioteken i länet\x07"])
    w = codes(res)
    assert "truncated" in w and "control_chars" in w
    assert sum(1 for s in res.statements if s.record_id == "b0") <= 200
    ctl = [s for s in res.statements if s.record_id == "b1"]
    assert ctl[0].text == "Mer pengar till biblioteken i länet"


def test_mixed_languages():
    extra = [
        "The libraries need more money for children's reading programmes.",
        "We need more rehearsal spaces for theatre groups in small towns.",
        "Die Bibliotheken brauchen mehr Geld für die Leseförderung der Kinder.",
        "Wir brauchen mehr Proberäume für Theatergruppen auf dem Land.",
    ]
    res = run(extra)
    assert res.languages.get("en") == 2 and res.languages.get("de") == 2
    assert "mixed_languages" in codes(res)
    assert res.counts["statements"] == 44


def test_short_answers_take_the_majority_language():
    recs = [
        Record(id=f"e{i}", text=t)
        for i, t in enumerate(
            [
                "The libraries need more money for the reading programmes of the children.",
                "We need more rehearsal spaces for the theatre groups in the small towns.",
                "There should be more concerts and festivals in the summer for the young people.",
                "More parks",
                "Bike lanes",
            ]
        )
    ]
    res = synthesise(recs, Params(backend="tfidf", lang="auto"))
    assert res.languages == {"en": 5}
    assert "mixed_languages" not in codes(res)


def test_missing_hunspell_is_a_warning(tmp_path):
    res = synthesise(records(), Params(backend="tfidf", lang="sv", hunspell_dir=str(tmp_path)))
    w = codes(res)
    assert "hunspell_missing" in w and str(tmp_path) in w["hunspell_missing"].message
    assert res.sections[0].themes


def test_english_messages():
    res = synthesise(
        [*records(), Record(id="x", text="Vet ej", area="Kultur", question="Utmaningar")],
        Params(backend="tfidf", lang="sv", messages="en"),
    )
    assert "non-answers" in codes(res)["non_answer"].message


def test_non_string_text_is_tolerated():
    res = synthesise([Record(id="a", text=None), *records()], Params(backend="tfidf", lang="sv"))  # type: ignore[arg-type]
    assert res.counts["empty"] == 1

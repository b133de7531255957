import pytest

from samrad.synthesis import Params, Record, synthesise
from samrad.synthesis.quote import QuoteMaker
from samrad.synthesis.redact import Redactor

PLANTED = {
    "namn": ["Anna Svensson", "Per-Olof Nilsson", "Lisa", "Gustafsson", "Kalle Berg"],
    "personnummer": ["850101-1234", "19850101-1234"],
    "e-post": ["anna.svensson@example.se"],
    "telefon": ["070-123 45 67", "+46 70 123 45 67", "019-12 34 56"],
    "adress": ["Storgatan 12"],
}
PLACES = ["Örebro", "Nora", "Stadra teater", "Karlskoga folkhögskola", "Kulturkvarteret"]

TEXT = (
    "Jag heter Anna Svensson och jobbar med teater i Örebro. "
    "Mitt personnummer 850101-1234 skrev jag av misstag, "
    "min mans är 19850101-1234. Vi spelade på Stadra teater och Karlskoga folkhögskola förra året. "
    "Kontakta Per-Olof Nilsson på 070-123 45 67 eller +46 70 123 45 67, alternativt kansliet 019-12 34 56. "
    "Skriv till anna.svensson@example.se eller kom till Storgatan 12 i Nora. Vi träffade Lisa på "
    "Kulturkvarteret, och rektor Gustafsson var med, liksom min kollega Kalle Berg."
)


def test_every_planted_item_is_redacted_and_places_survive():
    red, found = Redactor().redact(TEXT)
    for kind, items in PLANTED.items():
        for item in items:
            assert item not in red, f"{kind} {item!r} survived: {red}"
    for place in PLACES:
        assert place in red, f"place {place!r} was redacted: {red}"
    kinds = {r.kind for r in found}
    assert kinds == set(PLANTED)
    # Every redaction span points at planted text in the original.
    for r in found:
        assert any(
            item in TEXT[r.start : r.end] or TEXT[r.start : r.end] in item
            for items in PLANTED.values()
            for item in items
        )


@pytest.mark.parametrize(
    "text,placeholder",
    [
        ("Ring mig på 0701234567.", "[telefon]"),
        ("Personnummer 8501011234.", "[personnummer]"),
        ("Kontakta Maria.", "[namn]"),
        ("Mvh Johan Ek", "[namn]"),
    ],
)
def test_variants(text, placeholder):
    assert placeholder in Redactor().redact(text)[0]


def test_nothing_to_redact_leaves_text_alone():
    text = "Biblioteken i Örebro län och Stadra teater behöver mer resurser 2024-2027."
    assert Redactor().redact(text) == (text, [])


def test_quotes_in_result_are_redacted_and_keep_original():
    recs = [
        Record(id=f"r{i}", text=t)
        for i, t in enumerate(
            [
                TEXT,
                "Teatern i Örebro behöver fler scener och bättre lokaler för fria grupper, till exempel i Nora.",
                "Fria teatergrupper i länet saknar lokaler att repetera i, scenerna är för dyra att hyra.",
                "Scenkonsten behöver lokaler. Stadra teater är ett bra exempel på en scen på landsbygden.",
                "Det behövs fler scener för teater och dans utanför Örebro, i hela länet.",
                "Lokaler för teater saknas i mindre kommuner som Nora och Lindesberg.",
            ]
        )
    ]
    res = synthesise(recs, Params(backend="tfidf", lang="sv", max_quotes=6, quote_max_chars=2000))
    quotes = [q for g in res.sections for q in g.quotes]
    assert quotes
    for q in quotes:
        for items in PLANTED.values():
            for item in items:
                assert item not in q.text
    planted_quote = [q for q in quotes if q.record_id == "r0"]
    for q in planted_quote:
        assert "Anna Svensson" in q.original
        assert "[namn]" in q.text and "Stadra teater" in q.text
    # Headlines and points are published too: redacted as well.
    for g in res.sections:
        for t in g.themes:
            for p in [t.headline, *t.points]:
                assert "070-123 45 67" not in p.text and "Anna Svensson" not in p.text


def test_shortening_marks_gaps():
    long = (
        "Kultur är oerhört viktigt för att göra en plats attraktiv. "
        + "Det här är en utfyllnad. " * 20
        + "Vid en workshop frågade vi Anna Svensson om biblioteken. "
        + "Kultur och mötesplatser är det viktigaste."
    )
    qm = QuoteMaker(max_chars=200)
    rel = [3.0] + [0.0] * 20 + [1.0, 2.0]
    q = qm.make(long, rel)
    assert q.shortened
    assert " /…/ " in q.text
    assert q.text.startswith("Kultur är oerhört viktigt")
    assert len(q.text) <= 200 + 10
    assert "Anna Svensson" not in q.text
    assert q.original == long

from samrad.synthesis import Params, Record, synthesise
from samrad.synthesis.dedup import Deduplicator
from samrad.synthesis.normalise import Normaliser


def run(texts):
    terms = Normaliser().fit_transform(texts, ["sv"] * len(texts))
    return Deduplicator().fit(texts, terms)


def test_exact_copies_collapse_to_first():
    r = run(["Mer pengar till kulturen!", "mer pengar till kulturen", "Fler scener", "MER PENGAR TILL KULTUREN."])
    assert r.rep == [0, 0, 2, 0]
    assert r.sets == {0: [1, 3]}
    assert r.kind[1] == "exact"


def test_near_copies_collapse():
    a = "Biblioteken i länet behöver mer resurser för läsfrämjande arbete med barn och unga"
    b = "Biblioteken i länet behöver mer resurser för läsfrämjande arbete med barn och ungdomar"
    c = "Teatrarna i länet behöver bättre lokaler och fler scener för föreställningar"
    r = run([a, b, c])
    assert r.rep == [0, 0, 2]
    assert r.kind[1] == "near"


def test_different_short_statements_not_collapsed():
    r = run(["Mer pengar kultur", "Mer pengar idrott"])
    assert r.rep == [0, 1]


def test_campaign_reported_in_result():
    recs = [Record(id=f"c{i}", text="Rädda Stadra teater – ge oss bidraget tillbaka!") for i in range(12)]
    recs += [
        Record(id=f"o{i}", text=t)
        for i, t in enumerate(
            [
                "Biblioteken behöver fler öppettider på kvällen",
                "Kulturskolan borde vara gratis för alla barn",
                "Mer stöd till lokala föreningar och studieförbund",
                "Fler konserter på landsbygden i länet",
                "Museerna behöver digitalisera sina samlingar",
            ]
        )
    ]
    res = synthesise(recs, Params(backend="tfidf", lang="sv"))
    assert res.counts["duplicates_collapsed"] == 11
    dup = res.duplicates[0]
    assert dup.statement_id == "c0:1" and len(dup.member_ids) == 11
    assert any(w.code == "campaign" and w.count == 12 for w in res.warnings)
    # The campaign counts 12 times in support but is one statement for clustering.
    theme = next(t for g in res.sections for t in g.themes if "c0:1" in t.statement_ids)
    assert theme.support.statements >= 12

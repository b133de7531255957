from pathlib import Path

import pytest

from samrad.synthesis.compound import dictionary_split, hunspell_dir
from samrad.synthesis.lang import detect
from samrad.synthesis.normalise import Normaliser

HAVE_SV = (hunspell_dir() / "sv_SE.dic").exists()


def terms(text: str, lang: str = "sv") -> list[str]:
    return Normaliser().fit_transform([text], [lang])[0]


def test_inflections_to_lemma():
    assert terms("Biblioteken") == ["bibliotek"]
    assert terms("biblioteket") == ["bibliotek"]
    assert "konstnär" in terms("konstnärerna")
    assert "museum" in terms("museerna")


def test_stop_words_removed():
    assert terms("och att det som för inte") == []


@pytest.mark.skipif(not HAVE_SV, reason="hunspell sv_SE not installed")
def test_compound_split_with_hunspell():
    n = Normaliser()
    out = n.fit_transform(["kulturarvssektorn", "samverkansmodellen"], ["sv", "sv"])
    assert {"kulturarv", "sektor"} <= set(out[0])
    assert {"samverkan", "modell"} <= set(out[1])
    assert n.splitter.hunspell_calls >= 2


def test_compound_split_without_hunspell_uses_word_list(tmp_path: Path):
    n = Normaliser(hunspell_dir=str(tmp_path))
    out = n.fit_transform(["kulturarvssektorn"], ["sv"])
    assert {"kulturarv", "sektor"} <= set(out[0])
    assert n.splitter.missing_dictionary == str(tmp_path)


def test_known_words_not_split():
    assert dictionary_split("verksamhet", "sv") == ()
    assert dictionary_split("hållbarhet", "sv") == ()


def test_inflected_compounds_share_terms():
    a, b = Normaliser().fit_transform(["kulturarvssektorn", "kulturarvssektorns"], ["sv", "sv"])
    assert a[0] == b[0]


def test_compound_budget_respected():
    n = Normaliser(compound_budget=1)
    n.fit_transform(["kulturarvssektorn kulturarvssektorn samverkansmodellen"], ["sv"])
    assert n.splitter.hunspell_calls <= 1


def test_other_languages():
    assert "bibliothek" in terms("Bibliotheken", "de") or "bibliothek" in terms("die Bibliotheken", "de")
    assert "library" in terms("libraries", "en")
    assert terms("Mehr Radwege und weniger Autos", "de")
    assert terms("kirjastot tarvitsevat rahaa", "fi")
    assert terms("les bibliothèques ont besoin", "fr")


@pytest.mark.parametrize("text,code", [
    ("Biblioteken behöver mer resurser för barn och unga", "sv"),
    ("Mehr Radwege in der Stadt bauen und die Autos reduzieren", "de"),
    ("We need more bike lanes and the buses should run more often", "en"),
    ("Kirjasto tarvitsee lisää rahaa ja henkilökuntaa", "fi"),
    ("La bibliothèque a besoin de plus de livres pour les enfants", "fr"),
])
def test_language_detection(text, code):
    assert detect(text) == code


def test_short_text_keeps_default_language():
    assert detect("Mer pengar", default="sv") == "sv"

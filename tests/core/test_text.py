from samrad.core.text import join_points, sentence


def test_sentence():
    assert sentence("arrangörerna blir färre") == "Arrangörerna blir färre."
    assert sentence("Är det så?") == "Är det så?"
    assert sentence("  ") == ""


def test_join_points():
    assert join_points(["höjda bidrag.", " fler lokaler ", ""]) == "höjda bidrag; fler lokaler."
    assert join_points([]) == ""

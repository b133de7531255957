import re

from hypothesis import given
from hypothesis import strategies as st

from samrad.core.text import join_points, sentence, without_indentation


def test_sentence():
    assert sentence("arrangörerna blir färre") == "Arrangörerna blir färre."
    assert sentence("Är det så?") == "Är det så?"
    assert sentence("  ") == ""


def test_join_points():
    assert join_points(["höjda bidrag.", " fler lokaler ", ""]) == "höjda bidrag, fler lokaler."
    assert join_points(["bidrag, lokaler", "fler scener"]) == "bidrag, lokaler; fler scener."
    assert join_points([]) == ""


def test_without_indentation_keeps_pre_and_textarea():
    page = b"<ul>\n    <li>a</li>\n\t<li>b</li>\n</ul>\n<pre>\n  kod\n</pre>\n  <textarea>\n  typed\n</textarea>"
    assert without_indentation(page) == (
        b"<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre>\n  kod\n</pre>\n<textarea>\n  typed\n</textarea>"
    )


@given(st.text(alphabet=" \t\nab<>/", max_size=200))
def test_without_indentation_keeps_the_words_apart(text):
    """Rendered HTML collapses runs of white space: the words and where they break stay the same."""
    before, after = text.encode(), without_indentation(text.encode())
    assert re.split(rb"\s+", before) == re.split(rb"\s+", after) or b"pre" in before or b"textarea" in before
    assert len(after) <= len(before)

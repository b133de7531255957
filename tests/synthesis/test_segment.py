from hypothesis import given, settings
from hypothesis import strategies as st

from samrad.synthesis.clean import clean
from samrad.synthesis.segment import Segmenter


def _texts(raw: str) -> list[str]:
    segs, _, _ = Segmenter().split(raw)
    return [s.text for s in segs]


def test_bullets_numbered_and_lines():
    raw = "• Mer pengar till biblioteken\n• Fler lokaler för dans\n- Bättre samverkan\n1. Första\n2) Andra saken"
    assert _texts(raw) == ["Mer pengar till biblioteken", "Fler lokaler för dans", "Bättre samverkan", "Första",
                           "Andra saken"]


def test_spans_point_into_raw_text():
    raw = "Inledning.\n\n* Punkt ett här\n*  Punkt två där  \n"
    segs, _, _ = Segmenter().split(raw)
    assert [raw[s.start:s.end] for s in segs] == ["Inledning.", "Punkt ett här", "Punkt två där"]


def test_dels_dels():
    assert _texts("Vi behöver dels mer resurser, dels fler lokaler i länet.") == [
        "Vi behöver dels mer resurser", "dels fler lokaler i länet."]


def test_hard_wrapped_line_is_joined():
    assert _texts("Biblioteken behöver mer\npengar för läsning.\nNästa idé är scener.") == [
        "Biblioteken behöver mer pengar för läsning.", "Nästa idé är scener."]


def test_long_answer_split_at_sentences():
    sentence = "Det här är en mening om kultur i länet som är ganska lång och utförlig. "
    raw = sentence * 12
    segs, _, _ = Segmenter(long_chars=200).split(raw)
    assert len(segs) > 3
    assert all(s.text.endswith(".") for s in segs)
    assert all(len(s.text) <= 200 for s in segs)


def test_abbreviations_do_not_split():
    raw = ("Vi behöver t.ex. fler scener och bl.a. bättre lokaler för dans i länet, vilket är viktigt. " * 5)
    segs, _, _ = Segmenter(long_chars=120).split(raw)
    assert not any(s.text.startswith(("ex.", "a.")) for s in segs)


def test_html_is_stripped_but_spans_cover_raw():
    raw = "<p>Mer <b>pengar</b> &amp; fler lokaler</p><ul><li>Punkt ett</li><li>Punkt två</li></ul>"
    segs, ct, _ = Segmenter().split(raw)
    assert [s.text for s in segs] == ["Mer pengar & fler lokaler", "Punkt ett", "Punkt två"]
    assert ct.had_html
    assert raw[segs[0].start:segs[0].end] == "Mer <b>pengar</b> &amp; fler lokaler"
    assert raw[segs[2].start:segs[2].end] == "Punkt två"


def test_control_characters_dropped():
    segs, ct, _ = Segmenter().split("Mer\x00 pengar\x07 till kultur")
    assert [s.text for s in segs] == ["Mer pengar till kultur"]
    assert ct.control_chars == 2


def test_huge_paste_is_bounded():
    raw = "Ord " * 12_500  # 50,000 characters without a sentence end
    segs, _, truncated = Segmenter(max_segments=30).split(raw)
    assert 0 < len(segs) <= 30
    assert truncated
    assert all(len(s.text) <= 1200 for s in segs)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc ÅÄö.\n•-*1)<>&;p/\t\r\x00😀")), max_size=300))
def test_spans_are_ordered_and_map_back(raw):
    segs, _, _ = Segmenter(long_chars=60).split(raw)
    prev = 0
    for s in segs:
        assert 0 <= prev <= s.start < s.end <= len(raw)
        # The statement is exactly the cleaned, whitespace-collapsed text of its raw span.
        assert " ".join(clean(raw[s.start:s.end]).text.split()) == s.text or "<" in raw or "&" in raw
        prev = s.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abcdefåäö ")), min_size=1, max_size=30), max_size=8))
def test_plain_bullets_exact_spans(items):
    raw = "\n".join(f"• {x}" for x in items)
    segs, _, _ = Segmenter().split(raw)
    for s in segs:
        assert " ".join(raw[s.start:s.end].split()) == s.text
        assert raw[s.start:s.end] == raw[s.start:s.end].strip()
    assert [s.text for s in segs] == [" ".join(x.split()) for x in items if x.strip()]

"""Bad input: one GroupingError naming every person or setting at fault, in Swedish or English."""

from __future__ import annotations

import re

import pytest

from samrad.grouping import GroupingError, Person, RoundSpec, plan_event
from samrad.grouping.messages import MESSAGES, message


def people(n: int, area: str | None = "Musik") -> list[Person]:
    return [Person(f"p{i}", f"Person {i}", area) for i in range(n)]


def raises(people_: list[Person], rounds: list[RoundSpec], lang: str = "sv", **kw: object) -> GroupingError:
    with pytest.raises(GroupingError) as info:
        plan_event(people_, rounds, lang=lang, **kw)  # type: ignore[arg-type]
    return info.value


def test_participant_without_area_in_a_same_area_round_is_named() -> None:
    group = [*people(4), Person("x9", "Greta Garbo", None)]
    err = raises(group, [RoundSpec(1, "same_area")])
    assert err.codes == ["missing_area"]
    assert "Greta Garbo (x9) har inget kulturområde" in str(err)
    assert "omgång 1" in str(err)
    assert "Greta Garbo (x9) has no culture area" in err.text("en")


def test_no_area_is_fine_in_a_mixed_round() -> None:
    plan = plan_event(people(4, None), [RoundSpec(1, "mixed")], time_limit=1)
    assert len(plan.rounds[0].groups) == 1


def test_five_people_cannot_make_groups_of_exactly_four() -> None:
    err = raises(people(5), [RoundSpec(2, "mixed", 4, 4)], lang="en")
    assert err.codes == ["cannot_split"]
    assert str(err) == "Round 2: 5 participants cannot be split into groups of 4–4 people."


@pytest.mark.parametrize(
    ("low", "high", "code", "sv", "en"),
    [
        (
            3,
            2,
            "min_above_max",
            "minsta gruppstorlek (3) är större än största (2)",
            "smallest group size (3) is larger",
        ),
        (0, 4, "min_below_one", "minsta gruppstorlek är 0", "smallest group size is 0"),
    ],
)
def test_impossible_size_bounds(low: int, high: int, code: str, sv: str, en: str) -> None:
    err = raises(people(6), [RoundSpec(1, "mixed", low, high)])
    assert err.codes == [code]
    assert sv in err.text("sv") and en in err.text("en")


def test_duplicate_ids_are_named_with_their_count() -> None:
    group = [*people(4), Person("p1", "Someone else", "Dans"), Person("p1", "A third", "Dans")]
    err = raises(group, [RoundSpec(1, "mixed")], lang="en")
    assert "duplicate_person" in err.codes
    assert "Participant id p1 occurs 3 times" in str(err)


@pytest.mark.parametrize(
    ("rounds", "code", "needle"),
    [
        (
            [RoundSpec(1, "mixed"), RoundSpec(2, "keep_previous", keep_round=5)],
            "unknown_keep_round",
            "omgång 5",
        ),
        ([RoundSpec(1, "keep_previous", keep_round=1)], "unknown_keep_round", "omgång 1"),
        (
            [RoundSpec(2, "keep_previous", keep_round=3), RoundSpec(3, "mixed")],
            "unknown_keep_round",
            "omgång 3",
        ),
        ([RoundSpec(1, "mixed"), RoundSpec(2, "keep_previous")], "keep_round_missing", "anger inte vilken"),
        ([RoundSpec(1, "mixed", keep_round=1)], "keep_round_not_keep", "inte keep_previous"),
        ([RoundSpec(1, "shuffle")], "unknown_rule", "'shuffle'"),
        ([RoundSpec(1, "mixed"), RoundSpec(1, "mixed")], "duplicate_round", "Omgång 1 förekommer"),
        ([RoundSpec(1, "mixed", priorities=("areas", "shoe_size"))], "unknown_priority", "'shoe_size'"),
    ],
)
def test_bad_round_settings(rounds: list[RoundSpec], code: str, needle: str) -> None:
    err = raises(people(8), rounds)
    assert code in err.codes
    assert needle in str(err)


def test_keep_round_with_other_participants_is_refused() -> None:
    group = [*people(4), Person("d1", "D", "Dans"), Person("d2", "E", "Dans")]
    rounds = [RoundSpec(1, "mixed", areas=("Musik",)), RoundSpec(2, "keep_previous", keep_round=1)]
    err = raises(group, rounds, lang="en")
    assert err.codes == ["keep_other_people"]
    assert "d1, d2" in str(err)


def test_all_problems_are_reported_at_once() -> None:
    group = [*people(3), Person("p0", "Dup", None)]
    err = raises(group, [RoundSpec(1, "same_area", 3, 2)])
    assert set(err.codes) == {"duplicate_person", "missing_area", "min_above_max"}
    assert len(str(err).splitlines()) == 3


def test_bad_time_limit() -> None:
    err = raises(people(4), [RoundSpec(1, "mixed")], time_limit=0)
    assert err.codes == ["bad_time_limit"]


def test_every_message_exists_in_both_languages_with_the_same_fields() -> None:
    fields = re.compile(r"{(\w+)")
    for code, texts in MESSAGES.items():
        assert set(texts) == {"sv", "en"}, code
        assert set(fields.findall(texts["sv"])) == set(fields.findall(texts["en"])), code


def test_unknown_language_falls_back_to_swedish() -> None:
    assert message("word_group", "de") == "Grupp"

"""Erasure blanks a name in the forms people write it: as registered, "Surname, First", the surname alone."""

import pytest

from samrad.core.personaldata import REDACTED, Subject

X = REDACTED


def scrub(text, *identifiers):
    return Subject(consultation=None, identifiers=list(identifiers)).scrub(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vera Lindqvist-Åberg berättade", f"{X} berättade"),
        ("vera lindqvist-åberg berättade", f"{X} berättade"),
        ("Lindqvist-Åberg, Vera tyckte", f"{X} tyckte"),
        ("LINDQVIST-ÅBERG,  VERA tyckte", f"{X} tyckte"),
        ("Lindqvist-Åberg Vera tyckte", f"{X} tyckte"),
        ("Lindqvist, Vera tyckte", f"{X} tyckte"),
        ("Enligt Lindqvist-Åberg", f"Enligt {X}"),
        ("Enligt Lindqvist behövs lokaler", f"Enligt {X} behövs lokaler"),
        ("Åbergs förslag", f"{X} förslag"),
        ("mejla vera.lindqvist@example.net.", f"mejla {X}."),
    ],
)
def test_the_forms_a_name_is_written_in(text, expected):
    assert scrub(text, "Vera Lindqvist-Åberg", "vera.lindqvist@example.net") == expected


def test_the_surname_alone_only_as_a_name():
    """Written without a capital, "ek" and "berg" are words; a surname shorter than three letters only goes
    with the given name."""
    assert scrub("Berg sa att berget och Berg", "Anna Berg") == f"{X} sa att berget och {X}"
    assert scrub("berg och dal", "Anna Berg") == "berg och dal"
    assert scrub("Ek, Vera kom; en ek stod kvar; Ek", "Vera Ek") == f"{X} kom; en ek stod kvar; Ek"
    assert scrub("Platen, Nils; von Platen; Platen", "Nils von Platen") == f"{X}; {X}; {X}"
    assert scrub("Vera kom", "Vera Lindqvist") == "Vera kom"

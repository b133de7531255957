"""The consultation file loader: all or nothing, and messages that say where and what."""

import textwrap

import pytest
from django.utils import translation

from samrad.consultations.loader import LoadError, load_file, load_text
from samrad.consultations.models import Area, Consultation, Event, Question, Round
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Assertions below read the English messages; test_messages_in_swedish checks the default language."""
    with translation.override("en"):
        yield


MINIMAL = """
[consultation]
slug = "test"
name = "Test"
organiser = "Region Test"
plan_period = "2024–2027"

[[areas]]
slug = "musik"
name = "Musik"

[[areas]]
slug = "dans"
name = "Dans"

[[questions]]
slug = "q1"
label = "Utmaningar"
text = "Vilka är utmaningarna?"
kind = "challenges"

[[events]]
slug = "dialog"
title = "Dialog"
kind = "area_dialogue"
starts = 2022-06-01T09:00:00+02:00
ends = 2022-06-01T12:00:00+02:00

[[events.rounds]]
question = "q1"
rule = "same_area"
"""


def problems(text: str, lang: str = "en") -> list[str]:
    with translation.override(lang), pytest.raises(LoadError) as info:
        load_text(textwrap.dedent(text), filename="plan.toml")
    return [p.format("plan.toml") for p in info.value.problems]


def test_minimal_file_loads():
    consultation, report = load_text(MINIMAL)
    assert report.created
    assert [a.slug for a in consultation.areas.all()] == ["musik", "dans"]
    assert consultation.plan_period == "2024–2027"
    event = consultation.events.get()
    assert event.rounds.get().rule == Round.Rule.SAME_AREA
    assert consultation.publication_rule.min_participants == 5  # the default


def test_missing_key_names_line_and_key():
    text = MINIMAL.replace('organiser = "Region Test"\n', "")
    found = problems(text)
    assert found == ["plan.toml:2: consultation.organiser: is missing. Add organiser = … here."]


def test_wrong_type_is_reported():
    found = problems(
        MINIMAL.replace('[[events.rounds]]\nquestion = "q1"', '[[events.rounds]]\nquestion = "q1"\nmin_size = "two"')
    )
    assert len(found) == 1
    assert "events[0].rounds[0].min_size" in found[0]
    assert "should be a whole number" in found[0]


def test_unknown_area_in_a_round():
    text = MINIMAL + 'areas = ["musik", "teater"]\n'
    found = problems(text)
    assert len(found) == 1
    assert "events[0].rounds[0].areas" in found[0] and "'teater'" in found[0]
    line = int(found[0].split(":")[1])
    assert (
        textwrap.dedent(text).splitlines()[line - 1].startswith("[[events.rounds]]")
        or "areas" in textwrap.dedent(text).splitlines()[line - 1]
    )


def test_dates_in_the_wrong_order():
    text = MINIMAL.replace("ends = 2022-06-01T12:00:00+02:00", "ends = 2022-05-31T12:00:00+02:00")
    text += "\n[survey]\nopens = 2022-08-02\ncloses = 2022-06-02\n"
    found = problems(text)
    assert any("events[0].ends" in p and "wrong order" in p for p in found)
    assert any("survey.closes" in p and "wrong order" in p for p in found)


def test_not_toml():
    found = problems("[consultation\nslug = 1\n")
    assert len(found) == 1
    assert found[0].startswith("plan.toml:1: this is not valid TOML")


def test_messages_in_swedish():
    found = problems(MINIMAL.replace('organiser = "Region Test"\n', ""), lang="sv")
    assert found == ["plan.toml:2: consultation.organiser: saknas. Lägg till organiser = … här."]


def test_every_problem_is_reported_and_nothing_is_loaded():
    text = MINIMAL.replace('slug = "test"', 'slug = "Not A Slug"').replace('kind = "challenges"', 'kind = "x"')
    text = text.replace('rule = "same_area"', 'rule = "keep_previous"')
    found = problems(text)
    assert len(found) == 3
    assert Consultation.objects.count() == 0


def test_failure_while_writing_rolls_back(tmp_path):
    """A problem found only while applying (a missing logo file) leaves the database untouched."""
    load_text(MINIMAL)
    changed = MINIMAL.replace('name = "Test"', 'name = "Changed"').replace(
        'organiser = "Region Test"', 'organiser = "Region Test"\nlogo = "missing.svg"'
    )
    (tmp_path / "plan.toml").write_text(changed, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_file(tmp_path / "plan.toml")
    assert "consultation.logo" in str(info.value)
    assert Consultation.objects.get().name == "Test"


def test_unknown_section_and_key():
    # (goals is a registered section since the follow-up app; use a name no app registers.)
    found = problems(MINIMAL + "\n[nonsense]\nx = 1\n")
    assert any(p.startswith("plan.toml:") and ": nonsense: is not a known section" in p for p in found)
    found = problems(MINIMAL.replace('name = "Musik"', 'name = "Musik"\ncolour = "red"'))
    assert any("areas[0].colour: is not a known key" in p for p in found)


def test_unreadable_and_non_utf8_files(tmp_path):
    with pytest.raises(LoadError) as info:
        load_file(tmp_path / "nope.toml")
    assert "cannot read the file" in str(info.value)
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('[consultation]\nname = "Kultur i Örebro"\n'.encode("latin-1"))
    with pytest.raises(LoadError) as info:
        load_file(bad)
    assert ":2:" in str(info.value) and "UTF-8" in str(info.value)


def test_update_removes_what_the_file_no_longer_has():
    load_text(MINIMAL)
    smaller = MINIMAL.replace('[[areas]]\nslug = "dans"\nname = "Dans"\n', "")
    consultation, report = load_text(smaller)
    assert report.removed["areas"] == ["dans"]
    assert list(consultation.areas.values_list("slug", flat=True)) == ["musik"]


def test_cannot_remove_an_area_that_has_answers():
    from django.utils import timezone

    from samrad.intake.models import Contribution

    consultation, _ = load_text(MINIMAL)
    Contribution.objects.create(
        consultation=consultation,
        area=consultation.areas.get(slug="dans"),
        source="survey",
        raw_text="Fler scener",
        received_at=timezone.now(),
    )
    with pytest.raises(LoadError) as info:
        load_text(MINIMAL.replace('[[areas]]\nslug = "dans"\nname = "Dans"\n', ""))
    assert "cannot remove" in str(info.value)
    assert consultation.areas.filter(slug="dans").exists()


def test_example_loads_and_is_idempotent():
    first, report = load_file(EXAMPLE_DIR / "consultation.toml")
    assert report.created
    snapshot = _snapshot()
    second, report = load_file(EXAMPLE_DIR / "consultation.toml")
    assert not report.created and first.pk == second.pk
    assert _snapshot() == snapshot


def test_example_has_the_reference_structure():
    consultation, _ = load_file(EXAMPLE_DIR / "consultation.toml")
    assert [a.name for a in consultation.areas.all()] == [
        "Bibliotek",
        "Bild och form",
        "Dans",
        "Film",
        "Kulturarv",
        "Litteratur",
        "Musik",
        "Slöjd",
        "Teater",
    ]
    assert consultation.municipalities.count() == 12
    dialogue = consultation.events.get(slug="kulturdialog-2022-06-01")
    rules = [(r.number, r.rule, r.keep_round) for r in dialogue.rounds.all()]
    assert rules == [(1, "same_area", None), (2, "mixed", None), (3, "keep_previous", 2)]
    kinds = sorted(e.kind for e in consultation.events.all())
    assert kinds == ["area_dialogue", "municipal_dialogue", "municipal_dialogue", "sector_workshop"]
    survey = consultation.survey
    assert survey.opens_at.date().isoformat() == "2022-06-02"
    # Open all of 2 August (Swedish time).
    from zoneinfo import ZoneInfo

    assert survey.closes_at.astimezone(ZoneInfo("Europe/Stockholm")).isoformat() == "2022-08-03T00:00:00+02:00"


def _snapshot():
    return (
        list(Consultation.objects.values_list("pk", "name", "status")),
        list(Area.objects.values_list("pk", "slug", "order", "neighbour_id")),
        list(Question.objects.values_list("pk", "slug", "kind")),
        list(Event.objects.values_list("pk", "slug", "starts_at")),
        list(Round.objects.values_list("pk", "number", "rule", "keep_round", "question_id")),
    )


def test_reserved_slug_is_refused():
    found = problems(MINIMAL.replace('slug = "test"', 'slug = "personal"'))
    assert found == [
        "plan.toml:3: consultation.slug: 'personal' is used by the site itself. Choose another slug, "
        'e.g. "personal-2024".'
    ]


def test_reserved_slugs_cover_the_sites_own_paths():
    """Every fixed first path segment of the site's URLs is reserved (so a new app cannot forget it)."""
    from django.urls import get_resolver

    from samrad.consultations.loader.validate import RESERVED_SLUGS

    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    firsts = {s.lstrip("^").split("/")[0] for s in walk(get_resolver().url_patterns)}
    fixed = {f for f in firsts if f and not f.startswith("<")}
    assert fixed <= RESERVED_SLUGS

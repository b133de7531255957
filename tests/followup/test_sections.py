"""The follow-up sections of the consultation file: the example loads, re-loads idempotently, and bad input is
reported with the key and line, changing nothing."""

import pytest

from samrad.consultations.loader import LoadError, load_text
from samrad.followup.models import Activity, ActivityNote, Collaboration, FocusArea, FollowupInfo, Goal, Sector
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db

EXAMPLE = (EXAMPLE_DIR / "consultation.toml").read_text(encoding="utf-8")


def _load(text: str):
    return load_text(text, filename="plan.toml", base_dir=EXAMPLE_DIR)


def _snapshot():
    return (
        list(Collaboration.objects.values_list("slug", "title")),
        list(Goal.objects.values_list("slug", "name", "text")),
        list(Sector.objects.values_list("slug", "name")),
        list(FocusArea.objects.values_list("slug", "text", "goal__slug", "sector__slug")),
        list(Activity.objects.order_by("slug").values_list("slug", "status", "responsible", "starts", "ends")),
        list(ActivityNote.objects.order_by("activity__slug", "date").values_list("activity__slug", "date", "status")),
    )


def test_example_has_the_pages_collaboration_sections(example_plan):
    assert list(example_plan.collaborations.values_list("slug", flat=True)) == ["kommuner", "samhallsomraden"]
    kommuner = example_plan.collaborations.get(slug="kommuner")
    assert len(kommuner.results) == 4
    assert set(kommuner.events.values_list("slug", flat=True)) == {
        "samverkansrad-2022-04-08",
        "samverkansrad-2022-06-10",
    }
    assert list(example_plan.goals.values_list("name", flat=True)) == ["Mål 1", "Mål 2", "Mål 3"]
    assert example_plan.goals.get(slug="mal-2").target_groups == ["Unga", "Äldre"]
    names = list(example_plan.sectors.values_list("name", flat=True))
    assert names[0] == "Energi och klimat" and names[-1] == "Samhällsplanering" and len(names) == 7
    counts = {s.slug: s.activities.filter(is_invented=False).count() for s in example_plan.sectors.all()}
    assert counts == {
        "energi-och-klimat": 4,
        "naringsliv-och-turism": 7,
        "trafik-och-samhallsplanering": 7,
        "utbildning-och-arbetsmarknad": 6,
        "kultur-och-halsa": 0,
        "valfard-och-folkhalsa": 11,
        "samhallsplanering": 4,
    }
    # The invented part is marked as such, on every row it touched.
    assert FollowupInfo.objects.get(consultation=example_plan).is_invented
    assert set(Activity.objects.filter(is_invented=True).values_list("slug", flat=True)) == {
        "mal-3-kulturskolor-kartlaggning",
        "mal-2-kultur-i-aldreomsorgen",
    }
    assert not ActivityNote.objects.filter(is_invented=False).exists()
    assert Activity.objects.get(slug="ek-hallbara-resor").status == "dropped"


def test_reloading_the_file_changes_nothing(example_plan):
    before = _snapshot()
    _load(EXAMPLE)
    assert _snapshot() == before


def test_staff_notes_survive_a_reload_and_the_status_follows_the_latest_note(example_plan):
    import datetime as dt

    activity = Activity.objects.get(slug="vf-halsoekonomi")
    ActivityNote.objects.create(activity=activity, date=dt.date(2026, 5, 1), status="planned", text="Beslutat.")
    activity.refresh_status()
    _load(EXAMPLE)
    activity.refresh_from_db()
    assert activity.status == "planned"
    assert activity.notes.count() == 1


def test_removing_an_activity_with_staff_notes_is_refused(example_plan):
    import datetime as dt

    activity = Activity.objects.get(slug="sp-natverkstraffar")
    ActivityNote.objects.create(activity=activity, date=dt.date(2025, 1, 1), text="Första träffen.")
    text = EXAMPLE.replace('slug = "sp-natverkstraffar"', 'slug = "sp-natverkstraffar-ny"')
    with pytest.raises(LoadError) as error:
        _load(text)
    assert "sp-natverkstraffar" in error.value.format()
    assert Activity.objects.filter(slug="sp-natverkstraffar").exists()


def test_removed_sector_activities_go_on_reload(example_plan):
    text = EXAMPLE.replace(
        '[[sectors.activities]]\nslug = "sp-natverkstraffar"',
        '[[sectors.focus_areas]]\nslug = "sp-natverk"',
    )
    _load(text)
    assert not Activity.objects.filter(slug="sp-natverkstraffar").exists()
    assert FocusArea.objects.filter(slug="sp-natverk", sector__slug="samhallsplanering").exists()


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return text[:start].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, key, message",
    [
        (
            'goals = ["mal-3"]\n\n[[followup.activities.notes]]\ndate = 2024-04-15',
            'goals = ["mal-9"]\n\n[[followup.activities.notes]]\ndate = 2024-04-15',
            "followup.activities[3].goals",
            "'mal-9'",
        ),
        (
            'focus_areas = ["mal-2-psykisk-ohalsa"]',
            'focus_areas = ["mal-2-psykisk"]',
            "followup.activities[11].focus_areas",
            "'mal-2-psykisk'",
        ),
        ('activity = "ua-kaa"', 'activity = "ua-kaaa"', "followup.activities[7].activity", "'ua-kaaa'"),
        (
            "starts = 2024-03-01\nends = 2024-12-31",
            "starts = 2023-03-01\nends = 2024-12-31",
            "followup.activities[3].starts",
            "2024–2027",
        ),
        ("date = 2025-10-15", "date = 2028-10-15", "followup.activities[12].notes[1].date", "2024–2027"),
        ('status = "dropped"', 'status = "stopped"', "followup.activities[1].notes[1].status", "'stopped'"),
        (
            'collaboration = "kommuner"\nname = "Mål 2"',
            'collaboration = "kommun"\nname = "Mål 2"',
            "goals[1].collaboration",
            "'kommun'",
        ),
        (
            'events = ["sektorsworkshop-2022-06-08"]',
            'events = ["sektorsworkshop"]',
            "collaborations[1].events",
            "'sektorsworkshop'",
        ),
        (
            '{ area = "musik", question = "utmaningar"',
            '{ area = "musiken", question = "utmaningar"',
            "followup.activities[6].themes[0].area",
            "'musiken'",
        ),
    ],
)
def test_bad_references_and_dates_are_reported_with_key_and_line(example_plan, old, new, key, message):
    assert EXAMPLE.count(old) == 1, old
    text = EXAMPLE.replace(old, new)
    before = _snapshot()
    with pytest.raises(LoadError) as error:
        _load(text)
    problems = [p for p in error.value.problems if p.key == key]
    assert problems, error.value.format()
    assert message in problems[0].message
    assert problems[0].line is not None
    assert "plan.toml:" in error.value.format()
    assert _snapshot() == before  # nothing half-loaded


def test_line_numbers_point_at_the_bad_key(example_plan):
    text = EXAMPLE.replace('activity = "ua-kaa"', 'activity = "ua-kaaa"')
    with pytest.raises(LoadError) as error:
        _load(text)
    problem = next(p for p in error.value.problems if p.key.endswith(".activity"))
    assert problem.line == _line_of(text, 'activity = "ua-kaaa"')


def test_structural_problems_are_all_listed_at_once(db):
    text = EXAMPLE.replace('[[goals]]\nslug = "mal-1"', '[[goals]]\nslug = "Mål 1"').replace(
        'slug = "ek-workshops"\ntext', 'slug = "ek-workshops"\ntexten'
    )
    text += '\n[[followup.activities]]\nactivity = "ek-workshops"\nbogus = 1\n'
    with pytest.raises(LoadError) as error:
        _load(text)
    keys = {p.key for p in error.value.problems}
    assert "goals[0].slug" in keys
    assert "sectors[0].activities[0].text" in keys
    assert "sectors[0].activities[0].texten" in keys
    assert any(k.endswith(".bogus") for k in keys)
    assert "followup.activities[15].activity" in keys  # ek-workshops followed up twice
    assert not Goal.objects.exists()

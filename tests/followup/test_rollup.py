"""Progress rolls up from activities to focus areas, goals and sectors; counts are always available."""

import datetime as dt

import pytest

from samrad.followup.models import Activity, ActivityNote, Goal
from samrad.followup.rollup import Progress, goal_activities, progress_of

pytestmark = pytest.mark.django_db


def test_share_is_done_among_activities_not_dropped():
    p = Progress.of(["done", "done", "ongoing", "proposed", "dropped"])
    assert (p.total, p.counted, p.done, p.dropped) == (5, 4, 2, 1)
    assert p.percent == 50
    assert [s for s, _label, _n in p.parts()] == ["done", "ongoing", "proposed", "dropped"]


def test_no_activities_and_all_dropped_have_no_share():
    assert Progress.of([]).share is None
    assert Progress.of(["dropped", "dropped"]).share is None


def test_goal_counts_direct_and_focus_area_activities_once(example_plan):
    goal = Goal.objects.get(slug="mal-3")
    # The example links three activities to Mål 3; one of them through two focus areas as well as directly.
    slugs = sorted(a.slug for a in goal_activities(goal))
    assert slugs == ["mal-3-kulturskolor-kartlaggning", "nt-utbildningsdag", "ua-gis-socioekonomi"]
    progress = progress_of(goal_activities(goal))
    assert (progress.done, progress.counted) == (2, 3)


def test_a_status_change_moves_the_goal(example_plan):
    goal = Goal.objects.get(slug="mal-2")
    before = progress_of(goal_activities(goal))
    activity = Activity.objects.get(slug="vf-nara-vard-uvas")
    ActivityNote.objects.create(activity=activity, date=dt.date(2026, 10, 1), status="done", text="Klart.")
    activity.refresh_status()
    after = progress_of(goal_activities(goal))
    assert after.done == before.done + 1
    ActivityNote.objects.create(activity=activity, date=dt.date(2026, 11, 1), status="dropped", text="Avbrutet.")
    activity.refresh_status()
    dropped = progress_of(goal_activities(goal))
    assert (dropped.done, dropped.counted, dropped.dropped) == (before.done, before.counted - 1, 1)


def test_the_latest_note_by_date_sets_the_status_even_if_written_earlier(example_plan):
    activity = Activity.objects.get(slug="vf-halsoekonomi")
    ActivityNote.objects.create(activity=activity, date=dt.date(2026, 6, 1), status="ongoing")
    ActivityNote.objects.create(activity=activity, date=dt.date(2026, 3, 1), status="planned")
    assert activity.refresh_status() == "ongoing"


def test_history_shows_status_changes_in_order(example_plan):
    from samrad.followup.history import history

    activity = Activity.objects.get(slug="ek-workshops")
    entries = history([activity], newest_first=False)
    assert [(e.old_status, e.new_status) for e in entries] == [
        ("proposed", "planned"),
        ("planned", "ongoing"),
        ("", ""),
    ]

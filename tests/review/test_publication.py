"""The published snapshot: the public sees the last published version; analysts edit a draft, see what will
change, and publish again (issue 13.1)."""

import re

import pytest

from samrad.audit.models import AuditEvent
from samrad.publication import pending_changes, publish_area, withdraw_area
from samrad.publication.models import Snapshot
from samrad.publication.summary import build
from samrad.review.actions import areas, themes
from samrad.review.actions.common import Actor
from samrad.review.models import AreaReview

pytestmark = pytest.mark.django_db
STATUS = "/orebro-2022/granskning/omrade/musik/status/"
PUBLIC = "/orebro-2022/resultat/"


@pytest.fixture
def by(users):
    return Actor(users["analyst"])


def musik(consultation):
    return next(a for a in build(consultation).areas if a.slug == "musik")


def public_text(client) -> str:
    """The public results page, without its per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", client.get(PUBLIC).content.decode())


def test_publishing_shows_the_lines_first_then_publishes(analyst_client, workspace):
    headline = workspace.theme("lokaler").headline
    page = analyst_client.post(STATUS, {"status": "published"})
    assert page.status_code == 200 and "publish-diff" in page.content.decode()
    assert headline in page.content.decode()
    assert not Snapshot.objects.filter(area=workspace.area).exists()  # nothing published yet
    assert headline not in public_text(analyst_client)
    analyst_client.post(STATUS, {"status": "published", "confirm": "1"})
    assert headline in public_text(analyst_client)
    assert AreaReview.objects.get(area=workspace.area).status == AreaReview.Status.PUBLISHED


def test_an_edit_after_publishing_changes_only_the_draft(client, workspace, by):
    lokaler = workspace.theme("lokaler")
    old = lokaler.headline
    areas.set_status(workspace.area, AreaReview.Status.PUBLISHED, by=by)
    themes.edit_theme(lokaler, headline="Ny rubrik som ingen har publicerat", label="", by=by)
    themes.set_included(workspace.theme("ekonomi"), False, by=by)
    page = public_text(client)
    assert old in page and "Ny rubrik som ingen har publicerat" not in page
    assert workspace.theme("ekonomi").headline in page
    changes = pending_changes(workspace.area)
    assert changes.count("changed") + changes.count("removed") >= 2
    assert AreaReview.objects.get(area=workspace.area).status == AreaReview.Status.PUBLISHED


def test_moving_to_other_after_publishing_publishes_nothing(client, workspace, by):
    areas.set_status(workspace.area, AreaReview.Status.PUBLISHED, by=by)
    before = public_text(client)
    lokaler = workspace.theme("lokaler")
    # "Flytta till Övrigt": the theme's statements, and the examples resting on them, go to the rest line.
    themes.move_statements(list(lokaler.statements.all()), None, by=by)
    themes.set_included(lokaler, False, by=by)
    assert public_text(client) == before
    published = musik(workspace.consultation)
    assert lokaler.headline in [t.headline for t in published.sections[0].themes]
    added = [c.after for c in pending_changes(workspace.area).changes if c.kind in ("added", "changed")]
    assert added, "the move is a change of the draft the analyst must see"


def test_republishing_shows_the_diff_then_updates(analyst_client, workspace, by):
    analyst_client.post(STATUS, {"status": "published", "confirm": "1"})
    lokaler = workspace.theme("lokaler")
    old = lokaler.headline
    themes.edit_theme(lokaler, headline="Replokaler saknas i länet", label="", by=by)
    overview = analyst_client.get("/orebro-2022/granskning/").content.decode()
    assert "Opublicerade ändringar" in overview
    page = analyst_client.post(STATUS, {"status": "published"}).content.decode()
    assert "<del>" in page and old in page and "<ins>" in page and "Replokaler saknas i länet" in page
    assert old in public_text(analyst_client)  # still the published version
    analyst_client.post(STATUS, {"status": "published", "confirm": "1"})
    page = public_text(analyst_client)
    assert "Replokaler saknas i länet" in page and old not in page
    assert not pending_changes(workspace.area)
    event = AuditEvent.objects.filter(action="publication.publish").latest("pk")
    assert event.data["changed"] == 1 and event.data["first"] is False


def test_every_format_reads_the_snapshot(analyst_client, workspace, by, tmp_path):
    from samrad.publication.cli import write_all

    areas.set_status(workspace.area, AreaReview.Status.PUBLISHED, by=by)
    themes.edit_theme(workspace.theme("lokaler"), headline="Utkast som inte är publicerat", label="", by=by)
    for fmt in ["json", "csv", "docx", "pdf", "webbplats.zip"]:
        response = analyst_client.get(f"/orebro-2022/granskning/export/{fmt}")
        assert response.status_code == 200
    assert (
        "Utkast som inte är publicerat"
        not in analyst_client.get("/orebro-2022/granskning/export/json").content.decode()
    )
    assert (
        "Utkast som inte är publicerat" not in analyst_client.get("/orebro-2022/granskning/export/csv").content.decode()
    )
    written = write_all(workspace.consultation, tmp_path)
    for path in written:
        if path.suffix in (".html", ".json", ".csv"):
            assert "Utkast som inte är publicerat" not in path.read_text(encoding="utf-8"), path


def test_the_api_publishes_and_withdraws_with_an_audit_trail(workspace, users):
    snapshot = publish_area(workspace.area, None, label="samrad review")
    assert snapshot.published_label == "samrad review"
    review = AreaReview.objects.get(area=workspace.area)
    assert review.status == AreaReview.Status.PUBLISHED and review.status_changed_label == "samrad review"
    assert musik(workspace.consultation).published
    assert withdraw_area(workspace.area, users["analyst"]) is True
    assert not musik(workspace.consultation).published
    assert AreaReview.objects.get(area=workspace.area).status == AreaReview.Status.IN_REVIEW
    assert list(
        AuditEvent.objects.filter(action__startswith="publication.").order_by("pk").values_list("action", flat=True)
    ) == [
        "publication.publish",
        "publication.withdraw",
    ]


def test_a_withheld_area_is_not_published_and_an_earlier_snapshot_is_not_shown(workspace, by):
    from samrad.participation.models import Registration
    from samrad.publication import PublicationError

    publish_area(workspace.area, by.user)
    Registration.objects.filter(area=workspace.area).delete()
    workspace.consultation.contributions.filter(area=workspace.area).update(respondent="")
    assert musik(workspace.consultation).withheld and not musik(workspace.consultation).sections
    with pytest.raises(PublicationError, match="Musik"):
        publish_area(workspace.area, by.user)


def test_the_migration_gives_areas_published_before_snapshots_their_text(client, workspace):
    """Areas published before this change: the data migration copies their draft, so the example keeps working."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("samrad.publication.migrations.0002_snapshots_of_published_areas")
    AreaReview.objects.filter(area=workspace.area).update(status=AreaReview.Status.PUBLISHED)  # no signal
    assert not Snapshot.objects.exists()
    assert workspace.theme("lokaler").headline not in public_text(client)
    migration.forwards(apps, None)
    snapshot = Snapshot.objects.get(area=workspace.area)
    assert snapshot.published_label == "migration"
    assert workspace.theme("lokaler").headline in public_text(client)
    assert not pending_changes(workspace.area)  # the same text the draft gives


def test_a_status_written_straight_to_the_model_keeps_published_and_snapshot_together(workspace):
    review = AreaReview.objects.get(area=workspace.area)
    review.status = AreaReview.Status.PUBLISHED
    review.save()
    assert Snapshot.objects.filter(area=workspace.area).exists()
    review.status = AreaReview.Status.DRAFT
    review.save()
    assert not Snapshot.objects.filter(area=workspace.area).exists()

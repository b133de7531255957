"""Each analyst action on the real database, with its audit record (who, what, before, after)."""

import pytest

from samrad.audit.models import AuditEvent
from samrad.publication.summary import build
from samrad.review.actions import ActionError, Actor, Section, areas, points, quotes, themes
from samrad.review.models import AreaReview, Origin, Point, Quote, Statement, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def by(users):
    return Actor(user=users["analyst"])


def last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("pk")


def test_rename_and_rewrite_a_theme(workspace, by):
    theme = workspace.theme("lokaler")
    old = theme.headline
    assert themes.edit_theme(theme, headline="  Det saknas lokaler för musik  ", label="Lokaler", by=by)
    theme.refresh_from_db()
    assert (theme.headline, theme.label, theme.edited) == ("Det saknas lokaler för musik", "Lokaler", True)
    event = last_event("review.theme.edit")
    assert event.actor_label == "analyst" and event.consultation == workspace.consultation
    assert event.data["before"] == {"headline": old, "label": "lokaler"}
    assert event.data["after"]["headline"] == "Det saknas lokaler för musik"
    assert event.object_id == str(theme.pk)
    # Saving the same again is no change and no audit record.
    assert not themes.edit_theme(theme, headline="Det saknas lokaler för musik", label="Lokaler", by=by)
    assert AuditEvent.objects.filter(action="review.theme.edit").count() == 1


def test_merge_two_themes(workspace, by):
    lokaler, ekonomi = workspace.theme("lokaler"), workspace.theme("ekonomi")
    ekonomi_statements = set(ekonomi.statements.values_list("pk", flat=True))
    ekonomi_points = list(ekonomi.points.values_list("text", flat=True))
    themes.merge_themes(lokaler, [ekonomi], by=by)
    assert not Theme.objects.filter(pk=ekonomi.pk).exists()
    lokaler.refresh_from_db()
    assert ekonomi_statements <= set(lokaler.statements.values_list("pk", flat=True))
    assert list(lokaler.points.order_by("order").values_list("text", flat=True))[-1:] == ekonomi_points
    assert lokaler.edited and "ekonomi" in lokaler.keywords
    assert set(lokaler.statements.values_list("assigned_by", flat=True)) >= {Origin.ANALYST}
    event = last_event("review.theme.merge")
    assert event.data["before"]["merged"][0]["headline"] == ekonomi.headline
    assert set(event.data["after"]["statements"]) >= ekonomi_statements


def test_merge_refuses_a_theme_of_another_question(workspace, by):
    other = Theme.objects.get(area=workspace.area, question=workspace.attractive)
    with pytest.raises(ActionError):
        themes.merge_themes(workspace.theme("lokaler"), [other], by=by)
    with pytest.raises(ActionError):
        themes.merge_themes(workspace.theme("lokaler"), [workspace.theme("lokaler")], by=by)


def test_split_selected_statements_into_a_new_theme(workspace, by):
    lokaler = workspace.theme("lokaler")
    scene = workspace.statement("Vi behöver en scen")
    section = Section(workspace.consultation, workspace.area, workspace.challenges)
    new = themes.new_theme(section, headline="", statements=[scene], by=by, after=lokaler)
    assert new.headline == scene.text  # the statement (redacted) when no headline is given
    assert new.origin == Origin.ANALYST and new.edited
    assert new.order == lokaler.order + 1
    scene.refresh_from_db()
    assert scene.theme == new and scene.assigned_by == Origin.ANALYST
    # The point that rested only on the moved statement went with it.
    assert list(new.points.values_list("text", flat=True)) == [scene.text]
    assert not lokaler.points.filter(text=scene.text).exists()
    event = last_event("review.theme.split")
    assert event.data["from_themes"] == [lokaler.pk]
    assert last_event("review.statements.move").data["after"] == new.pk


def test_move_statements_between_themes_and_the_rest(workspace, by):
    ekonomi = workspace.theme("ekonomi")
    rest_statement = workspace.statement("Samverkan över länsgränsen")
    assert themes.move_statements([rest_statement], ekonomi, by=by) == 1
    rest_statement.refresh_from_db()
    assert rest_statement.theme == ekonomi
    # Its rest line followed it into the theme.
    assert ekonomi.points.filter(text=rest_statement.text).exists()
    event = last_event("review.statements.move")
    assert event.data["before"] == {str(rest_statement.pk): None} and event.data["after"] == ekonomi.pk
    themes.move_statements([rest_statement], None, by=by)
    rest_statement.refresh_from_db()
    assert rest_statement.theme is None
    # Moving a statement where it already is changes nothing.
    assert themes.move_statements([rest_statement], None, by=by) == 0


def test_move_refuses_statements_of_another_section(workspace, by):
    elsewhere = Statement.objects.filter(area=workspace.area, question=workspace.attractive).first()
    with pytest.raises(ActionError):
        themes.move_statements([elsewhere], workspace.theme("ekonomi"), by=by)


def test_include_exclude_order_and_delete_a_theme(workspace, by):
    lokaler, ekonomi = workspace.theme("lokaler"), workspace.theme("ekonomi")
    themes.set_included(ekonomi, False, by=by)
    ekonomi.refresh_from_db()
    assert ekonomi.published is False
    assert last_event("review.theme.exclude").object_id == str(ekonomi.pk)
    themes.reorder_theme(ekonomi, "up", by=by)
    section = Section(workspace.consultation, workspace.area, workspace.challenges)
    assert list(section.themes()) == [ekonomi, lokaler]
    assert last_event("review.theme.order").data["after"] == [ekonomi.pk, lokaler.pk]
    statements = set(ekonomi.statements.values_list("pk", flat=True))
    themes.delete_theme(ekonomi, by=by)
    assert set(Statement.objects.filter(pk__in=statements).values_list("theme", flat=True)) == {None}
    assert last_event("review.theme.delete").data["before"]["headline"] == ekonomi.headline


def test_points_choose_write_edit_order_remove(workspace, by):
    section = Section(workspace.consultation, workspace.area, workspace.challenges)
    ekonomi = workspace.theme("ekonomi")
    chosen = workspace.statement("Bidragen till föreningarna")
    point = points.point_from_statement(section, chosen, by=by)
    assert point.theme == ekonomi and list(point.sources.all()) == [chosen]
    with pytest.raises(ActionError):
        points.point_from_statement(section, chosen, by=by)
    own = points.add_point(section, ekonomi, text="Fleråriga verksamhetsbidrag", sources=[], by=by)
    assert own.origin == Origin.ANALYST and not own.sources.exists()
    assert last_event("review.point.add").data["after"]["text"] == "Fleråriga verksamhetsbidrag"
    with pytest.raises(ActionError):
        points.add_point(section, ekonomi, text="   ", sources=[], by=by)
    points.edit_point(own, text="Fleråriga bidrag till föreningar", by=by)
    assert last_event("review.point.edit").data == {
        "before": "Fleråriga verksamhetsbidrag",
        "after": "Fleråriga bidrag till föreningar",
    }
    points.reorder_point(section, own, "up", by=by)
    assert list(ekonomi.points.order_by("order").values_list("pk", flat=True))[-2] == own.pk
    points.delete_point(own, by=by)
    assert not Point.objects.filter(pk=own.pk).exists()
    assert last_event("review.point.delete").data["before"]["text"] == "Fleråriga bidrag till föreningar"
    ekonomi.refresh_from_db()
    assert ekonomi.edited


def test_quotes_approve_reject_edit_restore_propose(workspace, by):
    named = workspace.quote("Ring Anna")
    assert quotes.findings(named) == []  # the machine masked the name and the number
    found = quotes.edit_text(named, text="Ring Anna Svensson om konserterna i Nora /…/", by=by)
    assert [f.kind for f in found] == ["namn"]
    named.refresh_from_db()
    assert named.edited and named.original.startswith("Ring Anna Svensson")  # the original stays beside it
    assert last_event("review.quote.edit").data["after"] == "Ring Anna Svensson om konserterna i Nora /…/"
    quotes.restore(named, by=by)
    named.refresh_from_db()
    assert named.text.startswith("Ring [namn] på [telefon]") and not named.edited
    quotes.set_status(named, Quote.Status.APPROVED, by=by)
    assert last_event("review.quote.approved").data["before"] == "candidate"
    quotes.set_status(named, Quote.Status.REJECTED, by=by)
    named.refresh_from_db()
    assert named.status == Quote.Status.REJECTED
    with pytest.raises(ActionError):
        quotes.edit_text(named, text=" ", by=by)
    section = Section(workspace.consultation, workspace.area, workspace.attractive)
    proposed = quotes.propose(section, workspace.statement("Musiklivet gör"), by=by)
    assert proposed.status == Quote.Status.CANDIDATE
    with pytest.raises(ActionError):
        quotes.propose(section, workspace.statement("Musiklivet gör"), by=by)


def test_new_contact_details_in_an_edited_quote_are_found(workspace, by):
    quote = workspace.quote("Sommarkonserterna")
    found = quotes.edit_text(quote, text="Mejla kalle@example.com eller ring 019-12 34 56.", by=by)
    assert {f.kind for f in found} == {"e-post", "telefon"}


def test_area_status_with_who_and_when_and_the_minimum(workspace, by, users):
    review = areas.set_status(workspace.area, AreaReview.Status.IN_REVIEW, by=by)
    assert review.status_changed_by == users["analyst"] and review.status_changed_at is not None
    review = areas.set_status(workspace.area, AreaReview.Status.PUBLISHED, by=by)
    assert review.published_at is not None
    assert last_event("review.area.status").data == {"area": "musik", "before": "in_review", "after": "published"}
    litteratur = workspace.consultation.areas.get(slug="litteratur")
    with pytest.raises(ActionError, match="Litteratur"):
        areas.set_status(litteratur, AreaReview.Status.PUBLISHED, by=by)
    assert areas.review_for(litteratur).status == AreaReview.Status.DRAFT
    areas.set_status(workspace.area, AreaReview.Status.DRAFT, by=by)


def test_what_analysts_decide_is_what_is_published(workspace, by):
    lokaler, ekonomi = workspace.theme("lokaler"), workspace.theme("ekonomi")
    themes.edit_theme(lokaler, headline="Lokaler saknas", label="", by=by)
    themes.set_included(ekonomi, False, by=by)
    quotes.set_status(workspace.quote("Sommarkonserterna"), Quote.Status.APPROVED, by=by)
    areas.set_status(workspace.area, AreaReview.Status.PUBLISHED, by=by)
    musik = next(a for a in build(workspace.consultation).areas if a.slug == "musik")
    challenges, attractive = musik.sections[0], musik.sections[1]
    assert [t.headline for t in challenges.themes] == ["Lokaler saknas"]
    assert challenges.rest  # the Other line
    assert attractive.quotes == [workspace.quote("Sommarkonserterna").text]
    assert not attractive.themes  # quotes, not themes, for attractiveness


def test_the_demo_actor_is_named_in_the_log(workspace):
    themes.set_included(workspace.theme("lokaler"), False, by=Actor(label="samrad demo"))
    event = last_event("review.theme.exclude")
    assert event.actor is None and event.actor_label == "samrad demo"

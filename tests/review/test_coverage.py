"""Nothing silently lost: the published lines' coverage of a section's statements, on the review page and in
`samrad review … coverage`."""

import pytest

from samrad.review import coverage
from samrad.review.actions import Actor, points, themes
from samrad.review.models import Point, Statement

pytestmark = pytest.mark.django_db
BY = Actor(label="test")


def test_everything_is_represented_when_themes_are_included_and_rest_lines_cite_the_rest(workspace):
    cov = coverage.section(workspace.consultation, workspace.area, workspace.challenges)
    assert (cov.total, cov.represented, cov.rest_total, cov.rest_shown, cov.missing) == (8, 8, 2, 2, [])


def test_a_left_out_theme_and_a_rest_statement_on_no_line_are_listed(workspace):
    themes.set_included(workspace.theme("ekonomi"), False, by=BY)
    hidden = workspace.statement("Hösten och vintern")
    points.delete_point(Point.objects.get(theme=None, sources=hidden), by=BY)
    cov = coverage.section(workspace.consultation, workspace.area, workspace.challenges)
    assert (cov.total, cov.represented, cov.left_out) == (8, 4, 4)
    assert (cov.rest_total, cov.rest_shown, cov.rest_hidden) == (2, 1, 1)
    reasons = {m.statement.text[:12]: m.reason for m in cov.missing}
    assert reasons["Hösten och v"] == coverage.Reason.REST
    assert sum(r == coverage.Reason.EXCLUDED for r in reasons.values()) == 3
    assert all(m.theme == workspace.theme("ekonomi") for m in cov.missing if m.reason == coverage.Reason.EXCLUDED)


def test_a_duplicate_counts_with_the_statement_it_repeats(workspace):
    kept = workspace.statement("Det saknas replokaler")
    rest = workspace.statement("Hösten och vintern")
    points.delete_point(Point.objects.get(theme=None, sources=rest), by=BY)
    Statement.objects.filter(pk=rest.pk).update(duplicate_of=kept)
    cov = coverage.section(workspace.consultation, workspace.area, workspace.challenges)
    assert cov.represented == 8 and cov.rest_shown == 2


def test_quote_questions_count_approved_quotes(workspace):
    cov = coverage.section(workspace.consultation, workspace.area, workspace.attractive)
    assert cov.quotes and (cov.total, cov.represented) == (3, 0)
    q = workspace.quote("Sommarkonserterna")
    q.status = "approved"
    q.save()
    assert coverage.section(workspace.consultation, workspace.area, workspace.attractive).represented == 1


def test_the_review_page_shows_the_count_and_moves_what_is_left_out(workspace, analyst_client):
    hidden = workspace.statement("Hösten och vintern")
    points.delete_point(Point.objects.get(theme=None, sources=hidden), by=BY)
    page = analyst_client.get(workspace.url()).content.decode()
    assert "7 av 8 påståenden finns med i texten." in page
    assert "Övrigt-raden visar 1 av de 2 påståendena i resten; 1 till finns inte med i den." in page
    assert f'id="saknas-{hidden.pk}"' in page and "I resten, på ingen Övrigt-rad" in page

    # The existing move action, one statement at a time, from the list.
    lokaler = workspace.theme("lokaler")
    analyst_client.post(
        workspace.url() + "pastaenden/rest/",
        {"srest-statements": hidden.pk, "srest-do": "move", "srest-destination": lokaler.pk},
    )
    assert Statement.objects.get(pk=hidden.pk).theme == lokaler
    page = analyst_client.get(workspace.url()).content.decode()
    assert "8 av 8 påståenden finns med i texten." in page and f'id="saknas-{hidden.pk}"' not in page


def test_the_review_page_in_english(workspace, analyst_client):
    themes.set_included(workspace.theme("ekonomi"), False, by=BY)
    page = analyst_client.get("/en" + workspace.url()).content.decode()
    assert "5 of 8 statements are in the text." in page
    assert "In a theme left out of the summary" in page


def test_the_overview_shows_each_cells_count_and_links_to_what_is_left_out(workspace, analyst_client):
    themes.set_included(workspace.theme("ekonomi"), False, by=BY)
    page = analyst_client.get("/orebro-2022/granskning/").content.decode()
    assert "I texten: 5 av 8" in page
    assert workspace.url() + "#tackning" in page and "3 finns inte med" in page


def test_the_whole_consultation_counts_as_each_section_does(workspace):
    themes.set_included(workspace.theme("lokaler"), False, by=BY)
    whole = {(c.area.pk, c.question.pk): c for c in coverage.for_consultation(workspace.consultation)}
    for question in (workspace.challenges, workspace.attractive):
        one = coverage.section(workspace.consultation, workspace.area, question)
        other = whole[workspace.area.pk, question.pk]
        assert (other.total, other.represented, other.rest_shown) == (one.total, one.represented, one.rest_shown)
        assert [m.statement.pk for m in other.missing] == [m.statement.pk for m in one.missing]

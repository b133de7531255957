"""Text from answers is always escaped: a <script> in an answer never becomes markup anywhere in the workspace."""

import pytest

from samrad.results.models import Feedback
from samrad.review import ingest
from samrad.review.actions import Actor, Section, points, quotes, themes

from .conftest import contribute, result_for

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><img src=x onerror="alert(1)"> & "citat"'


def test_script_in_answers_is_escaped_on_every_page(analyst_client, workspace):
    w = workspace
    c = contribute(w.consultation, w.area, w.challenges, f"Före {EVIL} efter", "evil")
    a = contribute(w.consultation, w.area, w.attractive, f"Turister {EVIL} kommer", "evil")
    data = result_for(w)
    for x in (c, a):
        data["statements"].append(
            {"id": f"{x.pk}:1", "record_id": str(x.pk), "span": [5, 5 + len(EVIL)], "text": EVIL, "lang": "sv"}
        )
    data["sections"][0]["themes"][0]["statement_ids"].append(f"{c.pk}:1")
    data["sections"][1]["quotes"].append(
        {"statement_id": f"{a.pk}:1", "original": EVIL, "text": EVIL, "redactions": [], "shortened": False, "score": 1}
    )
    run = ingest.merge(w.consultation, data)
    by = Actor(label="test")
    section = Section(w.consultation, w.area, w.challenges)
    ekonomi = w.theme("ekonomi")
    themes.edit_theme(ekonomi, headline=EVIL, label=EVIL, by=by)
    points.add_point(section, ekonomi, text=EVIL, sources=[], by=by)
    points.add_point(section, None, text=EVIL, sources=[], by=by)
    quotes.edit_text(w.quote("Sommarkonserterna"), text=EVIL, by=by)
    Feedback.objects.create(consultation=w.consultation, page="/x/", helpful=False, comment=EVIL)
    run.warnings = [{"code": "html", "message": EVIL}]
    run.save()

    for url in [w.url(), w.url(w.attractive), "/orebro-2022/granskning/", "/orebro-2022/granskning/aterkoppling/"]:
        page = analyst_client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;alert(" in page, url


def test_script_in_a_rejected_form_is_escaped(analyst_client, workspace):
    theme = workspace.theme("lokaler")
    analyst_client.post(
        f"{workspace.url()}tema/{theme.pk}/andra/", {f"t{theme.pk}-headline": "", f"t{theme.pk}-label": EVIL}
    )
    page = analyst_client.get(workspace.url()).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page

"""The progress bars are SVG, not inline style="width:…", which the site's Content-Security-Policy blocks."""

import itertools
import re

import pytest

from samrad.followup.rollup import progress_of
from samrad.followup.templatetags.followup_tags import progress_bar

pytestmark = pytest.mark.django_db

PAGES = [
    "/orebro-2022/uppfoljning/",
    "/orebro-2022/uppfoljning/mal/mal-1/",
    "/orebro-2022/uppfoljning/sektor/energi-och-klimat/",
    "/orebro-2022/samverkan/",
    "/orebro-2022/deltagande/",
]


def test_follow_up_pages_have_no_inline_style_and_draw_their_bars(client, example_plan):
    for path in PAGES:
        html = client.get(path).content.decode()
        assert not re.search(r"\sstyle\s*=", html), path
    html = client.get("/orebro-2022/uppfoljning/").content.decode()
    assert html.count('<svg class="bar"') >= 2


def test_the_segments_follow_the_statuses_and_fill_the_bar(example_plan):
    activities = list(example_plan.activities.all())
    progress = progress_of(activities)
    svg = str(progress_bar(progress))
    segments = re.findall(r'<rect x="([\d.]+)" y="0" width="([\d.]+)" height="10" class="seg status-(\w+)">', svg)
    assert {status for _x, _w, status in segments} == {a.status for a in activities}
    assert abs(sum(float(w) for _x, w, _s in segments) - 100) < 0.05
    for (x, w, _s), (next_x, _w2, _s2) in itertools.pairwise(segments):
        assert abs(float(x) + float(w) - float(next_x)) < 0.02  # side by side, no gaps
    assert 'aria-hidden="true"' in svg and progress_bar(progress_of([])) == ""

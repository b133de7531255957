"""A form's `next` (or the feedback widget's `page`) may send the browser back within the site, never away."""

import pytest
from django.test import RequestFactory

from samrad.core.redirects import local_path


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/orebro-2022/granskning/?omrade=musik#status", "/orebro-2022/granskning/?omrade=musik#status"),
        ("", "/tillbaka/"),
        ("https://evil.example/", "/tillbaka/"),
        ("//evil.example/", "/tillbaka/"),
        ("/\\evil.example/", "/tillbaka/"),
        ("https://testserver/orebro-2022/", "/tillbaka/"),  # a path is enough; a full address is not taken
        ("javascript:alert(1)", "/tillbaka/"),
    ],
)
def test_only_a_path_on_this_site_is_taken(target, expected):
    request = RequestFactory().post("/", {"next": target})
    assert local_path(request, target, "/tillbaka/") == expected

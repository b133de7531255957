"""The consultation page says what is true on the day it is read: a dialogue that took place offers no
sign-up, the survey "opens", "is open until" or "closed", and the page leads on to the calendar, the follow-up
and who took part."""

import datetime as dt
import re

import pytest

from samrad.results import status

pytestmark = pytest.mark.django_db

SWEDEN = dt.timezone(dt.timedelta(hours=2))


def _page(client, monkeypatch, day: dt.datetime) -> str:
    monkeypatch.setattr(status, "now", lambda: day)
    text = client.get("/orebro-2022/").content.decode()
    return re.sub(r"\s+", " ", text)


def _dialogue(page: str) -> str:
    start = page.index("Digital dialog om kulturområdena")
    return page[start : page.index("</li>", start)]


def test_today_after_everything(client, example_plan, monkeypatch):
    page = _page(client, monkeypatch, dt.datetime(2026, 12, 3, 12, tzinfo=SWEDEN))
    assert "anmalan/" not in page and "Anmäl dig" not in page
    assert "Genomförd." in _dialogue(page)
    assert "Enkäten stängde 2 augusti 2022." in page
    assert "Enkäten är öppen" not in page and "/orebro-2022/enkat/" not in page
    for path in ("/orebro-2022/kalender/", "/orebro-2022/uppfoljning/", "/orebro-2022/deltagande/"):
        assert f'href="{path}"' in page, path


def test_before_registration_and_survey_open(client, example_plan, monkeypatch):
    page = _page(client, monkeypatch, dt.datetime(2022, 4, 1, 12, tzinfo=SWEDEN))
    assert "Anmälan öppnar 25 april 2022." in _dialogue(page)
    assert "Enkäten öppnar 2 juni 2022 och är öppen till och med 2 augusti 2022." in page
    assert "/orebro-2022/enkat/" not in page


def test_while_registration_is_open(client, example_plan, monkeypatch):
    page = _page(client, monkeypatch, dt.datetime(2022, 5, 10, 12, tzinfo=SWEDEN))
    assert 'href="/orebro-2022/dialoger/kulturdialog-2022-06-01/anmalan/"' in _dialogue(page)


def test_between_registration_and_the_dialogue(client, example_plan, monkeypatch):
    page = _page(client, monkeypatch, dt.datetime(2022, 5, 31, 12, tzinfo=SWEDEN))
    assert "Anmälan har stängt." in _dialogue(page) and "anmalan/" not in page


def test_while_the_survey_is_open(client, example_plan, monkeypatch):
    page = _page(client, monkeypatch, dt.datetime(2022, 8, 2, 23, tzinfo=SWEDEN))  # open all of its last day
    assert "Enkäten är öppen till och med 2 augusti 2022." in page
    assert 'href="/orebro-2022/enkat/"' in page
    assert "Genomförd." in _dialogue(page)


def test_during_the_dialogue(client, example_plan, monkeypatch):
    page = _page(client, monkeypatch, dt.datetime(2022, 6, 1, 10, tzinfo=SWEDEN))
    assert "Pågår nu." in _dialogue(page)

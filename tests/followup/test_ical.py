"""The calendar feed parses back with the icalendar library, with the right fields and time zones."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from samrad.consultations.models import Event

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert b"\r\n" in body  # RFC 5545 line endings
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded
    return Calendar.from_ical(body)


def test_feed_has_every_event_with_required_fields(client, example_plan):
    cal = _parse(client.get("/orebro-2022/kalender.ics"))
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    events = cal.walk("VEVENT")
    assert len(events) == example_plan.events.count() == 4
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 4 and all("@" in u for u in uids)
    for ev in events:
        for field in ("DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            assert field in ev, field
        assert ev["DTSTART"].params["TZID"] == "Europe/Stockholm"
        assert ev.decoded("DTSTAMP").tzinfo is not None


def test_times_are_stockholm_time_in_summer_and_winter(client, example_plan):
    tz = ZoneInfo("Europe/Stockholm")
    Event.objects.create(
        consultation=example_plan,
        slug="vintermote",
        title="Uppföljning; vinter, 2025",
        starts_at=dt.datetime(2025, 1, 15, 13, 0, tzinfo=tz),
        ends_at=dt.datetime(2025, 1, 15, 15, 30, tzinfo=tz),
        place="Örebro slott, Stora salen",
    )
    cal = _parse(client.get("/orebro-2022/kalender.ics"))
    timezones = cal.walk("VTIMEZONE")
    assert [str(t["TZID"]) for t in timezones] == ["Europe/Stockholm"]
    by_uid = {str(e["UID"]).split(".")[0]: e for e in cal.walk("VEVENT")}
    summer = by_uid["kulturdialog-2022-06-01"].decoded("DTSTART")
    assert summer.astimezone(UTC) == dt.datetime(2022, 6, 1, 7, 0, tzinfo=UTC)
    winter = by_uid["vintermote"]
    assert winter.decoded("DTSTART").astimezone(UTC) == dt.datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
    assert winter.decoded("DTEND").astimezone(UTC) == dt.datetime(2025, 1, 15, 14, 30, tzinfo=UTC)
    # Text is escaped on the wire and comes back unchanged.
    assert str(winter["SUMMARY"]) == "Uppföljning; vinter, 2025"
    assert str(winter["LOCATION"]) == "Örebro slott, Stora salen"
    assert b"Uppf\xc3\xb6ljning\\; vinter\\, 2025" in client.get("/orebro-2022/kalender.ics").content
    # The VTIMEZONE's own rules give the same offsets as the tz database.
    stockholm = timezones[0].to_tz()
    assert dt.datetime(2022, 6, 1, 9, tzinfo=stockholm).utcoffset() == dt.timedelta(hours=2)
    assert dt.datetime(2025, 1, 15, 13, tzinfo=stockholm).utcoffset() == dt.timedelta(hours=1)


def test_registration_links_where_registration_exists(client, example_plan):
    cal = _parse(client.get("/orebro-2022/kalender.ics"))
    by_uid = {str(e["UID"]).split(".")[0]: e for e in cal.walk("VEVENT")}
    dialogue = by_uid["kulturdialog-2022-06-01"]  # has capacity and a registration window
    assert "/orebro-2022/" in str(dialogue["URL"]) and "anmalan" in str(dialogue["URL"])
    assert "anmalan" in str(dialogue["DESCRIPTION"])
    workshop = by_uid["sektorsworkshop-2022-06-08"]
    assert "anmalan" not in str(workshop["URL"])
    assert str(workshop["URL"]).endswith("/orebro-2022/kalender/#sektorsworkshop-2022-06-08")
    assert str(workshop["LOCATION"]) == "Örebro"


def test_single_event_file_and_unknown_event(client, example_plan):
    cal = _parse(client.get("/orebro-2022/kalender/samverkansrad-2022-06-10.ics"))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == [
        "Workshop med Specifika samverkansrådet för kultur: samverkansmål"
    ]
    assert client.get("/orebro-2022/kalender/finns-inte.ics").status_code == 404


def test_calendar_page_lists_events_and_offers_the_feed(client, example_plan):
    page = client.get("/orebro-2022/kalender/").content.decode()
    for event in example_plan.events.all():
        assert f'id="{event.slug}"' in page
    assert "webcal://" in page and "/orebro-2022/kalender.ics" in page
    assert "Anmälan har stängt" in page  # the 1 June dialogue's registration closed in 2022

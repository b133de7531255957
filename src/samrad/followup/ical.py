"""The consultation's events as iCalendar (RFC 5545), for calendar programs.

Times are written with TZID=Europe/Stockholm and the calendar carries a VTIMEZONE with the EU summer-time rules
(last Sunday of March and of October), the form Outlook, Google Calendar and Apple Calendar all read.
The icalendar library escapes text (commas, semicolons, backslashes, newlines) and folds long lines.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)


def stockholm_timezone() -> Timezone:
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("dtstart", dt.datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("dtstart", dt.datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def build_calendar(consultation, events, *, host: str, url_for, registration_url_for, stamp: dt.datetime) -> bytes:
    """events: Event models. url_for(event) and registration_url_for(event) give absolute URLs."""
    cal = Calendar()
    cal.add("prodid", "-//samrad//samrad//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", consultation.name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(stockholm_timezone())
    for event in events:
        cal.add_component(_vevent(consultation, event, host, url_for, registration_url_for, stamp))
    return cal.to_ical()


def _local(value: dt.datetime) -> dt.datetime:
    # Written as local wall-clock time with the TZID parameter; the VTIMEZONE above defines it.
    return value.astimezone(STOCKHOLM)


def _vevent(consultation, event, host, url_for, registration_url_for, stamp) -> Event:
    ve = Event()
    ve.add("uid", f"{event.slug}.{consultation.slug}@{host}")
    ve.add("dtstamp", stamp.astimezone(dt.UTC))
    ve.add("dtstart", _local(event.starts_at), parameters={"TZID": TZID})
    ve.add("dtend", _local(event.ends_at), parameters={"TZID": TZID})
    ve.add("summary", event.title)
    location = event.place or (_("Digital meeting") if event.format == "digital" else "")
    if location:
        ve.add("location", location)
    description = [event.description.strip()] if event.description.strip() else []
    registration = registration_url_for(event) if event.has_registration else ""
    if registration:
        description.append(_("Registration: %(url)s") % {"url": registration})
    description.append(_("Organiser: %(organiser)s") % {"organiser": consultation.organiser})
    ve.add("description", "\n\n".join(description))
    ve.add("url", registration or url_for(event))
    ve.add("status", "CONFIRMED")
    ve.add("transp", "OPAQUE")
    ve.add("class", "PUBLIC")
    return ve

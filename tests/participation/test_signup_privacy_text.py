"""The sign-up form tells the resident once, in plain Swedish, what is kept, why and for how long, from the
consultation's [privacy] section; and its button says what it does."""

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import translation

from samrad.privacy.models import ProcessingRecord
from tests.participation.test_signup import url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish_afterwards():
    yield
    translation.activate("sv")


def personal_data_text(client, event, prefix="") -> str:
    page = client.get(prefix + url(event)).content.decode()
    form = page[page.index('<form method="post" novalidate') :]
    form = form[: form.index("</form>")]
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", form)))


def test_one_plain_statement_of_what_why_and_how_long(client, open_event):
    text = personal_data_text(client, open_event)
    record = ProcessingRecord.objects.get(consultation=open_event.consultation)
    what = "Det här sparar vi: ditt namn, din e-postadress, organisation, roll, kommun, kulturområde och de behov"
    assert what in text
    assert "Varför: Att bjuda in till och genomföra dialogerna" in text and record.purpose.split()[-1] in text
    # One retention statement, taken from the file (retention_months = 6), and no other.
    assert text.count("raderas") == 1 and "raderas 6 månader efter att samrådet avslutats." in text
    assert "när samrådet är avslutat" not in text and "tas bort" not in text
    assert ".." not in text and ". ." not in text
    # Nothing from the staff's inventory of personal data (the providers' descriptions).
    for staff_words in ("om personalen skrev", "importerad export", "samtalsledare skrev", "Vi sparar:"):
        assert staff_words not in text
    assert text.count("Region Örebro län") == 1
    assert re.search(r"<button type=\"submit\">Anmäl mig</button>", client.get(url(open_event)).content.decode())


def test_a_date_in_the_file_is_the_one_retention_statement(client, open_event):
    ProcessingRecord.objects.filter(consultation=open_event.consultation).update(
        retention_months=None, retention_until=dt.date(2023, 6, 30), purpose="Att ordna dialogen."
    )
    text = personal_data_text(client, open_event)
    assert "Hur länge: Dina personuppgifter raderas senast 30 juni 2023." in text and text.count("raderas") == 1
    assert "Varför: Att ordna dialogen. " in text and ".." not in text


def test_in_english_too(client, open_event):
    text = personal_data_text(client, open_event, "/en")
    assert "What we keep: your name, your e-mail address" in text
    assert "deleted 6 months after the consultation closes." in text and text.count("deleted") == 1
    assert "Sign me up" in text

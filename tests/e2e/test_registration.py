"""Registration in a real browser: sign up, waiting list, cancel moving someone up; axe-core on every page."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from samrad.accounts.models import ConsultationRole
from samrad.participation.models import Registration
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EVENT = "kulturdialog-2022-06-01"


@pytest.fixture
def open_event(example_plan, settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "100/600"
    event = example_plan.events.get(slug=EVENT)
    now = timezone.now()
    event.registration_opens_at = now - dt.timedelta(days=1)
    event.registration_closes_at = now + dt.timedelta(days=5)
    event.starts_at = now + dt.timedelta(days=7)
    event.ends_at = event.starts_at + dt.timedelta(hours=3)
    event.capacity = 2
    event.save()
    return event


def sign_up(page, name, email, *, area="Teater", needs=""):
    page.goto("/orebro-2022/dialoger/kulturdialog-2022-06-01/anmalan/")
    page.get_by_label("Namn", exact=True).fill(name)
    page.get_by_label("E-post", exact=True).fill(email)
    page.get_by_label("Professionell kulturskapare eller annan kulturaktör").check()
    page.locator("#id_municipality").select_option(label="Kumla")
    page.locator("#id_area").select_option(label=area)
    if needs:
        page.get_by_label("Tillgänglighet eller andra behov").fill(needs)
    page.get_by_label("Jag godkänner").check()
    page.get_by_role("button", name="Anmäl mig").or_(page.get_by_role("button", name="Ställ mig i kö")).click()


def staff_login(page, live_server, consultation, django_user_model):
    user = django_user_model.objects.create_user(username="admin-e2e")
    ConsultationRole.objects.create(user=user, consultation=consultation, role="administrator")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_sign_up_waiting_list_and_cancel(page, live_server, open_event, django_user_model):
    # The empty form is accessible; a rejected form says what is wrong and keeps what was typed.
    page.goto("/orebro-2022/dialoger/kulturdialog-2022-06-01/anmalan/")
    assert page.locator("h1").inner_text().startswith("Anmälan")
    # One statement about personal data, once: what, why, how long.
    about = page.locator("#consent-text").inner_text()
    assert about.count("Hur länge:") == 1 and about.count("raderas") == 1 and ".." not in about
    assert page.get_by_text("raderas", exact=False).count() == 1
    assert_accessible(page)
    page.get_by_label("Namn", exact=True).fill("Anna Andersson")
    page.get_by_role("button", name="Anmäl mig").click()
    assert page.locator("#error-summary").is_visible()
    assert page.get_by_label("Namn", exact=True).input_value() == "Anna Andersson"
    assert_accessible(page)

    sign_up(page, "Anna Andersson", "anna@example.org", needs="Textning")
    assert page.locator("h1").inner_text() == "Tack för din anmälan"
    assert "Du är anmäld" in page.locator("main").inner_text()
    assert_accessible(page)
    sign_up(page, "Bo Berg", "bo@example.org")
    sign_up(page, "Cecilia Ceder", "cecilia@example.org", area="Musik")
    assert page.locator("h1").inner_text() == "Du står på kölistan"
    assert "Din plats i kön: 1" in page.locator("main").inner_text()

    # Anna cancels through her personal link (from the e-mail); Cecilia moves up and is told.
    anna = Registration.objects.get(participant__email="anna@example.org")
    assert anna.token in mail.outbox[0].body
    page.goto(f"/anmalan/{anna.token}/")
    assert "Du är anmäld" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Avboka min anmälan").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, avboka min anmälan").click()
    assert "Din anmälan är avbokad" in page.locator("main").inner_text()
    assert_accessible(page)
    cecilia = Registration.objects.get(participant__email="cecilia@example.org")
    assert cecilia.status == "registered"
    assert mail.outbox[-1].to == ["cecilia@example.org"] and "Du har fått en plats" in mail.outbox[-1].subject

    # Duplicate e-mail: a clear message and the offer to send the link again.
    sign_up(page, "Bo B", "BO@example.org")
    assert "redan anmäld" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Skicka länken igen").click()
    assert "har vi nu skickat" in page.locator("main").inner_text()

    # Staff see the list, filter it, and the page is accessible.
    staff_login(page, live_server, open_event.consultation, django_user_model)
    page.goto("/orebro-2022/dialoger/kulturdialog-2022-06-01/anmalningar/")
    table = page.locator("table.registrations").inner_text()
    assert "Anna Andersson" in table and "Cecilia Ceder" in table and "Textning" in table
    assert_accessible(page)
    page.get_by_label("Kulturområde").select_option(label="Musik")
    page.get_by_role("button", name="Filtrera").click()
    table = page.locator("table.registrations").inner_text()
    assert "Cecilia Ceder" in table and "Bo Berg" not in table


def test_closed_registration_page(page, example_plan):
    page.goto("/orebro-2022/dialoger/kulturdialog-2022-06-01/anmalan/")
    assert "har stängt" in page.locator("main").inner_text()
    assert_accessible(page)


def test_sign_up_page_on_a_phone(mobile_page, open_event):
    mobile_page.goto("/orebro-2022/dialoger/kulturdialog-2022-06-01/anmalan/")
    assert mobile_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

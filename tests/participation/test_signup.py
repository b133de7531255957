"""Signing up, the waiting list, cancelling, closing times and duplicates, through the real views."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samrad.audit.models import AuditEvent
from samrad.participation.consent import consent_text
from samrad.participation.models import ConsentText, Registration
from tests.participation.conftest import signup_data

pytestmark = pytest.mark.django_db

Status = Registration.Status


def url(event):
    return reverse("participation:signup", args=[event.consultation.slug, event.slug])


def post_signup(client, event, **overrides):
    data = signup_data(event, **overrides)
    data["consent_version"] = ConsentText.version_of(consent_text(event))
    return client.post(url(event), data)


def test_sign_up_stores_consent_and_sends_confirmation(client, open_event):
    response = post_signup(client, open_event, needs="Teckentolk")
    assert response.status_code == 302
    reg = Registration.objects.get(event=open_event)
    assert response["Location"] == reverse("participation:confirmation", args=[reg.token])
    assert reg.status == Status.REGISTERED and reg.source == "web" and reg.needs == "Teckentolk"
    assert reg.participant.name == "Anna Andersson" and reg.area.slug == "teater"
    assert reg.consent.text == consent_text(open_event) and reg.consent_at is not None
    assert reg.consent.version == ConsentText.version_of(reg.consent.text)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert reg.token in message.body and message.subject.startswith("Bekräftad anmälan: ")
    page = client.get(response["Location"])
    assert page.status_code == 200 and reg.token in page.content.decode()
    assert AuditEvent.objects.filter(action="registration.created", object_id=str(reg.pk)).exists()


def test_rejected_form_keeps_what_was_typed_and_names_the_field(client, open_event):
    response = post_signup(client, open_event, email="not-an-address", consent="")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Anna Andersson"' in html and 'value="not-an-address"' in html
    assert 'aria-invalid="true"' in html
    assert "Kryssa i rutan" in html  # the consent error, in Swedish
    assert Registration.objects.count() == 0


def test_changed_consent_text_must_be_read_again(client, open_event):
    data = signup_data(open_event)
    data["consent_version"] = "an-old-version"
    response = client.post(url(open_event), data)
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_full_event_puts_people_on_the_waiting_list_and_cancel_moves_the_first_up(client, open_event):
    for i in range(5):
        assert post_signup(client, open_event, email=f"p{i}@example.org", name=f"Person {i}").status_code == 302
    regs = list(Registration.objects.filter(event=open_event).order_by("pk"))
    assert [r.status for r in regs] == [Status.REGISTERED] * 3 + [Status.WAITLISTED] * 2
    waiting_page = client.get(reverse("participation:personal", args=[regs[4].token])).content.decode()
    assert "kölistan" in waiting_page.lower() and ": 2." in waiting_page
    mail.outbox.clear()
    response = client.post(reverse("participation:cancel", args=[regs[1].token]))
    assert response.status_code == 302
    regs = [Registration.objects.get(pk=r.pk) for r in regs]
    assert [r.status for r in regs] == [
        Status.REGISTERED,
        Status.CANCELLED,
        Status.REGISTERED,
        Status.REGISTERED,
        Status.WAITLISTED,
    ]
    assert [m.to for m in mail.outbox] == [["p3@example.org"]]
    assert regs[3].token in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="registration.moved_up", object_id=str(regs[3].pk)).exists()


def test_cancelling_twice_moves_nobody_twice(client, open_event):
    for i in range(4):
        post_signup(client, open_event, email=f"p{i}@example.org")
    first = Registration.objects.order_by("pk").first()
    client.post(reverse("participation:cancel", args=[first.token]))
    response = client.post(reverse("participation:cancel", args=[first.token]))
    assert response.status_code == 302
    assert Registration.objects.filter(status=Status.REGISTERED).count() == 3


def test_duplicate_email_gets_a_clear_message_and_resend_does_not_leak(client, open_event):
    post_signup(client, open_event)
    mail.outbox.clear()
    response = post_signup(client, open_event, email="ANNA@example.org", name="Someone Else")
    html = response.content.decode()
    assert response.status_code == 200 and "redan anmäld" in html
    assert "Anna Andersson" not in html  # the page does not show who registered
    assert Registration.objects.count() == 1
    resend = reverse("participation:resend", args=[open_event.consultation.slug, open_event.slug])
    known = client.post(resend, {"email": "anna@example.org"})
    unknown = client.post(resend, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    strip = lambda r, e: r.content.decode().replace(e, "")  # noqa: E731
    assert strip(known, "anna@example.org") == strip(unknown, "nobody@example.org")
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_a_cancelled_address_can_sign_up_again(client, open_event):
    post_signup(client, open_event)
    client.post(reverse("participation:cancel", args=[Registration.objects.get().token]))
    assert post_signup(client, open_event).status_code == 302
    assert Registration.objects.filter(status=Status.REGISTERED).count() == 1


def test_before_opening_and_after_closing(client, open_event):
    now = timezone.now()
    open_event.registration_opens_at = now + dt.timedelta(days=1)
    open_event.save()
    page = client.get(url(open_event)).content.decode()
    assert "har inte öppnat" in page and "<form" not in page.split("<main")[1]
    assert post_signup(client, open_event).status_code == 200
    open_event.registration_opens_at = now - dt.timedelta(days=2)
    open_event.registration_closes_at = now - dt.timedelta(days=1)
    open_event.save()
    page = client.get(url(open_event)).content.decode()
    assert "har stängt" in page
    post_signup(client, open_event)
    assert Registration.objects.count() == 0


def test_event_without_registration_is_404(client, example_plan):
    event = example_plan.events.get(slug="sektorsworkshop-2022-06-08")
    assert client.get(url(event)).status_code == 404


def test_rate_limit(client, open_event, settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "2/600"
    codes = [post_signup(client, open_event, email=f"r{i}@example.org").status_code for i in range(3)]
    assert codes == [302, 302, 429]


def test_honeypot_registers_nobody(client, open_event):
    assert post_signup(client, open_event, website="http://spam.example").status_code == 302
    assert Registration.objects.count() == 0


def test_unknown_personal_link_is_404(client, open_event):
    assert client.get(reverse("participation:personal", args=["nope"])).status_code == 404


def test_mail_failure_keeps_the_registration_and_shows_the_link(client, open_event, settings):
    settings.EMAIL_BACKEND = "tests.participation.broken_mail.Backend"
    response = post_signup(client, open_event)
    assert response.status_code == 302 and response["Location"].endswith("?epost=nej")
    page = client.get(response["Location"]).content.decode()
    assert "kunde inte skicka" in page
    assert Registration.objects.count() == 1

import pytest

from samrad.results.models import Feedback

pytestmark = pytest.mark.django_db
URL = "/orebro-2022/resultat/"


def post(client, **data):
    return client.post("/orebro-2022/aterkoppling/", {"page": URL, **data})


def test_feedback_once_per_session(client, example_plan):
    assert "Hade du nytta av innehållet på denna sida?" in client.get(URL).content.decode()
    response = post(client, helpful="yes", comment="Bra sammanfattning")
    assert response.status_code == 302 and response["Location"] == URL + "#feedback"
    page = client.get(URL).content.decode()
    assert "Tack för ditt svar!" in page
    assert 'name="helpful"' not in page  # the widget is gone for this visitor
    post(client, helpful="no")
    assert Feedback.objects.count() == 1
    feedback = Feedback.objects.get()
    assert feedback.helpful and feedback.comment == "Bra sammanfattning" and feedback.page == URL


def test_rejected_feedback_keeps_what_was_typed(client, example_plan):
    post(client, comment="Jag glömde välja")
    page = client.get(URL).content.decode()
    assert "Välj Ja eller Nej." in page
    assert "Jag glömde välja" in page
    assert Feedback.objects.count() == 0


def test_feedback_cannot_redirect_elsewhere(client, example_plan):
    response = client.post("/orebro-2022/aterkoppling/", {"page": "https://evil.example/", "helpful": "yes"})
    assert response["Location"] == "/#feedback"


def test_feedback_needs_csrf(example_plan):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/orebro-2022/aterkoppling/", {"page": URL, "helpful": "yes"}).status_code == 403
    assert Feedback.objects.count() == 0


def test_feedback_is_limited_per_address_across_sessions(example_plan, settings):
    """A new session per answer gets past the once-per-session rule, not past the count in the database."""
    from django.test import Client

    settings.SAMRAD_PUBLIC_POST_LIMIT = "3/600"
    for i in range(4):
        post(Client(), helpful="yes", comment=f"Svar {i}")
    assert Feedback.objects.count() == 3
    refused = Client()
    assert post(refused, helpful="no", comment="Mitt fjärde svar")["Location"] == URL + "#feedback"
    page = refused.get(URL).content.decode()
    assert "många förfrågningar från din internetuppkoppling" in page and "Mitt fjärde svar" in page
    assert Feedback.objects.count() == 3

"""Every workspace view and download, for every role. Only analysts (and administrators and superusers, per
the named rules) may see unpublished text or change anything."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from samrad.audit.models import AuditEvent
from samrad.participation.models import Participant
from samrad.review.models import AreaReview, Point, Quote, Statement, Theme

pytestmark = pytest.mark.django_db

LOGIN = resolve_url(settings.LOGIN_URL)
ALLOWED = ["analyst", "administrator", "superuser"]
DENIED = ["participant", "no_role", "facilitator", "other_analyst"]
DOWNLOADS = ["webbplats.zip", "docx", "pdf", "json", "csv"]


def client_for(role: str, users, consultation) -> Client:
    client = Client()
    if role == "participant":
        # A participant has no login, only a personal link; it opens nothing here.
        participant = Participant.objects.create(consultation=consultation, name="Deltagare")
        client.get(f"/anmalan/{participant.token}/")
        client.token = participant.token
    else:
        client.force_login(users[role])
    return client


def get_urls(w) -> list[str]:
    base = "/orebro-2022/granskning/"
    return [base, w.url(), w.url(w.attractive), base + "aterkoppling/"] + [f"{base}export/{f}" for f in DOWNLOADS]


def post_urls(w) -> list[tuple[str, dict]]:
    t, other = w.theme("lokaler"), w.theme("ekonomi")
    s = w.statement("Vi behöver en scen")
    p = t.points.first()
    q = w.quote("Sommarkonserterna")
    g, ga = w.url(), w.url(w.attractive)
    return [
        ("/orebro-2022/granskning/analysera/", {}),
        ("/orebro-2022/granskning/omrade/musik/status/", {"status": "published", "confirm": "1"}),
        (f"{g}tema/ny/", {"new-headline": "X", "new-statements": [s.pk]}),
        (f"{g}tema/{t.pk}/andra/", {f"t{t.pk}-headline": "X"}),
        (f"{g}tema/{t.pk}/sammanfattning/", {"include": "0"}),
        (f"{g}tema/{t.pk}/ordning/", {"direction": "down"}),
        (f"{g}tema/{t.pk}/sla-ihop/", {f"m{t.pk}-other": other.pk}),
        (f"{g}pastaenden/{t.pk}/", {f"s{t.pk}-statements": [s.pk], f"s{t.pk}-do": "split"}),
        (f"{g}pastaende/valj/", {"quote": s.pk}),
        (f"{g}punkter/{t.pk}/ny/", {f"p{t.pk}-text": "X"}),
        (f"{g}punkt/{p.pk}/andra/", {f"pt{p.pk}-text": "X"}),
        (f"{g}punkt/{p.pk}/ordning/", {"direction": "down"}),
        (f"{g}punkt/{p.pk}/ta-bort/", {}),
        (f"{ga}citat/{q.pk}/andra/", {f"q{q.pk}-text": "X"}),
        (f"{ga}citat/{q.pk}/status/", {"status": "approved"}),
        (f"{ga}citat/{q.pk}/ordning/", {"direction": "down"}),
        (f"{g}tema/{t.pk}/ta-bort/", {}),
    ]


def state():
    """Everything an action could change, to compare before and after a refused one."""
    return (
        list(Theme.objects.order_by("pk").values_list("pk", "headline", "order", "published", "edited")),
        list(Statement.objects.order_by("pk").values_list("pk", "theme_id")),
        list(Point.objects.order_by("pk").values_list("pk", "text", "order", "theme_id")),
        list(Quote.objects.order_by("pk").values_list("pk", "text", "status", "order")),
        list(AreaReview.objects.order_by("pk").values_list("pk", "status")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("role", DENIED)
def test_denied_roles_see_nothing_and_change_nothing(role, users, workspace):
    client = client_for(role, users, workspace.consultation)
    unpublished = workspace.theme("lokaler").headline
    for url in get_urls(workspace):
        response = client.get(url, {"token": getattr(client, "token", "")})
        if role == "participant":
            assert response.status_code == 302 and response["Location"].startswith(LOGIN), url
        else:
            assert response.status_code == 403, url
        assert unpublished not in response.content.decode(), url
    before = state()
    for url, data in post_urls(workspace):
        response = client.post(url, data)
        assert response.status_code == (302 if role == "participant" else 403), url
        if role == "participant":
            assert response["Location"].startswith(LOGIN), url
    assert state() == before


@pytest.mark.parametrize("role", ALLOWED)
def test_allowed_roles_see_every_page_and_download(role, users, workspace):
    client = client_for(role, users, workspace.consultation)
    for url in get_urls(workspace):
        assert client.get(url).status_code == 200, url
    assert workspace.theme("lokaler").headline in client.get(workspace.url()).content.decode()


@pytest.mark.parametrize("role", ALLOWED)
def test_allowed_roles_may_do_every_action(role, users, workspace):
    client = client_for(role, users, workspace.consultation)
    urls = post_urls(workspace)
    # The analysis run is tested on its own (it takes a while); the rest in an order where each still applies.
    for url, data in urls[1:]:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert not response["Location"].startswith(LOGIN), url
    actor = "root" if role == "superuser" else role
    assert AuditEvent.objects.filter(actor_label=actor).count() >= len(urls) - 4


def test_unknown_consultation_is_404_for_everyone(users, workspace):
    client = Client()
    client.force_login(users["superuser"])
    assert client.get("/finns-inte/granskning/").status_code == 404

"""Staff group pages: forming from the page, re-balancing, facilitators, lists, PDF and breakout files."""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from samrad.audit.models import AuditEvent
from samrad.participation.example import load_participants
from samrad.participation.formation import form
from samrad.participation.models import Group, Registration
from tests.conftest import EXAMPLE_DIR
from tests.participation.conftest import EVENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(example_plan):
    load_participants(example_plan, EXAMPLE_DIR)
    return example_plan.events.get(slug=EVENT)


def u(name, event, *args):
    return reverse(f"participation:{name}", args=[event.consultation.slug, event.slug, *args])


def test_form_from_the_page_and_see_the_report(client, event, users):
    client.force_login(users["administrator"])
    response = client.post(u("form_groups", event), {"seed": "3", "time_limit": "5"})
    assert response.status_code == 302
    assert Group.objects.filter(round__event=event).count() > 60
    html = client.get(u("groups", event)).content.decode()
    for heading in ("Omgång 1: Utmaningar", "Omgång 2: Utvalda exempel attraktivitet", "Omgång 3"):
        assert heading in html
    assert "Målvärde" in html and "Gräns" in html and "Avstånd till gränsen" in html
    assert "Mikael Öhman" in html and "p097" in html  # the duplicate e-mail is reported
    assert 'class="tag area"' in html and 'class="tag muni"' in html


def test_bad_form_input_is_named(client, event, users):
    client.force_login(users["administrator"])
    response = client.post(u("form_groups", event), {"seed": "-1", "time_limit": "abc"}, follow=True)
    texts = [str(m) for m in get_messages(response.wsgi_request)] or [response.content.decode()]
    joined = " ".join(texts)
    assert "Slumpfrö" in joined and "Tidsgräns" in joined
    assert not Group.objects.filter(round__event=event).exists()


def test_impossible_bounds_from_the_page(client, example_plan, users):
    from samrad.consultations.models import Round
    from tests.participation.conftest import add_registrations

    event = example_plan.events.get(slug=EVENT)
    add_registrations(event, [(f"P{i}", "musik", "orebro", "kommun") for i in range(5)])
    Round.objects.filter(event=event).update(min_size=4, max_size=4)
    client.force_login(users["administrator"])
    response = client.post(u("form_groups", event), {"seed": "0", "time_limit": "2"}, follow=True)
    assert "5 deltagare kan inte delas i grupper om 4–4" in response.content.decode()


def test_facilitator_only_from_the_consultations_facilitators(client, event, users, django_user_model):
    form(event, seed=1, time_limit=5)
    group = Group.objects.filter(round__event=event, round__number=1).first()
    client.force_login(users["administrator"])
    stranger = django_user_model.objects.create_user(username="stranger")
    client.post(u("facilitator", event, group.pk), {"facilitator": str(stranger.pk)})
    assert Group.objects.get(pk=group.pk).facilitator is None
    client.post(u("facilitator", event, group.pk), {"facilitator": str(users["facilitator"].pk)})
    assert Group.objects.get(pk=group.pk).facilitator == users["facilitator"]
    assert AuditEvent.objects.filter(action="group.facilitator_set").exists()
    client.force_login(users["facilitator"])
    assert client.post(u("facilitator", event, group.pk), {"facilitator": ""}).status_code == 403
    html = client.get(u("groups", event)).content.decode()
    assert "Samtalsledare: facilitator" in html


def test_rebalance_from_the_page_reports_who_moved(client, event, users):
    form(event, seed=1, time_limit=5)
    group = Group.objects.get(round__event=event, round__number=2, number=1)
    first = group.memberships.first().participant
    Registration.objects.filter(event=event, participant=first).update(status=Registration.Status.NO_SHOW)
    client.force_login(users["administrator"])
    response = client.post(u("rebalance", event, 2), follow=True)
    html = response.content.decode()
    assert "ombalanserad" in html
    assert f"{first.name} lämnar grupp 1 (kom inte)" in html


def test_zoom_and_teams_files(client, example_plan, users):
    from tests.participation.conftest import add_registrations

    event = example_plan.events.get(slug=EVENT)
    regs = add_registrations(
        event,
        [
            ("=cmd|calc", "musik", "orebro", "kommun"),
            ("Bo", "dans", "nora", "kommun"),
            ("Cia", "film", "kumla", None),
            ("Dan", "musik", "nora", "kommun"),
        ],
    )
    regs[0].participant.email = "=evil@example.org"
    regs[0].participant.save()
    regs[3].participant.email = ""
    regs[3].participant.save()
    form(event, seed=1, time_limit=2)
    client.force_login(users["administrator"])
    zoom = client.get(u("zoom", event, 2)).content.decode("utf-8")
    lines = zoom.split("\r\n")
    assert lines[0] == "Pre-assign Room Name,Email Address"
    rows = list(csv.reader(io.StringIO(zoom)))[1:]
    assert {r[1] for r in rows} == {"'=evil@example.org", "bo@example.org", "cia@example.org"}
    assert all(r[0].startswith("Grupp ") for r in rows)
    teams = list(csv.reader(io.StringIO(client.get(u("teams", event, 1)).content.decode())))
    assert teams[0] == ["Rum", "Namn", "E-post"]
    assert "'=cmd|calc" in [r[1] for r in teams[1:]]
    assert AuditEvent.objects.filter(action="groups.breakout_exported").count() == 2
    client.force_login(users["facilitator"])
    assert client.get(u("zoom", event, 2)).status_code == 403


def test_print_and_pdf(client, event, users):
    form(event, seed=1, time_limit=5)
    client.force_login(users["facilitator"])
    html = client.get(u("print", event) + "?omgang=1").content.decode()
    assert "Grupplistor" in html and "Omgång 1" in html and "Omgång 2" not in html
    response = client.get(u("pdf", event) + "?omgang=2")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(u("print", event) + "?omgang=x").status_code == 404

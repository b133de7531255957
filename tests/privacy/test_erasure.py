"""A participant sees, downloads and erases their data through their personal link; staff do it on request.

After erasure the person's name and e-mail address appear nowhere in the database (a full-text scan of a
dump of every table), while the contributions they allowed to keep stay as anonymous text and still count.
"""

import json

import pytest

from samrad.audit.models import AuditEvent
from samrad.intake.models import Contribution
from samrad.participation.models import Participant, Registration
from samrad.privacy.models import ErasedParticipant
from samrad.publication.thresholds import people_per_area
from tests.ops.people import contribute, dump_text, participant, register, with_role

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Vera Lindqvist-Åberg", "Vera.Lindqvist@example.net"


@pytest.fixture
def vera(example_plan):
    event = example_plan.events.get(slug="kulturdialog-2022-06-01")
    dans = example_plan.areas.get(slug="dans")
    question = example_plan.questions.first()
    me = participant(example_plan, NAME, EMAIL, organisation="Dansföreningen Piruett")
    register(me, event, dans, needs="Hörslinga, och jag heter Vera Lindqvist-Åberg om ni undrar")
    # The same person registered twice with another spelling (as in the example's participants.csv).
    twin = participant(example_plan, "Vera Lindqvist Aberg", EMAIL.lower())
    contribute(example_plan, "Fler repetitionslokaler för dans i länet.", participant=me, area=dans, question=question)
    contribute(
        example_plan,
        "vera lindqvist-åberg berättade om Piruetts lokaler; mejla vera.lindqvist@example.net.",
        area=dans,
        question=question,
        source="group_note",
    )
    bystander = participant(example_plan, "Kalle Bystedt", "kalle@example.org", organisation="Teaterbolaget")
    register(bystander, event, dans, needs="Rullstolsplats")
    return me, twin, bystander


def test_the_personal_page_shows_everything_and_is_private(client, vera):
    me, _twin, bystander = vera
    response = client.get(f"/mina-uppgifter/{me.token}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert NAME in page and "Dansföreningen Piruett" in page and "Fler repetitionslokaler" in page
    assert "Hörslinga" in page and "Dans" in page
    assert bystander.name not in page
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "same-origin"


def test_download_is_json_and_logged_without_data(client, vera):
    me, _twin, _ = vera
    response = client.get(f"/mina-uppgifter/{me.token}/ladda-ner/")
    assert response["Content-Disposition"] == 'attachment; filename="mina-uppgifter-orebro-2022.json"'
    data = json.loads(response.content)
    people = data["data"]["participation.participant"]["records"]
    assert {p["name"] for p in people} == {NAME, "Vera Lindqvist Aberg"}
    assert data["data"]["participation.registration"]["records"][0]["needs"].startswith("Hörslinga")
    assert data["data"]["intake.contribution"]["records"][0]["text"].startswith("Fler repetitionslokaler")
    event = AuditEvent.objects.get(action="privacy.subject_export")
    assert NAME not in json.dumps(event.data) and event.object_id == str(me.pk)


def test_erasure_needs_confirmation_and_keeps_the_choice(client, vera):
    me, _twin, _ = vera
    response = client.post(f"/mina-uppgifter/{me.token}/radera/", {"contributions": "delete"})
    page = response.content.decode()
    assert response.status_code == 200 and "Kryssa i rutan" in page
    assert 'value="delete" id="id_contributions_1" checked' in page.replace("required ", "")
    assert Participant.objects.filter(name=NAME).exists()


def test_erased_person_is_gone_from_the_whole_database(client, vera, example_plan):
    me, twin, _bystander = vera
    before = {area: len(people) for area, people in people_per_area(example_plan).items()}
    assert NAME in dump_text() and EMAIL.lower() in dump_text().lower()  # the scan can fail
    response = client.post(f"/mina-uppgifter/{me.token}/radera/", {"contributions": "keep", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/orebro-2022/personuppgifter/raderade/"

    dump = dump_text()
    for trace in (NAME, "Vera Lindqvist Aberg", "Lindqvist", EMAIL.lower(), "Dansföreningen Piruett", "Hörslinga"):
        assert trace.lower() not in dump.lower(), trace
    assert "Kalle Bystedt" in dump and "Rullstolsplats" in dump  # someone else's data is untouched

    # Contributions stay as anonymous text, and the person still counts towards the thresholds.
    assert Contribution.objects.filter(participant=me).count() == 1
    note = Contribution.objects.get(source="group_note")
    assert note.raw_text == "[borttaget] berättade om Piruetts lokaler; mejla [borttaget]."
    assert note.provenance["redacted"] == "erasure"
    assert {area: len(people) for area, people in people_per_area(example_plan).items()} == before
    assert Registration.objects.filter(participant=me).count() == 1
    assert set(ErasedParticipant.objects.values_list("participant", flat=True)) == {me.pk, twin.pk}

    event = AuditEvent.objects.get(action="privacy.erased")
    assert event.data["participants"] == [me.pk, twin.pk] and event.data["kept_contributions"] is True
    assert event.actor is None

    # The old link no longer leads anywhere.
    gone = client.get(f"/mina-uppgifter/{me.token}/")
    assert gone.status_code == 404 and "Länken fungerar inte" in gone.content.decode()


def test_erasure_can_delete_the_contributions_too(client, vera):
    me, _twin, _ = vera
    client.post(f"/mina-uppgifter/{me.token}/radera/", {"contributions": "delete", "confirm": "on"})
    assert not Contribution.objects.filter(participant=me).exists()
    assert "Fler repetitionslokaler" not in dump_text()
    assert ErasedParticipant.objects.get(participant=me).kept_contributions is False


def test_unknown_token_is_a_friendly_404(client, db):
    for path in ["/mina-uppgifter/finns-inte/", "/mina-uppgifter/finns-inte/ladda-ner/", "/mina-uppgifter/x/radera/"]:
        response = client.get(path)
        assert response.status_code == 404 and "Länken fungerar inte" in response.content.decode()


def test_staff_find_export_and_erase_on_request(client, vera, example_plan):
    me, _twin, _ = vera
    client.force_login(with_role("analytiker", example_plan, "analyst"))
    assert client.get("/personal/orebro-2022/personuppgifter/").status_code == 403
    admin = with_role("admin", example_plan, "administrator")
    client.force_login(admin)
    page = client.post("/personal/orebro-2022/personuppgifter/", {"email": EMAIL.upper()}).content.decode()
    assert NAME in page and "Vera Lindqvist Aberg" in page
    response = client.post(f"/personal/orebro-2022/personuppgifter/{me.pk}/export/")
    assert json.loads(response.content)["data"]["participation.participant"]["records"][0]["email"] == EMAIL
    export = AuditEvent.objects.get(action="privacy.export")
    assert export.actor == admin and export.data["what"] == "data-subject access request"
    assert EMAIL not in json.dumps(export.data)
    # Without the confirmation box nothing happens.
    client.post(f"/personal/orebro-2022/personuppgifter/{me.pk}/radera/", {"contributions": "keep"})
    assert not ErasedParticipant.objects.exists()
    client.post(f"/personal/orebro-2022/personuppgifter/{me.pk}/radera/", {"contributions": "keep", "confirm": "yes"})
    assert ErasedParticipant.objects.get(participant=me).reason == "staff"
    assert NAME not in dump_text()
    assert AuditEvent.objects.get(action="privacy.erased").actor == admin


def test_staff_export_helper_logs_who_what_and_how_much(example_plan):
    from samrad.privacy.exports import log_personal_data_export

    admin = with_role("admin", example_plan, "administrator")
    event = log_personal_data_export(admin, example_plan, "deltagarlista.xlsx", rows=3, fields=["name", "email"])
    assert event.action == "privacy.export" and event.consultation == example_plan
    assert event.data == {"what": "deltagarlista.xlsx", "rows": 3, "fields": ["name", "email"]}


def test_processing_notice_snippet(example_plan):
    from django.template import Context, Template

    html = Template("{% load privacy %}{% processing_notice consultation %}").render(
        Context({"consultation": example_plan})
    )
    assert "Region Örebro län är ansvarig för dina personuppgifter" in html
    assert "6 månader efter att samrådet avslutats" in html
    assert 'href="/orebro-2022/personuppgifter/"' in html


def test_public_record_page(client, example_plan):
    page = client.get("/orebro-2022/personuppgifter/").content.decode()
    assert (
        "Allmänt intresse" in page and "dataskyddsombud@example.org" in page and "Integritetsskyddsmyndigheten" in page
    )


def test_erasure_reaches_texts_other_apps_derived(client, vera, example_plan):
    """Any model linked to the consultation: its free text is scrubbed too (here: reader feedback)."""
    from samrad.results.models import Feedback

    me, _twin, _ = vera
    Feedback.objects.create(
        consultation=example_plan, page="/", helpful=True, comment="Bra sammanfattat, Vera Lindqvist-Åberg!"
    )
    Feedback.objects.create(consultation=example_plan, page="/", helpful=True, comment="Tack för en bra dag.")
    client.post(f"/mina-uppgifter/{me.token}/radera/", {"contributions": "keep", "confirm": "on"})
    assert sorted(Feedback.objects.values_list("comment", flat=True)) == [
        "Bra sammanfattat, [borttaget]!",
        "Tack för en bra dag.",
    ]
    assert AuditEvent.objects.get(action="privacy.erased").data["changed"]["privacy.free_text"] == 1


def test_erasure_gives_up_the_place_and_stops_the_registration_link(
    client, example_plan, mailoutbox, django_capture_on_commit_callbacks
):
    """At an event still to come the erased person's place goes to the first on the waiting list, who is told
    by e-mail; the personal registration link no longer works."""
    import datetime as dt

    from django.utils import timezone

    event = example_plan.events.get(slug="kulturdialog-2022-06-01")
    event.starts_at, event.capacity = timezone.now() + dt.timedelta(days=7), 1
    event.save()
    dans = example_plan.areas.get(slug="dans")
    me = participant(example_plan, NAME, EMAIL)
    mine = register(me, event, dans)
    waiting = register(participant(example_plan, "Kalle Bystedt", "kalle@example.org"), event, dans)
    Registration.objects.filter(pk=waiting.pk).update(status=Registration.Status.WAITLISTED)
    link = f"/anmalan/{mine.token}/"
    assert client.get(link).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mina-uppgifter/{me.token}/radera/", {"contributions": "keep", "confirm": "on"})
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.REGISTERED
    assert [m.to for m in mailoutbox] == [["kalle@example.org"]]
    assert client.get(link).status_code == 404 and mine.token not in link


def test_erasure_blanks_names_analysts_typed_into_the_audit_log(client, vera, example_plan):
    """The log refers to people by id, but an analyst may type a name into a theme line whose before and after
    it keeps: the name is blanked there (the one change the append-only log allows) and the event says so."""
    from samrad.review.actions.common import Actor
    from samrad.review.actions.themes import edit_theme
    from samrad.review.models import Theme

    me, _twin, _ = vera
    theme = Theme.objects.create(
        consultation=example_plan, area=example_plan.areas.get(slug="dans"), label="Lokaler", headline="Lokaler"
    )
    edit_theme(theme, headline="Lokaler, som Lindqvist, Vera sa", label="Lokaler", by=Actor(label="analytiker"))
    client.post(f"/mina-uppgifter/{me.token}/radera/", {"contributions": "keep", "confirm": "on"})
    event = AuditEvent.objects.get(action="review.theme.edit")
    assert event.data["after"]["headline"] == "Lokaler, som [borttaget] sa"
    assert event.data["before"] == {"headline": "Lokaler", "label": "Lokaler"} and event.data["_redacted"] == "erasure"
    assert "Lindqvist" not in dump_text()
    assert AuditEvent.objects.get(action="privacy.erased").data["changed"]["audit.details"] == 1

"""Public follow-up pages and the staff pages, through the real stack."""

import datetime as dt

import pytest

from samrad.accounts.models import ConsultationRole
from samrad.audit.models import AuditEvent
from samrad.followup.models import Activity

pytestmark = pytest.mark.django_db


def test_results_page_includes_the_collaboration_sections(client, example_plan):
    page = client.get("/orebro-2022/resultat/").content.decode()
    assert (
        page.index('id="omrade-teater"')
        < page.index('id="samverkan-kommuner"')
        < page.index('id="samverkan-samhallsomraden"')
    )
    for text in [
        "Samverkansmål i nuvarande kulturplan är fortfarande relevanta",
        "Förslag på gemensamma kommunal-regionala samverkansmål 2024-2027",
        "Mål 1",
        "Mål 3",
        "Strategiska fokusområden",
        "Föreslagna aktiviteter",
        "Kartlägga sociooekonomiska demografiska statistikområden",
        "Energi och klimat",
        "Samhällsplanering",
    ]:
        assert text in page, text
    assert "påhittat exempel" in page  # the invented progress shown beside the real text says so
    assert "Pröva kulturaktiviteter i äldreomsorgen" not in page  # invented activities stay off the page's text


def test_follow_up_pages(client, example_plan):
    index = client.get("/orebro-2022/uppfoljning/").content.decode()
    assert "Påhittad exempeluppföljning" in index
    assert "6 av 40 aktiviteter genomförda (15 %)" in index
    goal = client.get("/orebro-2022/uppfoljning/mal/mal-1/").content.decode()
    assert "Alla barn i länet" in goal and "Status ändrad från Planerad till Pågår." in goal
    sector = client.get("/orebro-2022/uppfoljning/sektor/energi-och-klimat/").content.decode()
    assert "1 av 3 aktiviteter genomförda (33 %)" in sector and "1 avbruten" in sector
    activity = client.get("/orebro-2022/uppfoljning/aktivitet/tr-konsekvensanalys/").content.decode()
    assert "Svårare att ta del av musik på landsbygden" in activity
    assert "/orebro-2022/resultat/#omrade-musik" in activity
    assert client.get("/orebro-2022/samverkan/").status_code == 200
    assert client.get("/orebro-2022/uppfoljning/mal/finns-inte/").status_code == 404
    assert client.get("/en/orebro-2022/uppfoljning/").content.decode().count("Invented example follow-up") == 1


def test_open_data(client, example_plan):
    data = client.get("/orebro-2022/uppfoljning/oppna-data.json").json()
    assert data["invented"] is True
    assert [g["name"] for g in data["goals"]] == ["Mål 1", "Mål 2", "Mål 3"]
    dropped = next(a for a in data["activities"] if a["slug"] == "ek-hallbara-resor")
    assert dropped["status"] == "dropped" and dropped["notes"][-1]["status_to"] == "dropped"
    Activity.objects.filter(slug="tr-samtal").update(text='=HYPERLINK("x")')
    csv_text = client.get("/orebro-2022/uppfoljning/aktiviteter.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text  # formula injection neutralised


@pytest.fixture
def analyst(client, example_plan, django_user_model):
    user = django_user_model.objects.create_user("analyst")
    ConsultationRole.objects.create(user=user, consultation=example_plan, role="analyst")
    client.force_login(user)
    return user


def test_staff_pages_need_the_rule(client, example_plan, django_user_model):
    assert client.get("/orebro-2022/uppfoljning/hantera/").status_code == 302
    client.force_login(django_user_model.objects.create_user("x"))
    assert client.get("/orebro-2022/uppfoljning/hantera/").status_code == 403
    activity = Activity.objects.get(slug="tr-samtal")
    response = client.post(
        f"/orebro-2022/uppfoljning/hantera/aktivitet/{activity.pk}/anteckning/",
        {"note-date": "2025-01-01", "note-status": "done", "note-text": "x"},
    )
    assert response.status_code == 403
    assert not activity.notes.exists()


def test_a_note_changes_the_status_and_is_audited(client, analyst, example_plan):
    activity = Activity.objects.get(slug="tr-samtal")
    url = f"/orebro-2022/uppfoljning/hantera/aktivitet/{activity.pk}/anteckning/"
    response = client.post(
        url, {"note-date": "2025-02-03", "note-status": "ongoing", "note-text": "Möten varje månad."}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "ongoing"
    event = AuditEvent.objects.get(action="followup.note.created")
    assert event.data["status_before"] == "proposed" and event.data["status_after"] == "ongoing"
    page = client.get("/orebro-2022/uppfoljning/aktivitet/tr-samtal/").content.decode()
    assert "Status ändrad från Föreslagen till Pågår." in page and "Möten varje månad." in page


def test_rejected_note_keeps_the_input_and_names_the_field(client, analyst, example_plan):
    activity = Activity.objects.get(slug="tr-samtal")
    url = f"/orebro-2022/uppfoljning/hantera/aktivitet/{activity.pk}/anteckning/"
    page = client.post(url, {"note-date": "2030-05-01", "note-status": "", "note-text": "Min text"}).content.decode()
    assert "Datumet måste ligga inom planperioden, 2024–2027." in page or "dagens datum" in page
    assert "Min text" in page and 'aria-invalid="true"' in page
    page = client.post(url, {"note-date": "2025-05-01", "note-status": "", "note-text": ""}).content.decode()
    assert "Skriv vad som har hänt, eller välj en ny status." in page
    assert not activity.notes.exists()


def test_staff_create_activity_with_period_and_themes(client, analyst, example_plan):
    goal = example_plan.goals.get(slug="mal-2")
    data = {
        "activity-text": "Kulturombud på vårdcentraler",
        "activity-goals": [goal.pk],
        "activity-responsible": "Välfärd och folkhälsa",
        "activity-starts": "2023-01-01",
        "activity-ends": "2025-12-31",
        "activity-themes": "teater/utmaningar: Teater och hälsa\nokand: x",
    }
    page = client.post("/orebro-2022/uppfoljning/hantera/aktivitet/ny/", data).content.decode()
    assert "planperioden, 2024–2027" in page and "Rad 2: &#x27;okand&#x27;" in page
    assert "Kulturombud på vårdcentraler" in page
    data["activity-starts"] = "2025-01-01"
    data["activity-themes"] = "teater/utmaningar: Teater och hälsa"
    response = client.post("/orebro-2022/uppfoljning/hantera/aktivitet/ny/", data)
    assert response.status_code == 302
    activity = Activity.objects.get(text="Kulturombud på vårdcentraler")
    assert activity.slug == "kulturombud-pa-vardcentraler" and not activity.from_file
    assert list(activity.goals.all()) == [goal]
    assert activity.theme_links.get().area_slug == "teater"
    assert AuditEvent.objects.filter(action="followup.activity.created").exists()


def test_staff_edit_goal_and_delete_note(client, analyst, example_plan):
    goal = example_plan.goals.get(slug="mal-1")
    response = client.post(
        f"/orebro-2022/uppfoljning/hantera/mal/{goal.pk}/",
        {"name": "Mål 1", "text": goal.text, "target_groups": "Barn\nUnga", "collaboration": goal.collaboration_id},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.target_groups == ["Barn", "Unga"]
    activity = Activity.objects.get(slug="ua-kaa")
    note = activity.notes.get()
    response = client.post(f"/orebro-2022/uppfoljning/hantera/anteckning/{note.pk}/ta-bort/")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "proposed"
    assert AuditEvent.objects.get(action="followup.note.deleted").data["date"] == dt.date(2024, 5, 21).isoformat()


def test_staff_upload_places(client, analyst, example_plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("p.csv", b"name,latitude,longitude\nLangt bort,55.6,13.0\n", content_type="text/csv")
    page = client.post("/orebro-2022/uppfoljning/hantera/motesplatser/", {"file": bad}).content.decode()
    assert "Filen lästes inte in: 1 fel." in page and "p.csv, rad 2" in page
    good = SimpleUploadedFile("p.csv", b"name,latitude,longitude\nHemma,59.2741,15.2066\n", content_type="text/csv")
    response = client.post("/orebro-2022/uppfoljning/hantera/motesplatser/", {"file": good})
    assert response.status_code == 302
    assert example_plan.meeting_places.get().municipality.slug == "orebro"

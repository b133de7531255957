"""Run inside a `samrad shell` of its own (see test_erasure_scan.py), against a database on disk.

    build  A person signs up through the page (the confirmation e-mail lands in var/mail), takes the last
           place (the next person waits), leaves survey contact details and an answer, is named in a group
           note ("Lindqvist, Vera" and "Lindqvist"), in a file an analyst checked on the import page but did
           not import, and in a theme headline and label an analyst typed.
    erase  The person erases themselves through their personal link.

Each returns what the test checks, with a scan of var/ made before the process ends: closing SQLite's last
connection empties the -wal file, but a running site keeps its connections open.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.utils import timezone

NAME, EMAIL = "Vera Lindqvist-Åberg", "vera.lindqvist@example.net"
TRACES = (NAME, "Lindqvist", "Åberg", EMAIL, "Hörslinga")
EVENT = "kulturdialog-2022-06-01"


def build() -> dict:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samrad.accounts.models import ConsultationRole
    from samrad.consultations.loader import load_file
    from samrad.intake.models import Contribution, SurveyContact
    from samrad.participation.consent import consent_text
    from samrad.participation.models import ConsentText, Participant, Registration
    from samrad.review.actions.common import Actor
    from samrad.review.actions.themes import edit_theme
    from samrad.review.models import Theme

    consultation, _report = load_file("examples/orebro-2022/consultation.toml")
    event = consultation.events.get(slug=EVENT)
    now = timezone.now()
    event.registration_opens_at, event.registration_closes_at = now - dt.timedelta(days=1), now + dt.timedelta(days=5)
    event.starts_at = now + dt.timedelta(days=7)
    event.ends_at, event.capacity = event.starts_at + dt.timedelta(hours=3), 1
    event.save()
    dans, question = consultation.areas.get(slug="dans"), consultation.questions.first()

    client = Client(HTTP_HOST="localhost")
    url = f"/{consultation.slug}/dialoger/{EVENT}/anmalan/"
    form = {
        "organisation": "",
        "role_category": consultation.role_categories.first().pk,
        "municipality": consultation.municipalities.first().pk,
        "area": dans.pk,
        "consent": "on",
        "consent_version": ConsentText.version_of(consent_text(event)),
    }
    for name, email, needs in ((NAME, EMAIL, "Hörslinga"), ("Kalle Bystedt", "kalle@example.org", "")):
        response = client.post(url, {**form, "name": name, "email": email, "needs": needs})
        assert response.status_code == 302, response.content.decode()[:3000]
    vera = Participant.objects.get(email=EMAIL)
    registration = Registration.objects.get(participant=vera)

    SurveyContact.objects.create(consultation=consultation, name=NAME, email=EMAIL, month=now.date().replace(day=1))
    received = dt.datetime(2022, 6, 3, 12, 0, tzinfo=dt.UTC)
    common = {"consultation": consultation, "area": dans, "question": question, "received_at": received}
    Contribution.objects.create(**common, participant=vera, source="survey", raw_text="Fler repetitionslokaler.")
    Contribution.objects.create(
        **common, source="group_note", raw_text="Lindqvist, Vera berättade. Lindqvist vill ha fler lokaler."
    )

    analyst = get_user_model().objects.create_user("analytiker", "a@example.org", "korrekt-hast-batteri-42")
    ConsultationRole.objects.create(user=analyst, consultation=consultation, role="analyst")
    staff = Client(HTTP_HOST="localhost")
    staff.force_login(analyst)
    export = f"ID;Namn;E-post;Svar\n1;{NAME};{EMAIL};Mer dans i skolan\n2;Kalle Bystedt;kalle@example.org;Ja\n"
    upload = SimpleUploadedFile("export.csv", export.encode("utf-8"), content_type="text/csv")
    checked = staff.post(f"/{consultation.slug}/import/", {"action": "check", "file": upload, "mapping": ""})
    assert checked.status_code in (200, 400), checked.status_code

    theme = Theme.objects.create(
        consultation=consultation, area=dans, question=question, label="Lokaler", headline="Fler lokaler behövs"
    )
    edit_theme(theme, headline=f"Lokaler, som {NAME} sa", label="Lindqvist-Åbergs förslag", by=Actor(user=analyst))
    return {
        "token": vera.token,
        "registration_token": registration.token,
        "registration": registration.pk,
        "found": scan(),
    }


def erase(state: dict) -> dict:
    from samrad.participation.models import Registration

    client = Client(HTTP_HOST="localhost")
    response = client.post(f"/mina-uppgifter/{state['token']}/radera/", {"contributions": "keep", "confirm": "on"})
    assert response.status_code == 302, response.status_code
    link = client.get(f"/anmalan/{state['registration_token']}/")
    return {
        "link_status": link.status_code,
        "statuses": dict(Registration.objects.values_list("participant__email", "status")),
        "erased_registration": Registration.objects.get(pk=state["registration"]).status,
        "found": scan(),
        "wal_bytes": wal.stat().st_size if (wal := Path(settings.VAR_DIR) / "samrad.sqlite3-wal").exists() else None,
    }


def scan() -> list[tuple[str, str]]:
    """(file under var/, trace) for every trace of the person in every file: the SQLite database and its -wal,
    media/ (imports, pending imports), mail/."""
    found = []
    var = Path(settings.VAR_DIR)
    for path in sorted(var.rglob("*")):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace").lower()
            found += [(str(path.relative_to(var)), t) for t in TRACES if t.lower() in text]
    return found

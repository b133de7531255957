"""Staff registration list: permissions per role, filters, exports (CSV/XLSX, formula injection), audit."""

import csv
import io

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from openpyxl import load_workbook

from samrad.audit.models import AuditEvent
from samrad.participation.models import Registration
from tests.participation.conftest import EVENT, add_registrations

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(example_plan):
    event = example_plan.events.get(slug=EVENT)
    add_registrations(
        event,
        [
            ("=HYPERLINK(evil)", "teater", "orebro", "kulturskapare"),
            ("Berit Berg", "musik", "nora", "kommun"),
            ("Carl Cello", "musik", "orebro", "civilsamhalle", Registration.Status.WAITLISTED),
        ],
    )
    return event


def urls(event):
    args = [event.consultation.slug, event.slug]
    return {
        "list": reverse("participation:registrations", args=args),
        "csv": reverse("participation:export_csv", args=args),
        "xlsx": reverse("participation:export_xlsx", args=args),
        "walk_in": reverse("participation:walk_in", args=args),
        "groups": reverse("participation:groups", args=args),
    }


# (page, role) -> allowed. Rules: view_registrations = admin|analyst|facilitator; export = admin; manage = admin.
ALLOWED = {
    "list": {"administrator", "analyst", "facilitator"},
    "groups": {"administrator", "analyst", "facilitator"},
    "csv": {"administrator"},
    "xlsx": {"administrator"},
}


@pytest.mark.parametrize("role", ["administrator", "analyst", "facilitator", "participant", None])
def test_permissions(client, event, users, role):
    if role:
        client.force_login(users[role])
    for page, allowed in ALLOWED.items():
        response = client.get(urls(event)[page])
        if role is None:
            assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)), (
                page
            )
        elif role in allowed:
            assert response.status_code == 200, page
        else:
            assert response.status_code == 403, page


def test_walk_in_and_status_need_manage_rights(client, event, users):
    reg = Registration.objects.filter(event=event).first()
    status_url = reverse("participation:status", args=[event.consultation.slug, event.slug, reg.pk])
    client.force_login(users["facilitator"])
    assert client.post(status_url, {"status": "no_show"}).status_code == 403
    assert client.post(urls(event)["walk_in"], {"name": "X"}).status_code == 403
    client.force_login(users["administrator"])
    assert client.post(status_url, {"status": "no_show"}).status_code == 302
    assert Registration.objects.get(pk=reg.pk).status == "no_show"


def test_filters(client, event, users):
    client.force_login(users["facilitator"])
    musik = event.consultation.areas.get(slug="musik").pk
    html = client.get(urls(event)["list"], {"area": musik}).content.decode()
    assert "Berit Berg" in html and "Carl Cello" in html and "HYPERLINK" not in html
    html = client.get(urls(event)["list"], {"area": musik, "status": "waitlisted"}).content.decode()
    assert "Carl Cello" in html and "Berit Berg" not in html
    nora = event.consultation.municipalities.get(slug="nora").pk
    html = client.get(urls(event)["list"], {"municipality": nora}).content.decode()
    assert "Berit Berg" in html and "Carl Cello" not in html
    # Facilitators see no export links (they may not export personal data).
    assert "export.csv" not in html


def test_csv_export_neutralises_formulas_and_is_audited(client, event, users):
    client.force_login(users["administrator"])
    response = client.get(urls(event)["csv"])
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Namn", "E-post", "Organisation"]
    names = [r[0] for r in rows[1:]]
    assert "'=HYPERLINK(evil)" in names and "=HYPERLINK(evil)" not in names
    audit = AuditEvent.objects.get(action="registrations.exported")
    assert audit.actor == users["administrator"] and audit.data["rows"] == 3 and audit.data["format"] == "csv"


def test_xlsx_export_is_readable_and_filtered(client, event, users):
    client.force_login(users["administrator"])
    musik = event.consultation.areas.get(slug="musik").pk
    response = client.get(urls(event)["xlsx"], {"area": musik})
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "Namn"
    assert sorted(v[0] for v in values[1:]) == ["Berit Berg", "Carl Cello"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    audit = AuditEvent.objects.get(action="registrations.exported")
    assert audit.data["filters"] == {"area": "musik"}


def test_xlsx_cell_with_formula_is_text(client, event, users):
    client.force_login(users["administrator"])
    ws = load_workbook(io.BytesIO(client.get(urls(event)["xlsx"]).content)).active
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert "'=HYPERLINK(evil)" in [c.value for c in cells]
    assert all(c.data_type == "s" for c in cells)


def test_walk_in_form_errors_are_shown(client, event, users):
    client.force_login(users["administrator"])
    response = client.post(urls(event)["walk_in"], {"name": "", "email": "bad"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(urls(event)["walk_in"], {"name": "Walk In", "area": event.consultation.areas.first().pk})
    assert response.status_code == 302
    reg = Registration.objects.get(participant__name="Walk In")
    assert reg.status == "attended" and reg.source == "walk_in"


def test_duplicate_emails_are_reported(client, event, users):
    add_registrations(event, [("Berit Berg", "dans", "kumla", "kommun")])  # same generated e-mail
    client.force_login(users["facilitator"])
    html = client.get(urls(event)["list"]).content.decode()
    assert "Samma e-postadress är anmäld mer än en gång" in html and "berit.berg@example.org" in html


def test_next_cannot_redirect_elsewhere(client, event, users):
    client.force_login(users["administrator"])
    reg = Registration.objects.filter(event=event).first()
    status_url = reverse("participation:status", args=[event.consultation.slug, event.slug, reg.pk])
    response = client.post(status_url, {"status": "attended", "next": "https://evil.example/"})
    assert response["Location"] == urls(event)["list"]
